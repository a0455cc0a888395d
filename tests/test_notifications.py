"""Notifications: one per key, e-mailed through a real SMTP server after commit, retried after a failure,
switched off per kind, and an inbox that shows each user only their own."""
import random

import pytest

from seed.demo import DEMO_PASSWORD
from tests.conftest import ADMIN_PASSWORD, text_of, unique
from tests.mail import start_smtp


def make_user(role="Pencari Kerja"):
    from flask import current_app

    sm = current_app.appbuilder.sm
    username = unique("notif.")
    user = sm.add_user(username, "Wulan", "Sari", f"{username}@contoh.id", sm.find_role(role), DEMO_PASSWORD)
    assert user, "user not created"
    return user


def rows(db, key):
    from app.core.notifications import Notification

    db.session.expire_all()
    return db.session.query(Notification).filter_by(key=key).all()


def test_same_key_notifies_and_mails_once(db, smtp):
    from app.core.notifications import notify_and_send

    user, key = make_user(), unique("twice-")
    first = notify_and_send(user.id, "account", key, "Judul — uji sekali", "Isi pesan.", "/notifikasi/list/")
    second = notify_and_send(user.id, "account", key, "Judul — uji sekali", "Isi pesan.", "/notifikasi/list/")

    assert first is not None and second is None
    assert [r.email_status for r in rows(db, key)] == ["sent"]
    mails = smtp.to(user.email)
    assert len(mails) == 1
    assert mails[0]["Subject"] == "Judul — uji sekali"  # UTF-8 header
    text = mails[0].get_content()
    assert text.startswith("Yth. Wulan Sari,") and "Isi pesan." in text
    assert "Selengkapnya: http://127.0.0.1:8080/notifikasi/list/" in text


def test_known_key_leaves_the_callers_transaction_intact(db):
    """A key already stored (by a re-run, or a concurrent process that got there first) is refused by the
    unique constraint without an error, so the rest of the caller's transaction still commits."""
    from app.core.notifications import NotificationPreference, notify

    user, key = make_user(), unique("race-")
    notify(user.id, "account", key, "Pertama", "Isi.")
    db.session.commit()

    db.session.add(NotificationPreference(user_id=user.id, kind="other", in_app=True, email=False))
    assert notify(user.id, "account", key, "Kedua", "Isi.") is None
    db.session.commit()

    assert [r.title for r in rows(db, key)] == ["Pertama"]
    assert db.session.query(NotificationPreference).filter_by(user_id=user.id, kind="other").one()


def test_rolled_back_caller_notifies_nobody(db, smtp):
    from app.core.notifications import notify, send_pending_emails

    user, key = make_user(), unique("rollback-")
    notify(user.id, "account", key, "Tidak jadi", "Isi.")
    db.session.rollback()
    send_pending_emails()

    assert rows(db, key) == [] and smtp.to(user.email) == []


def test_opt_out_of_email_keeps_the_inbox_row(db, smtp):
    from app.core.notifications import notify_and_send, set_preference

    quiet, hidden = make_user(), make_user()
    set_preference(quiet.id, "account", in_app=True, email=False)
    set_preference(hidden.id, "account", in_app=False, email=True)
    db.session.commit()
    quiet_key, hidden_key = unique("quiet-"), unique("hidden-")
    notify_and_send(quiet.id, "account", quiet_key, "Tanpa e-mail", "Isi.")
    notify_and_send(hidden.id, "account", hidden_key, "Tanpa kotak masuk", "Isi.")

    [row] = rows(db, quiet_key)
    assert row.email_status == "off" and row.read_at is None
    assert smtp.to(quiet.email) == []
    [row] = rows(db, hidden_key)
    assert row.email_status == "sent" and row.read_at is not None  # stored, but not waiting to be read
    assert len(smtp.to(hidden.email)) == 1


def test_failed_send_keeps_the_row_and_is_retried(db, mail_config):
    from app.core.notifications import notify_and_send, send_pending_emails

    user, key = make_user(), unique("retry-")
    notify_and_send(user.id, "account", key, "Dikirim ulang", "Isi.")  # nothing listens on the port yet
    [row] = rows(db, key)
    assert row.email_status == "failed" and row.emailed_at is None

    controller, mailbox = start_smtp(mail_config)
    try:
        assert send_pending_emails() >= 1
    finally:
        controller.stop()
    [row] = rows(db, key)
    assert row.email_status == "sent" and row.emailed_at is not None
    assert [m["Subject"] for m in mailbox.to(user.email)] == ["Dikirim ulang"]


def _notify(db, user, title, link=None):
    from app.core.notifications import notify

    notification = notify(user.id, "account", unique("inbox-"), title, "Isi " + title, link)
    db.session.commit()
    return notification.id


@pytest.mark.parametrize("viewer", ["own", "admin"])
def test_inbox_shows_only_own_notifications(db, client_as, viewer):
    from flask import current_app

    from app.core.notifications import Notification

    owner, other = make_user(), make_user()
    if viewer == "admin":
        owner = current_app.appbuilder.sm.find_user(username="admin")
    mine, theirs = unique("Milik saya "), unique("Milik orang lain ")
    my_id, their_id = _notify(db, owner, mine), _notify(db, other, theirs)
    client = client_as(owner.username, ADMIN_PASSWORD if viewer == "admin" else DEMO_PASSWORD)

    page = client.get("/notifikasi/list/")
    assert page.status_code == 200
    assert mine in text_of(page) and theirs not in text_of(page)
    assert client.get(f"/notifikasi/show/{my_id}").status_code == 200
    assert client.get(f"/notifikasi/show/{their_id}").status_code == 404
    for url in (f"/notifikasi/edit/{their_id}", f"/notifikasi/delete/{their_id}", "/notifikasi/action_post",
                f"/notifikasi/action/delete/{their_id}"):
        assert client.post(url, data={"action": "delete", "rowid": their_id}).status_code == 404
    assert client.post("/notifikasi/baca", data={"id": their_id}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Notification, their_id).read_at is None


def test_mark_as_read_by_post_only(db, client_as):
    from app.core.notifications import Notification

    user = make_user()
    first, second = _notify(db, user, unique("Satu ")), _notify(db, user, unique("Dua "))
    client = client_as(user.username)

    def read_states():
        db.session.expire_all()
        return [db.session.get(Notification, pk).read_at is not None for pk in (first, second)]

    assert "Belum dibaca: 2" in text_of(client.get("/notifikasi/list/"))
    assert client.get("/notifikasi/baca").status_code == 405
    assert client.get(f"/notifikasi/baca?id={first}").status_code == 405
    assert client.get(f"/notifikasi/show/{first}").status_code == 200
    assert read_states() == [False, False]

    response = client.post("/notifikasi/baca", data={"id": first})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/notifikasi/show/{first}")
    assert read_states() == [True, False]
    assert "Belum dibaca: 1" in text_of(client.get("/notifikasi/list/"))

    assert client.post("/notifikasi/baca").status_code == 302
    assert read_states() == [True, True]


def test_preferences_page_switches_kinds(db, client_as, smtp):
    from app.core.notifications import notify_and_send, preference

    user = make_user()
    client = client_as(user.username)
    page = client.get("/notifikasi/pengaturan")
    assert page.status_code == 200 and "Akun dan pendaftaran" in text_of(page)
    assert 'name="csrf_token"' in page.get_data(as_text=True)

    assert client.post("/notifikasi/pengaturan", data={"in_app:account": "on"}).status_code == 302
    db.session.expire_all()
    pref = preference(user.id, "account")
    assert pref.in_app is True and pref.email is False
    key = unique("pref-")
    notify_and_send(user.id, "account", key, "Setelah diatur", "Isi.")
    assert rows(db, key)[0].email_status == "off" and smtp.to(user.email) == []


def _registration(db):
    """A company registered through the public form's service, waiting for verification."""
    from stdnum import luhn

    from app.companies.models import Company
    from app.companies.services import register_company

    template = db.session.query(Company).order_by(Company.id).first()
    body = "0" + f"{random.randrange(10 ** 7):07d}"
    company = Company(name=unique("PT Uji Notifikasi "), legal_form_code=template.legal_form_code,
                      nib=f"{random.randrange(10 ** 12, 10 ** 13)}",
                      npwp=body + luhn.calc_check_digit(body) + "401000",
                      employer_type_code=template.employer_type_code, address="Jl. Raya Serang Km 10",
                      kecamatan_code=template.kecamatan_code, desa_code=template.desa_code)
    username = unique("op.")
    operator = register_company(company, username, f"{username}@contoh.id", "Rina", "Marlina", DEMO_PASSWORD)
    db.session.commit()
    return company, operator


def decide_as_officer(app, db, company, action, form):
    """What the officer's decision screen does: decide, commit, finish the request (e-mails queued by
    the request go out then)."""
    from flask import g

    from app.core.workflow import decide

    officer = app.appbuilder.sm.find_user(username="petugas.hi")
    with app.test_request_context(f"/companyview/decide/{company.id}", method="POST"):
        g.user = officer
        decide(company, action, officer, form.get("note"), form.get("reason"))
        db.session.commit()
        app.process_response(app.response_class())


@pytest.mark.parametrize("action, form, title, phrase", [
    ("verify", {}, "Pendaftaran perusahaan terverifikasi", "Anda sekarang dapat masuk"),
    ("reject", {"reason": "nib_tidak_ditemukan", "note": "NIB tidak aktif"}, "Pendaftaran perusahaan ditolak",
     "Alasan: NIB tidak ditemukan di OSS; NIB tidak aktif."),
])
def test_registration_decision_emails_the_operator(app, db, smtp, action, form, title, phrase):
    from app.core.notifications import Notification

    company, operator = _registration(db)
    decide_as_officer(app, db, company, action, form)

    db.session.expire_all()
    [row] = db.session.query(Notification).filter_by(user_id=operator.id).all()
    assert row.kind == "account" and row.title == title and row.email_status == "sent"
    [mail] = smtp.to(operator.email)
    assert mail["Subject"] == title
    text = mail.get_content()
    assert company.name in text and phrase in text and "Dinas Tenaga Kerja Kabupaten Tangerang" in text
    if action == "verify":
        assert f"http://127.0.0.1:8080/companyview/show/{company.id}" in text
