"""One runner for the daily reminder jobs (AK-1 re-reports, PKWT endings, …), like Odoo's scheduled scans over a
date window declared next to their model.

A domain declares a `ReminderScan`: which rows have a date in the window it watches (a superset, cheap in SQL)
and, for a chunk of them, who is told what. The window is wider than one day, so a run missed (the scheduler
was down, `rq cron` does not catch up) is made good by the next one; each reminder has its own notification
key (one event, one recipient), so a re-run or an overlapping window never notifies twice. The runner stores
chunk by chunk (a failure later on keeps what was stored), then sends the e-mails.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select

from app.core.formatting import today_jakarta
from app.core.notifications import Notification, notify, send_pending_emails
from app.extensions import db

CHUNK = 500


@dataclass(frozen=True)
class Reminder:
    """Stored and e-mailed as it is: in Indonesian, not translated (like app/core/notifications.py)."""

    count: str  # the count of the run it adds to: due, end7 …
    key: str  # idempotency key of the notification: one event for one recipient
    title: str
    body: str
    link: str | None = None


@dataclass(frozen=True)
class ReminderScan:
    kind: str  # the notification kind (users switch it off in their preferences)
    counts: tuple[str, ...]  # what run() counts, besides "skipped"
    candidates: Callable[[date], Select]  # rows with a date in the window on `today`, ordered
    plan: Callable[[list, date], Iterable[tuple[int | None, Reminder]]]  # (user id or None: nobody to tell)

    def run(self, today: date | None = None) -> dict:
        """Notify what is due on `today` (default: today in Jakarta); commits. Returns the counts of new
        notifications, and of reminders "skipped" for want of an active user account."""
        today = today or today_jakarta()
        counts = dict.fromkeys(self.counts + ("skipped",), 0)
        to_mail = []
        rows = db.session.execute(self.candidates(today)).all()
        for start in range(0, len(rows), CHUNK):
            planned = list(self.plan(rows[start:start + CHUNK], today))
            known = _known_keys([reminder.key for user_id, reminder in planned if user_id is not None])
            for user_id, reminder in planned:
                if user_id is None:
                    counts["skipped"] += 1
                    continue
                if reminder.key in known:
                    continue
                known.add(reminder.key)  # planned twice in one chunk (two contracts of one chain): once
                notification = notify(user_id, self.kind, reminder.key, reminder.title, reminder.body,
                                      reminder.link)
                if notification is not None:
                    counts[reminder.count] += 1
                    if notification.email_status == "pending":
                        to_mail.append(notification.id)
            db.session.commit()
        if to_mail:
            send_pending_emails(to_mail)  # a failed send stays "failed" and is retried by the 10-minute job
        return counts


def _known_keys(keys) -> set[str]:
    """Which of these keys exist already: skips notify() for the many repeats of a daily scan (notify still
    guards against a concurrent run). Asked by exact key, so old notifications are never read."""
    keys = list(dict.fromkeys(keys))
    known = set()
    for start in range(0, len(keys), CHUNK):
        batch = keys[start:start + CHUNK]
        known.update(db.session.scalars(select(Notification.key).where(Notification.key.in_(batch))))
    return known
