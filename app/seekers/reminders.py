"""Daily AK-1 reminders to card holders: re-report due soon, re-report overdue, card expiring (domain.md §3).

Run by app/core/reminders.py: it scans a window of dates rather than "exactly today", so a missed run is caught
up the next day; every event has its own notification key, so a re-run never notifies twice. Titles and bodies
are in Indonesian, not translated; only the kind's label follows the reader's language.
"""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import lazyload

from app.core.formatting import date_id
from app.core.notifications import register_kind
from app.core.reminders import Reminder, ReminderScan
from app.extensions import db
from app.security.models import AppUser
from app.seekers import rules
from app.seekers.models import Ak1Card

KIND = "ak1"
register_kind(KIND, _l("Kartu AK/I"))

CARD_LINK = "/ak1cardview/list/"  # a job seeker sees only their own cards there
DUE_SOON_DAYS = 7
EXPIRING_DAYS = 30
CATCH_UP_DAYS = 7  # an overdue notice is still sent this long after the late-report window has closed
MONTH_SLACK = timedelta(days=3)  # month arithmetic clamps at month ends (31 Aug + 6 months = 28 Feb)
ORDINALS = {1: "pertama", 2: "kedua", 3: "ketiga"}


def send_ak1_reminders(today: date | None = None) -> dict:
    """Notify holders of issued cards; commits. Returns counts of new notifications, and of events for seekers
    without an (active) user account, which are skipped."""
    return SCAN.run(today)


# ---- what to notify (pure: no database) --------------------------------------------------------------------

def card_events(card: Ak1Card, today: date, config) -> list[Reminder]:
    """The reminders the card's holder is due on `today`."""
    events = [_report_event(card, today, config["AK1_REPORT_MONTHS"], config["AK1_REPORT_WINDOW_DAYS"])]
    if today <= card.valid_until <= today + timedelta(days=EXPIRING_DAYS):
        events.append(_expiring_event(card))
    return [event for event in events if event is not None]


def _overdue_lookback(window_days: int) -> timedelta:
    return timedelta(days=window_days + CATCH_UP_DAYS)


def _report_event(card, today, months, window_days) -> Reminder | None:
    """Only the earliest open re-report counts: the first one not reported whose due date is at most the
    lookback behind. If it is overdue we remind of that one and say nothing about later ones; once it is past
    the lookback (the late window closed, nothing more to say) the next one takes its place. Re-reports are
    six months apart, so in practice at most one is ever in view."""
    reported = {report.sequence for report in card.reports}
    for sequence, due in enumerate(rules.report_due_dates(card.issued_at, months), start=1):
        if sequence in reported or due < today - _overdue_lookback(window_days):
            continue
        window = rules.report_window(due, window_days)
        if due < today:
            return _overdue_event(card, sequence, due, window, today)
        if due <= today + timedelta(days=DUE_SOON_DAYS):
            return _due_event(card, sequence, due, window)
        return None
    return None


def _key(card, event: str) -> str:
    # By card number, not id: a correction (perbaikan) is a new row that keeps the number, dates and
    # reports, and must not repeat a reminder; a renewal gets a new number and its own reminders.
    return f"ak1:{card.number}:{event}"


def _due_event(card, sequence, due, window) -> Reminder:
    body = (f"Lapor ulang {ORDINALS.get(sequence, sequence)} kartu AK/I Anda nomor {card.number} jatuh tempo "
            f"pada {date_id(due)}. Lapor ulang dapat dilakukan secara daring atau di loket Dinas Tenaga Kerja "
            f"mulai {date_id(window[0])} sampai {date_id(window[1])}. Jika Anda sudah bekerja, mohon laporkan "
            "penempatan Anda.")
    return Reminder("due", _key(card, f"report{sequence}:due"), "Jadwal lapor ulang AK/I", body, CARD_LINK)


def _overdue_event(card, sequence, due, window, today) -> Reminder:
    body = (f"Lapor ulang {ORDINALS.get(sequence, sequence)} kartu AK/I Anda nomor {card.number} jatuh tempo "
            f"pada {date_id(due)} dan belum tercatat. ")
    if today <= window[1]:
        body += f"Anda masih dapat lapor ulang secara daring atau di loket sampai {date_id(window[1])}."
    else:
        body += (f"Masa lapor ulang telah berakhir pada {date_id(window[1])}. Silakan menghubungi Dinas Tenaga "
                 "Kerja Kabupaten Tangerang.")
    return Reminder("overdue", _key(card, f"report{sequence}:overdue"), "Lapor ulang AK/I terlewat", body,
                    CARD_LINK)


def _expiring_event(card) -> Reminder:
    body = (f"Kartu AK/I Anda nomor {card.number} berlaku sampai {date_id(card.valid_until)}. Jika Anda masih "
            "mencari kerja, ajukan perpanjangan kartu sebelum masa berlakunya habis.")
    return Reminder("expiring", _key(card, "expiring"), "Kartu AK/I segera berakhir", body, CARD_LINK)


# ---- the scan ----------------------------------------------------------------------------------------------

def _candidates(today: date):
    """(card id, active user id or None) of issued cards with a date in the scan window: a superset, filtered
    exactly by card_events(). For re-report n (m months), due = issued + m months, so the issue dates that put
    it in the window are the window shifted back m months, widened for month-end clamping."""
    config = current_app.config
    start = today - _overdue_lookback(config["AK1_REPORT_WINDOW_DAYS"])
    end = today + timedelta(days=DUE_SOON_DAYS)
    in_window = [Ak1Card.valid_until.between(today, today + timedelta(days=EXPIRING_DAYS))]
    for months in config["AK1_REPORT_MONTHS"]:
        shift = relativedelta(months=months)
        in_window.append(Ak1Card.issued_at.between(start - shift - MONTH_SLACK, end - shift + MONTH_SLACK))
    account = and_(AppUser.job_seeker_id == Ak1Card.job_seeker_id, AppUser.active.is_(True))
    return (select(Ak1Card.id, AppUser.id).outerjoin(AppUser, account)
            .where(Ak1Card.status == "issued", or_(*in_window)).order_by(Ak1Card.id))


def _plan(rows, today):
    user_of = dict(rows)  # card id -> user id or None
    # The seeker is not needed; skip its joined profile (reports come by selectin).
    cards = db.session.scalars(select(Ak1Card).where(Ak1Card.id.in_(list(user_of)))
                               .options(lazyload(Ak1Card.job_seeker))).all()
    for card in cards:
        for event in card_events(card, today, current_app.config):
            yield user_of[card.id], event


SCAN = ReminderScan(KIND, ("due", "overdue", "expiring"), _candidates, _plan)
