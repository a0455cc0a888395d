"""PKWT reminders to the company's operators: ending in 30 and 7 days with the compensation due, a chain near the
5-year maximum; each notified and e-mailed once, caught up after a missed day, through a real SMTP server. Every
run passes `today` explicitly (no real clock), years ahead of any other test's contracts.

Other contracts in the shared database may be notified by these runs too; assertions look only at this test's
own contracts (unique worker names)."""
import itertools
import random
from datetime import date, timedelta

import pytest

from tests.conftest import unique

DAY = timedelta(days=1)
WAGE = 6_000_000
OPERATOR_EMAIL = "operator@demo.dnaker.local"
_serials = itertools.count(random.randrange(1, 9000))


def nik_for(birth: date, sex: str) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"360301{day:02d}{birth:%m%y}{next(_serials) % 9999 + 1:04d}"


def new_contract(start, end, sex="L", nationality="ID", kind="jangka_waktu", previous=None, wage=WAGE):
    from app.contracts.models import PkwtContract
    from app.core.formatting import today_jakarta

    birth = date(1991, 4, 17)
    foreign = nationality != "ID"
    nik = previous.nik if previous is not None else (None if foreign else nik_for(birth, sex))
    return PkwtContract(
        nik=nik, passport_number=previous.passport_number if previous is not None else
        ("C" + unique()[:7].upper() if foreign else None), full_name=previous.full_name if previous is not None
        else unique("Pekerja "), sex=sex, birth_date=birth, address="Jl. Raya Serang Km 12, Cikupa",
        nationality=nationality, position="Operator mesin", place_of_work="Pabrik Cikupa", wage=wage,
        wage_payment="bulanan", kind=kind, start_date=start, end_date=end, signed_at=today_jakarta() - 2 * DAY,
        previous_id=previous.id if previous is not None else None)


def register(db, *contracts, username="operator"):
    """Submit the contracts for the operator's company and approve them (demo officer petugas.hi)."""
    from app.contracts import services
    from app.core.workflow import decide
    from tests.pkwt_support import attach_signed_contract
    from app.security.models import AppUser

    company_id = db.session.query(AppUser.company_id).filter_by(username=username).scalar()
    submission = services.submit(company_id, list(contracts))
    for contract in submission.contracts:
        attach_signed_contract(db, contract)
    decide(submission, "approve", db.session.query(AppUser).filter_by(username="petugas.hi").one())
    db.session.commit()
    return submission


@pytest.fixture()
def operator(db):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username="operator").one()


def run(today):
    from app.contracts.reminders import send_pkwt_reminders

    return send_pkwt_reminders(today=today)


def keys(db, *contracts):
    """Notification keys of these contracts' events (chain events are keyed by the chain's first contract)."""
    from app.core.notifications import Notification

    db.session.expire_all()
    prefixes = [f"pkwt:{c.id}:" for c in contracts]
    rows = db.session.query(Notification).filter(Notification.kind == "pkwt").order_by(Notification.id)
    return [r.key for r in rows if r.key.startswith(tuple(prefixes))]


def mails(smtp, contract):
    return [m for m in smtp.to(OPERATOR_EMAIL) if contract.full_name in m.get_content()]


def test_ending_in_30_days_notifies_and_mails_once_with_compensation(db, smtp, operator):
    from app.contracts import rules
    from app.core.formatting import date_id, rupiah

    today = date(2031, 3, 10)
    contract = new_contract(date(2030, 9, 1), today + 25 * DAY)
    register(db, contract)
    counts = run(today)

    assert counts["end30"] >= 1
    assert keys(db, contract) == [f"pkwt:{contract.id}:end30:{operator.id}"]
    [mail] = mails(smtp, contract)
    assert mail["Subject"] == "PKWT berakhir dalam 30 hari"
    text = mail.get_content()
    amount = rules.compensation(contract.start_date, contract.end_date, WAGE, False)
    assert amount > 0
    assert f"Uang kompensasi yang wajib dibayarkan saat PKWT berakhir: {rupiah(amount)}" in text
    assert f"berakhir pada {date_id(contract.end_date)}" in text and contract.submission.number in text
    assert f"/pkwtcontractview/show/{contract.id}" in text

    run(today)  # again the same day
    run(today + DAY)  # and the next day
    assert len(keys(db, contract)) == 1 and len(mails(smtp, contract)) == 1


def test_a_contract_already_ended_gets_no_ending_reminder(db, smtp, operator):
    """Its real end is recorded (PP 35/2021 art. 15–17): no "ends in 30 days" notice, no compensation text."""
    today = date(2031, 3, 10)
    contract = new_contract(date(2030, 9, 1), today + 25 * DAY)
    register(db, contract)
    contract.ended_at, contract.end_reason = today - 5 * DAY, "diakhiri_pekerja"
    db.session.commit()
    run(today)
    assert keys(db, contract) == [] and mails(smtp, contract) == []


def test_missed_day_is_caught_up_once(db, smtp, operator):
    end = date(2031, 6, 20)
    contract = new_contract(date(2030, 12, 1), end)
    register(db, contract)
    run(end - 31 * DAY)  # not yet in the 30-day window
    assert keys(db, contract) == []
    # Not run on end - 30 days; the next day still notifies, once.
    run(end - 29 * DAY)
    run(end - 28 * DAY)
    assert keys(db, contract) == [f"pkwt:{contract.id}:end30:{operator.id}"]
    assert len(mails(smtp, contract)) == 1


def test_ending_in_7_days_notified_after_the_30_day_notice(db, smtp, operator):
    from app.contracts.services import compensation_of
    from app.core.formatting import rupiah

    end = date(2031, 9, 15)
    contract = new_contract(date(2031, 3, 1), end)
    register(db, contract)
    run(end - 25 * DAY)
    first_seen_late = new_contract(date(2031, 3, 1), end + 2 * DAY)  # first seen 7 days before: no 30-day notice
    register(db, first_seen_late)
    counts = run(end - 5 * DAY)
    run(end - 4 * DAY)

    assert counts["end7"] >= 2
    assert keys(db, contract) == [f"pkwt:{contract.id}:end30:{operator.id}", f"pkwt:{contract.id}:end7:{operator.id}"]
    assert keys(db, first_seen_late) == [f"pkwt:{first_seen_late.id}:end7:{operator.id}"]
    subjects = [m["Subject"] for m in mails(smtp, contract)]
    assert subjects == ["PKWT berakhir dalam 30 hari", "PKWT berakhir dalam 7 hari"]
    assert rupiah(compensation_of(contract)) in mails(smtp, contract)[-1].get_content()


def test_foreign_worker_notice_says_no_compensation(db, smtp, operator):
    end = date(2031, 11, 30)
    contract = new_contract(date(2030, 12, 1), end, nationality="JP")
    register(db, contract)
    run(end - 20 * DAY)

    assert keys(db, contract) == [f"pkwt:{contract.id}:end30:{operator.id}"]
    [mail] = mails(smtp, contract)
    text = mail.get_content()
    assert "Pekerja warga negara asing tidak berhak atas uang kompensasi" in text
    assert "tidak ada uang kompensasi yang wajib dibayarkan" in text and "Rp" not in text


def test_chain_near_five_years_notified_once(db, smtp, operator):
    from app.contracts import rules

    first = new_contract(date(2032, 1, 1), date(2034, 12, 31))
    register(db, first)
    extension = new_contract(date(2035, 1, 1), date(2036, 11, 30), previous=first)
    register(db, extension)
    assert extension.sequence == 1
    left = rules.chain_days_left([(first.start_date, first.end_date), (extension.start_date, extension.end_date)])
    assert left == 31

    run(first.end_date - 20 * DAY)  # the first contract ends: its own notice, no chain notice (extended)
    assert keys(db, first, extension) == [f"pkwt:{first.id}:end30:{operator.id}"]
    counts = run(extension.end_date - 40 * DAY)  # the extension ends in 40 days: chain notice only
    run(extension.end_date - 39 * DAY)
    run(extension.end_date - 20 * DAY)  # then its own 30-day notice, and no second chain notice

    assert counts["chain"] >= 1
    assert keys(db, first, extension) == [f"pkwt:{first.id}:end30:{operator.id}",
                                          f"pkwt:{first.id}:chain:{operator.id}",
                                          f"pkwt:{extension.id}:end30:{operator.id}"]
    chain_mails = [m for m in mails(smtp, first) if m["Subject"] == "PKWT mendekati batas 5 tahun"]
    assert len(chain_mails) == 1
    text = chain_mails[0].get_content()
    assert "PKWT jangka waktu perpanjangan ke-1 atas nama" in text
    assert "tinggal 31 hari" in text and "PP 35/2021 pasal 8" in text
    assert f"/pkwtcontractview/show/{extension.id}" in text


def test_contracts_not_registered_are_not_notified(db, smtp):
    from app.contracts import services
    from app.security.models import AppUser

    end = date(2032, 2, 20)
    contract = new_contract(date(2031, 8, 1), end)
    company_id = db.session.query(AppUser.company_id).filter_by(username="operator").scalar()
    services.submit(company_id, [contract])  # submitted, never approved
    db.session.commit()
    run(end - 10 * DAY)
    assert keys(db, contract) == [] and mails(smtp, contract) == []


def test_every_active_operator_of_the_company_is_notified(db, smtp, app):
    """Operators of the company only, active ones only; each gets their own notification and e-mail."""
    from app.security.models import AppUser
    from app.security.roles import OPERATOR

    company_id = db.session.query(AppUser.company_id).filter_by(username="operator2").scalar()
    sm = app.appbuilder.sm
    colleague, former = unique("op.pkwt."), unique("op.lama.")
    for username, active in ((colleague, True), (former, False)):
        db.session.add(sm.user_model(username=username, first_name="Operator", last_name="Kedua", active=active,
                                     email=f"{username}@contoh.id", roles=[sm.find_role(OPERATOR)],
                                     company_id=company_id, password="x"))
    db.session.commit()
    end = date(2032, 4, 10)
    contract = new_contract(date(2031, 10, 1), end)
    register(db, contract, username="operator2")
    run(end - 12 * DAY)

    users = {u.username: u.id for u in db.session.query(AppUser).filter(
        AppUser.username.in_(["operator2", colleague, former]))}
    assert sorted(keys(db, contract)) == sorted(f"pkwt:{contract.id}:end30:{users[name]}"
                                                for name in ("operator2", colleague))
    assert len([m for m in smtp.to(f"{colleague}@contoh.id") if contract.full_name in m.get_content()]) == 1
    assert smtp.to(f"{former}@contoh.id") == [] and mails(smtp, contract) == []  # not company 1's operator


@pytest.mark.parametrize("start,end,foreign,expected", [
    (date(2026, 1, 1), date(2026, 1, 31), False, 500_000),  # 1 month (end inclusive)
    (date(2026, 1, 1), date(2026, 6, 30), False, 3_000_000),  # 6 months
    (date(2026, 1, 1), date(2026, 12, 31), False, 6_000_000),  # 12 months: one month's wage
    (date(2026, 1, 1), date(2027, 6, 30), False, 9_000_000),  # 18 months
    (date(2026, 1, 1), date(2026, 1, 29), False, 0),  # under 1 month of service (29 days)
    (date(2026, 2, 1), date(2026, 2, 27), False, 0),
    (date(2026, 1, 1), date(2026, 12, 31), True, 0),  # foreign worker
])
def test_compensation(start, end, foreign, expected):
    from app.contracts import rules

    assert rules.compensation(start, end, WAGE, foreign) == expected


def test_compensation_text(ctx):  # the partial-month divisor is a setting
    from app.contracts.reminders import compensation_text
    from app.contracts.models import PkwtContract

    contract = PkwtContract(start_date=date(2026, 1, 1), end_date=date(2026, 6, 30), wage=WAGE, nationality="ID")
    assert "Rp3.000.000" in compensation_text(contract)
    contract.end_date = date(2026, 1, 20)
    assert "kurang dari 1 bulan" in compensation_text(contract)
    contract.nationality = "KR"
    assert "warga negara asing" in compensation_text(contract)


def test_scheduled_daily_at_0045_wib():
    from app.tasks.schedule import SCHEDULE

    assert ("45 17 * * *", "app.contracts.reminders.send_pkwt_reminders") in SCHEDULE
