"""The one reminder runner (app/core/reminders.py) the AK-1 and PKWT reminders use: a window scan that catches up
missed days, idempotent per event and recipient, counting what it skipped for want of an account."""
from datetime import date, timedelta

from sqlalchemy import literal, select, union_all

from tests.conftest import unique

DEADLINE = date(2031, 3, 10)
WINDOW = timedelta(days=3)  # remind in the 3 days before the deadline


def _scan(user_ids):
    """A deadline per user (None: a holder without an account), reminded in the window before it."""
    from app.core.notifications import register_kind
    from app.core.reminders import Reminder, ReminderScan

    kind = unique("deadline-")
    register_kind(kind, "Tenggat")
    objects = {i: user_id for i, user_id in enumerate(user_ids, start=1)}

    def candidates(today):
        rows = [select(literal(i).label("id")) for i in objects]
        in_window = DEADLINE - WINDOW <= today <= DEADLINE
        return union_all(*rows) if in_window else select(literal(0).label("id")).where(literal(False))

    def plan(rows, today):
        for (object_id,) in rows:
            yield objects[object_id], Reminder("due", f"{kind}:{object_id}:{DEADLINE}", "Tenggat",
                                               f"Tenggat {DEADLINE}", "/")

    return kind, ReminderScan(kind, ("due",), candidates, plan)


def test_a_missed_day_is_caught_up_and_nothing_is_sent_twice(app, db):
    from app.core.notifications import Notification

    users = [app.appbuilder.sm.find_user(username=name).id for name in ("operator", "operator2")]
    kind, scan = _scan(users + [None])
    assert scan.run(DEADLINE - WINDOW - timedelta(days=1)) == {"due": 0, "skipped": 0}  # not yet
    # The scheduler was down on the first two days of the window: the third day sends everything.
    assert scan.run(DEADLINE - timedelta(days=1)) == {"due": 2, "skipped": 1}
    assert scan.run(DEADLINE - timedelta(days=1)) == {"due": 0, "skipped": 1}  # a re-run
    assert scan.run(DEADLINE) == {"due": 0, "skipped": 1}  # the next day, same events
    sent = db.session.scalars(select(Notification.user_id).where(Notification.kind == kind)).all()
    assert sorted(sent) == sorted(users)


def test_both_reminder_jobs_run_on_the_one_runner():
    from app.contracts import reminders as pkwt
    from app.core.reminders import ReminderScan
    from app.seekers import reminders as ak1

    assert isinstance(pkwt.SCAN, ReminderScan) and isinstance(ak1.SCAN, ReminderScan)
    assert not hasattr(pkwt, "_known_keys") and not hasattr(ak1, "_known_keys")
