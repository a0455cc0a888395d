"""Foreign-worker reminders: passport, KITAS/KITAP and RPTKA ending in 60 and 30 days, departures not reported;
to the company's operator and the Petugas TKA officer, each once across re-runs and a skipped day. Every run
passes `today` explicitly, in 2036, far from any other test's workers; assertions look only at this test's
workers (their notification keys)."""
from datetime import date, timedelta

import pytest

from tests.conftest import unique

DAY = timedelta(days=1)
TODAY = date(2036, 3, 2)
FAR = date(2040, 1, 1)  # a date outside every window
_created = []


@pytest.fixture(autouse=True)
def _remove_workers(db):
    """This test's workers go when it ends (other tests list the demo company's register page by page), with their
    notifications (SQLite reuses a deleted row's id)."""
    yield
    from app.core.notifications import Notification
    from app.foreign_workers.models import ForeignWorker

    db.session.rollback()
    for worker_id in _created:
        worker = db.session.get(ForeignWorker, worker_id)
        if worker is not None:
            db.session.delete(worker)
        db.session.execute(db.delete(Notification).where(Notification.key.like(f"tka:{worker_id}:%")))
    db.session.commit()
    _created.clear()


@pytest.fixture()
def people(db):
    from app.security.models import AppUser

    users = {u.username: u for u in db.session.query(AppUser).filter(
        AppUser.username.in_(["operator", "petugas.tka"]))}
    return users["operator"], users["petugas.tka"]


def new_worker(db, operator, passport=FAR, permit=FAR, rptka=FAR, status="present"):
    from app.foreign_workers.models import ForeignWorker, ForeignWorkerLocation

    worker = ForeignWorker(company_id=operator.company_id, full_name=unique("Lee "), sex="L",
                           birth_date=date(1980, 1, 1), nationality="KR", passport_number=unique("M")[:9].upper(),
                           passport_expires_on=passport, position="Insinyur", rptka_number="RPTKA/1",
                           rptka_start=date(2035, 1, 1), rptka_end=rptka, permit_kind="kitas",
                           permit_number="2C1", permit_expires_on=permit, status=status,
                           arrived_on=date(2035, 1, 10))
    worker.locations = [ForeignWorkerLocation(company_id=operator.company_id, province_code="36",
                                              regency_code="36.03", regency_name="Kabupaten Tangerang")]
    db.session.add(worker)
    db.session.commit()
    _created.append(worker.id)
    return worker


def run(today):
    from app.foreign_workers.reminders import send_tka_reminders

    return send_tka_reminders(today=today)


def keys(db, worker):
    from app.core.notifications import Notification

    db.session.expire_all()
    return sorted(db.session.scalars(db.select(Notification.key).where(
        Notification.key.like(f"tka:{worker.id}:%"))))


@pytest.mark.parametrize("doc,attribute,title", [
    ("passport", "passport", "Paspor TKA berakhir dalam"),
    ("permit", "permit", "KITAS/KITAP TKA berakhir dalam"),
    ("rptka", "rptka", "RPTKA TKA berakhir dalam"),
])
def test_each_document_is_reminded_at_60_then_30_days_to_operator_and_officer(db, people, doc, attribute, title):
    from app.core.notifications import Notification

    operator, officer = people
    ends = TODAY + 60 * DAY
    worker = new_worker(db, operator, **{attribute: ends})
    run(TODAY - DAY)  # 61 days before: nothing yet
    assert keys(db, worker) == []
    run(TODAY)
    far = f"tka:{worker.id}:{doc}60:{ends.isoformat()}"
    assert keys(db, worker) == sorted([f"{far}:{operator.id}", f"{far}:{officer.id}"])
    note = db.session.scalars(db.select(Notification).where(Notification.key == f"{far}:{operator.id}")).one()
    assert note.title == f"{title} 60 hari" and worker.full_name in note.body and "2036" in note.body
    assert note.link == f"/foreignworkerview/show/{worker.id}"

    run(TODAY + 29 * DAY)  # 31 days left: still the 60-day notice, already sent
    assert len(keys(db, worker)) == 2
    run(TODAY + 30 * DAY)  # 30 days left
    near = f"tka:{worker.id}:{doc}30:{ends.isoformat()}"
    assert keys(db, worker) == sorted([f"{far}:{operator.id}", f"{far}:{officer.id}",
                                       f"{near}:{operator.id}", f"{near}:{officer.id}"])
    run(TODAY + 31 * DAY)
    run(TODAY + 59 * DAY)
    assert len(keys(db, worker)) == 4


def test_once_each_across_two_runs_a_day_and_a_skipped_day(db, people):
    operator, officer = people
    ends = TODAY + 60 * DAY
    worker = new_worker(db, operator, passport=ends)
    # The run of TODAY (60 days left) is skipped: the next day's run catches up, then runs twice.
    first = run(TODAY + DAY)
    assert first["passport60"] >= 2
    run(TODAY + DAY)
    run(TODAY + 2 * DAY)
    assert keys(db, worker) == sorted(f"tka:{worker.id}:passport60:{ends.isoformat()}:{u.id}"
                                      for u in (operator, officer))


def test_first_seen_inside_30_days_gets_only_the_30_day_notice(db, people):
    operator, _officer = people
    ends = TODAY + 10 * DAY
    worker = new_worker(db, operator, rptka=ends)
    run(TODAY)
    assert {k.rsplit(":", 1)[0] for k in keys(db, worker)} == {f"tka:{worker.id}:rptka30:{ends.isoformat()}"}


def test_an_extension_is_a_new_event(db, people):
    operator, _officer = people
    worker = new_worker(db, operator, rptka=TODAY + 20 * DAY)
    run(TODAY)
    worker.rptka_end = TODAY + 50 * DAY  # extended: the new end is reminded in its turn
    db.session.commit()
    run(TODAY)
    assert {k.rsplit(":", 1)[0] for k in keys(db, worker)} == {
        f"tka:{worker.id}:rptka30:{(TODAY + 20 * DAY).isoformat()}",
        f"tka:{worker.id}:rptka60:{(TODAY + 50 * DAY).isoformat()}"}


def test_departure_not_reported_once_even_after_a_skipped_day(db, people):
    from app.core.notifications import Notification

    operator, officer = people
    ended = TODAY - DAY
    worker = new_worker(db, operator, permit=ended, rptka=TODAY + 5 * DAY)
    departed = new_worker(db, operator, permit=ended, status="departed")
    run(TODAY + DAY)  # TODAY skipped
    run(TODAY + DAY)
    run(TODAY + 3 * DAY)
    departure = f"tka:{worker.id}:departure:{ended.isoformat()}"
    assert {k for k in keys(db, worker) if ":departure:" in k} == {f"{departure}:{operator.id}",
                                                                   f"{departure}:{officer.id}"}
    note = db.session.scalars(db.select(Notification).where(Notification.key == f"{departure}:{officer.id}")).one()
    assert note.title == "Kepulangan TKA belum dilaporkan" and "belum dilaporkan" in note.body
    assert keys(db, departed) == []  # a reported departure is not reminded


def test_departure_reminder_stops_after_the_lookback(db, people):
    from app.foreign_workers.reminders import DEPARTURE_LOOKBACK_DAYS

    operator, _officer = people
    worker = new_worker(db, operator, rptka=TODAY - (DEPARTURE_LOOKBACK_DAYS + 1) * DAY)
    run(TODAY)
    assert keys(db, worker) == []  # long ended: left to the home page's list


def test_scheduled_daily():
    from app.tasks.schedule import SCHEDULE

    assert any(path == "app.foreign_workers.reminders.send_tka_reminders" for _cron, path in SCHEDULE)


def new_request(db, worker, starts, status="submitted", released=False):
    from app.core.models import utcnow
    from app.foreign_workers.extensions import ExtensionRequest

    req = ExtensionRequest(company_id=worker.company_id, worker_id=worker.id, requested_on=starts - 90 * DAY,
                           current_rptka_end=starts - DAY, due_by=starts - 60 * DAY, late=False,
                           period_start=starts, period_end=starts + 364 * DAY, months=12, reason="Proyek lanjut",
                           status=status, released_at=utcnow() if released else None)
    db.session.add(req)
    db.session.commit()
    return req


def unpaid_keys(db, req):
    from app.core.notifications import Notification

    db.session.expire_all()
    return sorted(db.session.scalars(db.select(Notification.key).where(
        Notification.key.like(f"tka_extension_request:{req.id}:unpaid:%"))))


@pytest.fixture()
def _remove_requests(db):
    made = []
    yield made
    from app.core.notifications import Notification
    from app.foreign_workers.extensions import ExtensionRequest

    db.session.rollback()
    for req_id in made:
        db.session.execute(db.delete(Notification).where(
            Notification.key.like(f"tka_extension_request:{req_id}:%")))
        db.session.execute(db.delete(ExtensionRequest).where(ExtensionRequest.id == req_id))
    db.session.commit()


def test_extension_without_a_validated_payment_is_reminded_once_30_days_before_it_starts(db, people,
                                                                                       _remove_requests):
    operator, officer = people
    worker = new_worker(db, operator)
    starts = TODAY + 40 * DAY
    unpaid = new_request(db, worker, starts, status="approved")
    released = new_request(db, new_worker(db, operator), starts, status="approved", released=True)
    refused = new_request(db, new_worker(db, operator), starts, status="rejected")
    _remove_requests.extend([unpaid.id, released.id, refused.id])
    run(TODAY)  # 40 days ahead: not yet
    assert unpaid_keys(db, unpaid) == []
    first = run(TODAY + 11 * DAY)  # the run of the 30th day before was skipped: caught up the next day
    assert first["extension_unpaid"] >= 2
    run(TODAY + 11 * DAY)
    run(TODAY + 45 * DAY)  # started 5 days ago and still unpaid: no second notice
    key = f"tka_extension_request:{unpaid.id}:unpaid"
    assert unpaid_keys(db, unpaid) == sorted(f"{key}:{u.id}" for u in (operator, officer))
    assert unpaid_keys(db, released) == [] and unpaid_keys(db, refused) == []  # paid or refused: nothing to pay
