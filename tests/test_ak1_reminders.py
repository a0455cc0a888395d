"""AK-1 reminders: re-report due soon, overdue and card expiring, each notified and e-mailed once, caught up
after a missed day, through a real SMTP server. Every run passes `today` explicitly (no real clock).

Other cards in the shared database may be notified by these runs too; assertions look only at this test's
own seekers."""
import random
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from dateutil.relativedelta import relativedelta
from stdnum.id import nik as stdnum_nik

from seed.demo import DEMO_PASSWORD
from tests.conftest import unique

DAY = timedelta(days=1)


@pytest.fixture()
def officer(app, db):
    """The demo placement officer, with the NIP a signer needs (restored afterwards)."""
    user = app.appbuilder.sm.find_user(username="petugas.ak")
    previous = user.nip
    user.nip = user.nip or "198001012005012001"
    db.session.commit()
    yield user
    db.session.rollback()
    user.nip = previous
    db.session.commit()


def new_nik(db, birth: date, sex: str) -> str:
    from app.seekers.models import JobSeeker

    day = birth.day + (40 if sex == "P" else 0)
    while True:
        nik = f"360301{day:02d}{birth:%m%y}{random.randrange(1, 10000):04d}"
        if stdnum_nik.is_valid(nik) and not db.session.query(JobSeeker.id).filter_by(nik=nik).first():
            return nik


def make_seeker(db, account=True):
    from app.seekers.models import JobSeeker
    from app.seekers.services import register_seeker, register_with_account

    birth = date(random.randrange(1975, 2000), random.randrange(1, 13), random.randrange(1, 29))
    sex = random.choice("LP")
    username = unique("pencaker.")
    seeker = JobSeeker(nik=new_nik(db, birth, sex), full_name="Rina Kurniasih", birth_place="Tangerang",
                       birth_date=birth, sex=sex, email=f"{username}@contoh.id")
    if account:
        register_with_account(seeker, username, DEMO_PASSWORD)
    else:
        register_seeker(seeker)
    db.session.commit()
    return seeker


def issued_card(db, officer, issued_on: date, account=True):
    """(card, user or None): a seeker, optionally with an account, holding a card issued on `issued_on`."""
    from app.security.models import AppUser
    from app.core.notifications import Notification
    from app.core.workflow import decide
    from app.seekers.services import apply
    from tests.seekers_support import complete_profile

    seeker = make_seeker(db, account)
    complete_profile(db, seeker)
    card = apply(seeker)
    decide(card, "verify", officer)
    decide(card, "issue", officer, data={"on": issued_on})
    # These tests count reminders: the "card issued" notice of the decision is not one of them.
    db.session.query(Notification).filter(Notification.key.like(f"ak1_card:{card.id}:%")).delete()
    db.session.commit()
    return card, db.session.query(AppUser).filter_by(job_seeker_id=seeker.id).one_or_none()


def run(today):
    from app.seekers.reminders import send_ak1_reminders

    return send_ak1_reminders(today=today)


def notifications(db, user):
    from app.core.notifications import Notification

    db.session.expire_all()
    return db.session.query(Notification).filter_by(user_id=user.id, kind="ak1").order_by(Notification.id).all()


def first_due(card):
    return card.issued_at + relativedelta(months=6)


# 31 August: six months later is clamped to 28 February, the edge of the SQL date ranges.
@pytest.mark.parametrize("issued_on", [date(2030, 1, 15), date(2029, 8, 31)])
def test_due_soon_notifies_and_mails_once(db, smtp, officer, issued_on):
    from app.core.formatting import date_id

    card, user = issued_card(db, officer, issued_on)
    due = first_due(card)
    counts = run(due - 5 * DAY)

    assert counts["due"] >= 1
    [row] = notifications(db, user)
    assert row.key == f"ak1:{card.number}:report1:due" and row.email_status == "sent"
    assert row.title == "Jadwal lapor ulang AK/I" and row.link == "/ak1cardview/list/"
    [mail] = smtp.to(user.email)
    assert mail["Subject"] == "Jadwal lapor ulang AK/I"
    text = mail.get_content()
    start, end = due - 30 * DAY, due + 30 * DAY
    assert f"Lapor ulang pertama kartu AK/I Anda nomor {card.number} jatuh tempo pada {date_id(due)}" in text
    assert f"mulai {date_id(start)} sampai {date_id(end)}" in text
    assert "Selengkapnya: http://127.0.0.1:8080/ak1cardview/list/" in text

    run(due - 5 * DAY)  # again the same day
    run(due - 4 * DAY)  # and the next day
    assert len(notifications(db, user)) == 1 and len(smtp.to(user.email)) == 1


def test_missed_day_is_caught_up(db, smtp, officer):
    card, user = issued_card(db, officer, date(2030, 3, 12))
    due = first_due(card)
    run(due - 8 * DAY)  # not yet in the 7-day window
    assert notifications(db, user) == []
    # Not run on due - 7 days; the next day still notifies.
    run(due - 6 * DAY)
    run(due - 5 * DAY)
    assert [r.key for r in notifications(db, user)] == [f"ak1:{card.number}:report1:due"]
    assert len(smtp.to(user.email)) == 1


def test_overdue_notified_once(db, smtp, officer):
    from app.core.formatting import date_id

    card, user = issued_card(db, officer, date(2030, 5, 20))
    due = first_due(card)
    run(due)  # due today: still "due soon", not overdue
    counts = run(due + DAY)
    assert counts["overdue"] >= 1
    run(due + 2 * DAY)
    run(due + 20 * DAY)

    rows = notifications(db, user)
    assert [r.key for r in rows] == [f"ak1:{card.number}:report1:due", f"ak1:{card.number}:report1:overdue"]
    overdue = rows[-1]
    assert overdue.title == "Lapor ulang AK/I terlewat"
    assert f"jatuh tempo pada {date_id(due)} dan belum tercatat" in overdue.body
    assert f"masih dapat lapor ulang secara daring atau di loket sampai {date_id(due + 30 * DAY)}" in overdue.body
    assert [m["Subject"] for m in smtp.to(user.email)] == ["Jadwal lapor ulang AK/I", "Lapor ulang AK/I terlewat"]


def test_no_overdue_after_rereport(db, smtp, officer):
    from app.seekers.services import rereport

    card, user = issued_card(db, officer, date(2030, 7, 8))
    due = first_due(card)
    run(due - 5 * DAY)
    rereport(card, "online", on=due - 2 * DAY)
    db.session.commit()
    run(due + DAY)
    run(due + 10 * DAY)

    assert [r.key for r in notifications(db, user)] == [f"ak1:{card.number}:report1:due"]
    assert len(smtp.to(user.email)) == 1


def test_expiring_card_notified_once(db, smtp, officer):
    from app.core.formatting import date_id

    card, user = issued_card(db, officer, date(2030, 9, 3))
    today = card.valid_until - 20 * DAY
    assert run(today)["expiring"] >= 1
    run(today)
    run(today + DAY)

    [row] = notifications(db, user)
    assert row.key == f"ak1:{card.number}:expiring" and row.title == "Kartu AK/I segera berakhir"
    [mail] = smtp.to(user.email)
    assert f"berlaku sampai {date_id(card.valid_until)}" in mail.get_content()
    assert "ajukan perpanjangan" in mail.get_content()


def test_seeker_without_account_is_skipped(db, smtp, officer):
    from app.core.notifications import Notification

    card, user = issued_card(db, officer, date(2030, 11, 25), account=False)
    assert user is None
    counts = run(first_due(card) - 3 * DAY)

    assert counts["skipped"] >= 1
    assert db.session.query(Notification).filter(Notification.key.like(f"ak1:{card.number}:%")).count() == 0
    assert smtp.to(card.job_seeker.email) == []


def test_only_the_earliest_open_rereport_counts():
    """With re-reports close together (a configuration, not the law), an overdue first one hides the second."""
    from app.seekers.reminders import card_events

    card = SimpleNamespace(number="3603-010130-000001", issued_at=date(2030, 1, 1), valid_until=date(2032, 1, 1),
                           reports=[])
    config = {"AK1_REPORT_MONTHS": (6, 7), "AK1_REPORT_WINDOW_DAYS": 30}
    today = date(2030, 7, 28)  # report 1 due 1 July (overdue), report 2 due 1 August (in 4 days)
    assert [e.key for e in card_events(card, today, config)] == ["ak1:3603-010130-000001:report1:overdue"]

    card.reports = [SimpleNamespace(sequence=1)]
    assert [e.key for e in card_events(card, today, config)] == ["ak1:3603-010130-000001:report2:due"]

    card.reports = []
    later = date(2030, 8, 20)  # report 1 is past its window and the catch-up days: report 2 is next
    assert [e.key for e in card_events(card, later, config)] == ["ak1:3603-010130-000001:report2:overdue"]
