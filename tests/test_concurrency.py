"""The same decision taken twice at the same moment (two officers, or a double click) is applied once: two real
requests started together through a barrier, each in its own client, session and database connection. One
succeeds, the other is refused with a clear message (409) and draws no number; one transition is logged and the
number series has no gap. On PostgreSQL the row lock makes the second wait; on SQLite (no row locks) the
state's compare-and-set refuses it."""
import html
import threading

import pytest

from app.core.workflow import decide
from tests.conftest import text_of
from tests.seekers_support import officer
from tests.test_decisions import _card, _company, _submission

# The refusal: "just changed by someone else" when the row moved under the request, or the plain state refusal
# when the other decision had already committed as this request read the row.
CONFLICT = ("baru saja diubah oleh pengguna lain", "tidak dapat dilakukan pada status")


def _verified_card(db):
    card, holder = _card(db)
    decide(card, "verify", officer(db))
    db.session.commit()
    return card, holder


def _issued_card(db):
    card, holder = _verified_card(db)
    decide(card, "issue", officer(db))
    db.session.commit()
    return card, holder


# name: (make the row, screen, api resource, officer, action, form/JSON values, number series or None)
CASES = {
    "company-verify": (_company, "companyview", "company", "petugas.hi", "verify", {}, None),
    "company-reject": (_company, "companyview", "company", "petugas.hi", "reject", {"reason": "duplikat"}, None),
    "ak1-verify": (_card, "ak1cardview", "ak1", "petugas.ak", "verify", {}, None),
    "ak1-return": (_card, "ak1cardview", "ak1", "petugas.ak", "return", {"note": "Foto buram"}, None),
    "ak1-issue": (_verified_card, "ak1cardview", "ak1", "petugas.ak", "issue", {}, "ak1"),
    "ak1-place": (_issued_card, "ak1cardview", "ak1", "petugas.ak", "place",
                  {"date": "2026-01-05", "employer": "PT Maju"}, None),
    "pkwt-approve": (_submission, "pkwtsubmissionview", "pkwt-submission", "petugas.hi", "approve", {}, "pkwt"),
}


def _at_once(calls):
    """Run the calls in threads released together; their results in call order."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    [t.start() for t in threads]
    [t.join(timeout=60) for t in threads]
    return results


def _last_number(db, series):
    from app.core.numbering import NumberSequence
    from app.core.formatting import today_jakarta

    db.session.expire_all()
    row = db.session.get(NumberSequence, (series, today_jakarta().year))
    return row.last_value if row else 0


def _check_applied_once(db, row, action, series, before):
    from app.core.workflow import TransitionLog

    db.session.expire_all()
    logged = db.session.query(TransitionLog).filter_by(table_name=row.__tablename__, row_id=str(row.id),
                                                       action=action).count()
    assert logged == 1
    if series:  # one number drawn, the row holds it: no gap in the register
        assert _last_number(db, series) == before + 1 == db.session.get(type(row), row.id).serial


def _post_twice(client_as, api_as, channel, screen, api, decider, row, action, values):
    """Two tabs (or a double click) on the screen, or two API calls: the responses, and the refusal's message."""
    if channel == "screen":
        clients, url = [client_as(decider), client_as(decider)], f"/{screen}/decide/{row.id}"
        form = {"action": action, "seen": row.status, **values}  # as the decision panel sends it
        calls = [lambda c=c: c.post(url, data=form) for c in clients]
    else:
        clients, url = [api_as(decider), api_as(decider)], f"/api/v1/{api}/{row.id}/{action}"
        calls = [lambda c=c: c.post(url, json=values) for c in clients]
    responses = _at_once(calls)
    refused = [r for r in responses if r.status_code == 409]
    message = "" if not refused else (text_of(refused[0]) if channel == "screen" else refused[0].get_json()["message"])
    return sorted(r.status_code for r in responses), message


@pytest.mark.parametrize("channel", ["screen", "api"])
@pytest.mark.parametrize("case", CASES)
def test_a_decision_taken_twice_at_once_is_applied_once(db, client_as, api_as, case, channel):
    make, screen, api, decider, action, values, series = CASES[case]
    row, _owner = make(db)
    before = _last_number(db, series) if series else None
    codes, message = _post_twice(client_as, api_as, channel, screen, api, decider, row, action, values)
    assert codes == ([302, 409] if channel == "screen" else [200, 409])
    assert any(words in message for words in CONFLICT), message
    _check_applied_once(db, row, action, series, before)


def test_a_registration_correction_sent_twice_at_once_is_resubmitted_once(app, db, client_as):
    """The operator's correction form posted twice (double click): one resubmission, one notice to officers."""
    from tests.test_registration_correction import _decide, _registered

    data, company = _registered(app, db)
    _decide(client_as, db, company, "return", note="Alamat tidak lengkap")
    assert company.status == "returned"
    fields = {k: v for k, v in data.items() if k not in ("username", "password", "confirm")}
    clients = []
    for _ in range(2):
        client = app.test_client()
        client.post("/login/", data={"username": data["username"], "password": data["password"]})
        clients.append(client)
    responses = _at_once([lambda c=c: c.post("/daftar/perbaikan", data={**fields, "address": "Jl. Baru RT 1"})
                          for c in clients])
    pages = [text_of(r) for r in responses]
    assert sum("diajukan ulang" in p for p in pages) == 1
    assert any(words in page for page in pages for words in CONFLICT)
    _check_applied_once(db, company, "resubmit", None, None)


def test_a_decision_from_a_page_that_went_stale_is_refused(db, client_as):
    """The officer's page showed the submission waiting; meanwhile another officer returned it. Rejecting is
    allowed from both states, but the officer decided on what they saw: refused, and told why."""
    from app.core.workflow import TransitionLog

    row, _owner = _submission(db)
    shown = row.status
    decide(row, "return", officer(db, "kadis"), note="Lengkapi lampiran")
    db.session.commit()
    page = client_as("petugas.hi").post(f"/pkwtsubmissionview/decide/{row.id}",
                                        data={"action": "reject", "reason": "dokumen", "seen": shown})
    assert page.status_code == 409
    assert "baru saja diubah oleh pengguna lain: statusnya sekarang 'Dikembalikan untuk perbaikan'" in \
        html.unescape(text_of(page))
    db.session.expire_all()
    assert row.status == "returned"
    assert db.session.query(TransitionLog).filter_by(table_name=row.__tablename__, row_id=str(row.id),
                                                     action="reject").count() == 0
