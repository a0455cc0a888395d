"""Audit trail: every change through a screen or the API is recorded with old → new values, the log is
append-only and hash-chained, and the verify command finds tampering."""
import html
import json
import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, text

from tests.conftest import text_of, unique


def _entries(db, table, row_id):
    from app.audit.models import AuditEntry

    return (db.session.query(AuditEntry).filter_by(table_name=table, row_id=str(row_id))
            .order_by(AuditEntry.id).all())


def _audit_rows(response):
    """The text of each row of the audit list."""
    body = response.get_data(as_text=True)
    table = body[body.index('data-test="audit-entries"'):]
    table = table[table.index("<tbody>"):table.index("</tbody>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in table.split("<tr>")[1:]
            if "colspan" not in row]  # the "nothing found" row


def _own_company(db, username="operator"):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company


def test_change_through_screen_is_audited_with_old_and_new_values(client_as, db):
    company = _own_company(db)
    old_phone, new_phone = company.phone, "0215" + unique()[:6].translate(str.maketrans("abcdef", "123456"))
    client = client_as("operator")
    form = client.get(f"/companyview/edit/{company.id}")
    assert form.status_code == 200
    data = {
        "name": company.name, "legal_form": company.legal_form_code, "nib": company.nib, "npwp": company.npwp,
        "kbli": company.kbli_id or "", "employer_type": company.employer_type_code, "address": company.address,
        "kecamatan": company.kecamatan_code, "desa": company.desa_code, "postal_code": company.postal_code or "",
        "phone": new_phone, "email": company.email or "", "contact_name": company.contact_name or "",
        "contact_phone": company.contact_phone or "", "headcount_male": company.headcount_male,
        "headcount_female": company.headcount_female, "bpjs_tk_number": company.bpjs_tk_number or "",
    }
    response = client.post(f"/companyview/edit/{company.id}", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    entry = _entries(db, "company", company.id)[-1]
    changes = json.loads(entry.changes)
    assert entry.action == "update" and entry.username == "operator"
    assert changes["phone"] == [old_phone, new_phone]
    assert entry.ip == "127.0.0.1"


def test_change_through_api_is_audited(api_as, db):
    from app.security.models import AppUser

    company = _own_company(db)
    api = api_as("operator")
    created = api.post("/api/v1/branch/", json={"name": "Gudang " + unique(), "address": "Jl. Raya Serang Km 20",
                                                "kecamatan_code": company.kecamatan_code, "headcount": 12})
    assert created.status_code == 201, created.get_data(as_text=True)
    branch_id = created.get_json()["id"]
    assert api.put(f"/api/v1/branch/{branch_id}", json={"headcount": 15}).status_code == 200
    assert api.delete(f"/api/v1/branch/{branch_id}").status_code == 200
    actions = [(e.action, json.loads(e.changes).get("headcount")) for e in _entries(db, "branch", branch_id)]
    assert actions == [("insert", [None, 12]), ("update", [12, 15]), ("delete", [15, None])]
    operator_id = db.session.query(AppUser.id).filter_by(username="operator").scalar()
    assert {e.user_id for e in _entries(db, "branch", branch_id)} == {operator_id}


def test_audit_entries_cannot_be_changed_through_the_application(db):
    from app.audit.models import AuditEntry

    entry = db.session.query(AuditEntry).first()
    entry.username = "someone else"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_tampering_is_detected_and_the_first_broken_entry_named(app, db):
    from app.audit.chain import verify_chain
    from app.audit.models import AuditEntry

    checked, broken = verify_chain(db.session)
    assert broken is None and checked > 0
    victim = db.session.query(AuditEntry).order_by(AuditEntry.id).offset(checked // 2).first()
    original = victim.changes
    conn = db.session.connection()
    postgres = conn.dialect.name == "postgresql"
    if postgres:  # the trigger refuses the update; a tamperer with superuser rights disables it first
        with pytest.raises(Exception):
            with conn.begin_nested():
                conn.execute(text("UPDATE audit_entry SET changes = '{}' WHERE id = :id"), {"id": victim.id})
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    conn.execute(text("UPDATE audit_entry SET changes = :c WHERE id = :id"),
                 {"c": '{"phone": ["x", "y"]}', "id": victim.id})
    db.session.commit()
    try:
        result = app.test_cli_runner().invoke(args=["dnaker", "verify-audit"])
        assert result.exit_code == 1
        assert f"#{victim.id}" in result.output
    finally:
        conn = db.session.connection()
        conn.execute(text("UPDATE audit_entry SET changes = :c WHERE id = :id"), {"c": original, "id": victim.id})
        if postgres:
            conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"))
        db.session.commit()
    assert app.test_cli_runner().invoke(args=["dnaker", "verify-audit"]).exit_code == 0


def test_audit_screen_filters_and_record_history_link(client_as, db):
    company = _own_company(db)
    kadis = client_as("kadis")
    show = kadis.get(f"/companyview/show/{company.id}").get_data(as_text=True)
    assert "Riwayat perubahan data" in show
    link = re.search(r'href="(/auditentryview/list/\?[^"]+)"[^>]*>\s*<i class="fa fa-history"', show).group(1)
    history = kadis.get(html.unescape(link))
    assert history.status_code == 200
    rows = _audit_rows(history)
    assert rows and all(f"Perusahaan #{company.id}" in row or f"Data Perusahaan #{company.id}" in row for row in rows)
    # An operator has no audit screen and no history link.
    operator = client_as("operator")
    assert operator.get("/auditentryview/list/").status_code == 403
    assert "Riwayat perubahan data" not in operator.get(f"/companyview/show/{company.id}").get_data(as_text=True)


def test_audit_screen_has_no_write_endpoints_even_for_admin(client_as, db):
    from tests.conftest import ADMIN_PASSWORD
    from app.audit.models import AuditEntry

    admin = client_as("admin", ADMIN_PASSWORD)
    entry_id = db.session.query(AuditEntry.id).first()[0]
    assert admin.get(f"/auditentryview/show/{entry_id}").status_code == 200
    for url in (f"/auditentryview/edit/{entry_id}", f"/auditentryview/delete/{entry_id}", "/auditentryview/add"):
        assert admin.post(url).status_code in (403, 404, 405)
    assert db.session.get(AuditEntry, entry_id) is not None


def test_the_kepala_dinas_reads_who_changed_what_in_plain_words(client_as, db):
    """A change reads as the record's label, the field's screen label, old → new values as on screens, the
    person's full name and the time in WIB; filters by person, record and dates find it; hashes are folded."""

    company = _own_company(db)
    db.session.expire_all()
    old_phone, new_phone = company.phone, "0215" + str(datetime.now().microsecond).zfill(6)
    operator = client_as("operator")
    form = operator.get(f"/companyview/edit/{company.id}")
    assert form.status_code == 200
    data = {name: value for name, value in re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', form.get_data(as_text=True))}
    data = {**data, **{field: getattr(company, attr) or "" for field, attr in (
        ("legal_form", "legal_form_code"), ("employer_type", "employer_type_code"), ("kecamatan", "kecamatan_code"),
        ("desa", "desa_code"), ("kbli", "kbli_id"))}, "address": company.address, "phone": new_phone}
    assert operator.post(f"/companyview/edit/{company.id}", data=data).status_code == 302
    db.session.expire_all()
    entry = _entries(db, "company", company.id)[-1]
    assert json.loads(entry.changes)["phone"] == [old_phone, new_phone]

    kadis = client_as("kadis")
    today = datetime.now(timezone(timedelta(hours=7))).strftime("%d-%m-%Y")
    listed = kadis.get(f"/auditentryview/list/?pengguna=Rina+Marlina&data=company&id={company.id}"
                       f"&dari={today}&sampai={today}")
    rows = _audit_rows(listed)
    assert rows, text_of(listed)[:2000]
    newest = rows[0]
    assert "Rina Marlina" in newest and "Diubah" in newest and f"#{company.id}" in newest and "Telepon" in newest
    assert "WIB" in newest and "update" not in newest and "company" not in newest
    assert f'href="/companyview/show/{company.id}"' in listed.get_data(as_text=True)  # a link to the record
    # Nothing that day for another person, and nothing for this record before it existed.
    assert not _audit_rows(kadis.get(f"/auditentryview/list/?pengguna=Yusuf+Hidayat&data=company&id={company.id}"
                                     f"&dari={today}"))
    assert not _audit_rows(kadis.get(f"/auditentryview/list/?data=company&id={company.id}&sampai=01-01-2000"))

    shown = kadis.get(f"/auditentryview/show/{entry.id}")
    page = shown.get_data(as_text=True)
    start = page.index('data-test="audit-changes"')
    changes = page[start:page.index("</table>", start)]
    assert re.search(rf"<td>Telepon</td><td>{re.escape(old_phone or '–')}</td><td>{new_phone}</td>", changes), changes
    assert "{" not in changes and "phone" not in changes  # no JSON, no column names
    chain = page[page.index('data-test="audit-chain"'):]
    assert entry.hash in chain and "<summary>" in chain  # the hashes only inside the fold
    assert entry.hash not in page[:page.index('data-test="audit-chain"')]


def test_audit_values_read_as_on_screens(app, db):
    """Dates, times, yes/no, empty values and codes of stored changes read like the rest of the system."""
    from app.audit import trail

    with app.test_request_context():
        assert trail.format_value("pkwt_contract", "start_date", "2026-11-29") == "29 November 2026"
        assert trail.format_value("ab_user", "active", True) == "Ya"
        verified_at = trail.format_value("company", "verified_at", "2026-11-29T04:36:35.123456")
        assert verified_at == "29 November 2026 11.36 WIB"
        assert trail.format_value("company", "phone", None) == "–"
        assert trail.format_value("pkwt_submission", "source", "batch") == "Unggah Excel"
        assert trail.record_label("company") != "company" and trail.field_label("company", "phone") == "Telepon"
        assert trail.action_label("insert") == "Dibuat"


def _audited_change(db):
    """One new audit entry (a company's phone changed); returns its id."""
    from app.audit.models import AuditEntry

    company = _own_company(db)
    company.phone = "021" + str(int(unique()[:6], 16))[:7]
    db.session.commit()
    return db.session.query(func.max(AuditEntry.id)).scalar()


@contextmanager
def _newest_entries_deleted(db, count):
    """Delete the newest audit entries as someone with the database's rights would, then put them back."""
    conn = db.session.connection()
    postgres = conn.dialect.name == "postgresql"
    rows = [dict(r._mapping) for r in conn.execute(
        text("SELECT * FROM audit_entry ORDER BY id DESC LIMIT :n"), {"n": count})]
    if postgres:
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    conn.execute(text("DELETE FROM audit_entry WHERE id >= :id"), {"id": rows[-1]["id"]})
    db.session.commit()
    try:
        yield rows
    finally:
        conn = db.session.connection()
        columns = list(rows[0])
        conn.execute(text(f"INSERT INTO audit_entry ({', '.join(columns)}) VALUES "
                          f"({', '.join(':' + c for c in columns)})"), rows)
        if postgres:
            conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"))
        db.session.commit()


def _verify(app, *args):
    return app.test_cli_runner().invoke(args=["dnaker", "verify-audit", *args])


def test_deleting_the_newest_entries_is_detected_by_the_signed_checkpoint(app, db):
    _audited_change(db)
    head = _audited_change(db)
    anchored = _verify(app, "--checkpoint")
    assert anchored.exit_code == 0, anchored.output
    assert f'"id": {head}' in anchored.output  # the signed head, to keep outside the server too
    with _newest_entries_deleted(db, 2):
        result = _verify(app)
        assert result.exit_code == 1
        assert f"TERPOTONG: entri #{head}" in result.output
    assert _verify(app).exit_code == 0


def test_hourly_checkpoint_anchors_new_entries_and_refuses_a_truncated_chain(app, db):
    from app.audit.chain import read_checkpoints
    from app.audit.tasks import checkpoint_audit_chain

    head = _audited_change(db)
    assert checkpoint_audit_chain()["head"] == head
    assert read_checkpoints()[0][-1]["id"] == head
    with _newest_entries_deleted(db, 1):
        before = len(read_checkpoints()[0])
        assert checkpoint_audit_chain()["missing"] == [head]
        assert len(read_checkpoints()[0]) == before  # no new anchor over a truncated chain
    later = _audited_change(db)
    assert checkpoint_audit_chain() == {"checked": 2, "broken": None, "head": later, "missing": [], "forged": 0}


def test_a_forged_checkpoint_is_reported(app, db):
    from pathlib import Path

    _audited_change(db)
    assert _verify(app, "--checkpoint").exit_code == 0
    path = Path(app.config["AUDIT_CHECKPOINT_FILE"])
    original = path.read_text()
    last = json.loads(original.splitlines()[-1])
    try:
        # a database user who deleted rows writes a checkpoint of the shortened chain: no key, no valid signature
        path.write_text(original + json.dumps({**last, "id": last["id"] - 1, "sig": "0" * 64}) + "\n")
        result = _verify(app)
        assert result.exit_code == 1 and "PALSU" in result.output
    finally:
        path.write_text(original)


def test_a_computed_value_of_a_row_is_not_audited(db):
    """A user's unread-notification count is read with the user on every request (not data): deleting a user so
    loaded records what was stored, not the count."""
    from sqlalchemy.orm import undefer

    from app.security.models import AppUser

    user = AppUser(first_name="Audit", last_name="Tanpa Hitungan", username=unique("audit"), active=True,
                   email=unique("audit") + "@demo.dnaker.local")
    db.session.add(user)
    db.session.commit()
    user_id = user.id
    db.session.expunge_all()
    user = db.session.get(AppUser, user_id, options=[undefer(AppUser.unread_notifications)])
    assert user.unread_notifications == 0
    db.session.delete(user)
    db.session.commit()
    entry = _entries(db, "ab_user", user_id)[-1]
    changes = entry.changes if isinstance(entry.changes, dict) else json.loads(entry.changes)
    assert changes["username"][0] == user.username
    assert "unread_notifications" not in changes
