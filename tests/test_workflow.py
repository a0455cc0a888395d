"""The workflow mechanism: allowed transitions only, reasons where required, date facts stamped once, and a
log of who did what."""
import pytest


@pytest.fixture()
def company(db):
    from app.companies.models import Company

    row = db.session.query(Company).filter_by(status="submitted").first()
    yield row
    db.session.rollback()


def test_transition_logs_actor_and_stamps_date(db, company):
    from app.core.workflow import history, transition
    from app.security.models import AppUser

    officer = db.session.query(AppUser).filter_by(username="petugas.hi").one()
    transition(company, "return", officer, note="Lengkapi NIB")
    assert company.status == "returned"
    transition(company, "resubmit", None)
    transition(company, "verify", officer)
    assert company.status == "verified" and company.verified_at is not None
    log = [(t.action, t.from_state, t.to_state, t.username, t.note) for t in history(db.session, company)]
    assert log[-3:] == [("return", "submitted", "returned", "petugas.hi", "Lengkapi NIB"),
                        ("resubmit", "returned", "submitted", "system", None),
                        ("verify", "submitted", "verified", "petugas.hi", None)]


def test_disallowed_transition_is_refused_in_indonesian(db, company):
    from app.core.workflow import TransitionError, transition

    with pytest.raises(TransitionError, match="tidak dapat dilakukan pada status 'Menunggu verifikasi'"):
        transition(company, "resubmit", None)
    assert company.status == "submitted"


def test_reason_is_required_where_the_action_says_so(db, company):
    from app.core.workflow import TransitionError, transition

    with pytest.raises(TransitionError, match="wajib diisi"):
        transition(company, "return", None, note="   ")
    assert company.status == "submitted"
