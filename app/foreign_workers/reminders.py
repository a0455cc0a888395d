"""Daily foreign-worker (TKA) reminders to the company's operators and to the Petugas TKA officers: passport,
KITAS/KITAP and RPTKA ending in 60 and in 30 days, and a departure not reported once the KITAS/KITAP or the RPTKA
has ended (issue 12 part 4; domain.md §6).

Run by app/core/reminders.py like the AK-1 and PKWT reminders: it scans windows of dates rather than "exactly
today", so a missed run is caught up the next day; every event has its own notification key per recipient, with
the date it is about (a renewed passport or an extended RPTKA is a new event), so a re-run never notifies twice.
In Indonesian, not translated (like the other reminders).

An extension request whose period starts within 30 days (or started up to 60 days ago) and for which no DKPTKA
payment has been validated is reminded once (DKPTKA is paid in advance for the period; domain.md §6: the
extension is released once the payment is validated).
"""
from dataclasses import replace
from datetime import date, timedelta

from flask_appbuilder.security.sqla.models import Role
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import lazyload

from app.core.formatting import date_id
from app.core.notifications import register_kind
from app.core.reminders import Reminder, ReminderScan
from app.extensions import db
from app.foreign_workers.extensions import ExtensionRequest
from app.foreign_workers.models import ForeignWorker
from app.security.models import AppUser
from app.security.roles import PETUGAS_TKA

KIND = "tka"
register_kind(KIND, _l("Tenaga kerja asing"))

FAR_DAYS, NEAR_DAYS = 60, 30
DEPARTURE_LOOKBACK_DAYS = 30  # a departure notice is still sent this long after the end (a skipped run catches up);
# older ones stay on the home page's list of departures not reported
DOCUMENTS = {  # which date, its name in the notice, what to do
    "passport": ("passport_expires_on", "Paspor",
                 "Pastikan paspor diperpanjang dan perbarui data paspor TKA di daftar TKA."),
    "permit": ("permit_expires_on", "KITAS/KITAP",
               "Ajukan perpanjangan izin tinggal ke Kantor Imigrasi sebelum berakhir, atau laporkan kepulangan TKA."),
    "rptka": ("rptka_end", "RPTKA",
              ("Perpanjangan RPTKA diajukan paling lambat 30 hari kerja sebelum berakhir (PP 34/2021 pasal 21); "
               "jika TKA tidak diperpanjang, laporkan kepulangannya.")),
}
COUNTS = tuple(f"{doc}{days}" for doc in DOCUMENTS for days in (FAR_DAYS, NEAR_DAYS)) + ("departure",)
UNPAID_LEAD_DAYS, UNPAID_LOOKBACK_DAYS = 30, 60  # extension periods starting this soon / started this long ago


def send_tka_reminders(today: date | None = None) -> dict:
    """Notify the company's active operators and the active Petugas TKA officers; commits per chunk, then
    e-mails. Returns counts of new notifications."""
    counts = SCAN.run(today)
    unpaid = UNPAID_SCAN.run(today)
    return {**counts, **unpaid, "skipped": counts["skipped"] + unpaid["skipped"]}


# ---- what to notify (pure: no database) --------------------------------------------------------------------

def worker_events(worker, today: date) -> list[Reminder]:
    """The reminders due on `today` for a worker still present (keys without the recipient)."""
    events = []
    for doc, (attribute, name, advice) in DOCUMENTS.items():
        ends = getattr(worker, attribute)
        if ends is None:
            continue
        days_left = (ends - today).days
        if 0 <= days_left <= NEAR_DAYS:  # the 30-day notice supersedes a 60-day one never sent (first seen late)
            events.append(_ending(worker, doc, name, advice, ends, NEAR_DAYS))
        elif 0 <= days_left <= FAR_DAYS:
            events.append(_ending(worker, doc, name, advice, ends, FAR_DAYS))
    ended = _ended_on(worker, today)
    if ended is not None and (today - ended).days <= DEPARTURE_LOOKBACK_DAYS:
        events.append(_departure(worker, ended))
    return events


def _ended_on(worker, today: date) -> date | None:
    """The day the stay ended (KITAS/KITAP or RPTKA, the earlier), if before today (services.ended_without_departure
    is the same rule in SQL)."""
    ends = [d for d in (worker.permit_expires_on, worker.rptka_end) if d is not None and d < today]
    return min(ends) if ends else None


def _who(worker) -> str:
    return f"{worker.full_name} (paspor {worker.passport_number}, {worker.position})"


def _company(worker) -> str:
    return worker.company.name if worker.company is not None else "perusahaan"


def _ending(worker, doc, name, advice, ends: date, lead: int) -> Reminder:
    body = (f"{name} TKA {_who(worker)} di {_company(worker)} berakhir pada {date_id(ends)}. {advice}")
    return Reminder(f"{doc}{lead}", f"tka:{worker.id}:{doc}{lead}:{ends.isoformat()}",
                    f"{name} TKA berakhir dalam {lead} hari", body, _link(worker))


def _departure(worker, ended: date) -> Reminder:
    body = (f"Izin tinggal (KITAS/KITAP) atau RPTKA TKA {_who(worker)} di {_company(worker)} telah berakhir pada "
            f"{date_id(ended)}, tetapi kepulangannya belum dilaporkan. Laporkan kepulangan TKA (peristiwa "
            "\"Kepulangan/keluar\") atau perbarui data perpanjangannya.")
    return Reminder("departure", f"tka:{worker.id}:departure:{ended.isoformat()}",
                    "Kepulangan TKA belum dilaporkan", body, _link(worker))


def _link(worker) -> str:
    return f"/foreignworkerview/show/{worker.id}"  # operators see their own company's workers there, officers all


# ---- the scan ----------------------------------------------------------------------------------------------

def _candidates(today: date):
    """Ids of present workers with a date in a window: a superset, filtered exactly by worker_events(). The date
    columns are indexed (passport, permit, RPTKA end)."""
    horizon = today + timedelta(days=FAR_DAYS)
    since = today - timedelta(days=DEPARTURE_LOOKBACK_DAYS)
    return (select(ForeignWorker.id)
            .where(ForeignWorker.status == "present",
                   or_(ForeignWorker.passport_expires_on.between(today, horizon),
                       ForeignWorker.permit_expires_on.between(since, horizon),
                       ForeignWorker.rptka_end.between(since, horizon)))
            .order_by(ForeignWorker.id))


def _load(ids) -> list[ForeignWorker]:
    return db.session.scalars(select(ForeignWorker).where(ForeignWorker.id.in_(list(ids)))
                              .options(lazyload(ForeignWorker.locations), lazyload(ForeignWorker.kbji))
                              .order_by(ForeignWorker.id)).all()


def _operators(company_ids) -> dict[int, list[int]]:
    rows = db.session.execute(select(AppUser.company_id, AppUser.id).where(
        AppUser.company_id.in_(company_ids), AppUser.active.is_(True)).order_by(AppUser.id)).all()
    operators = {}
    for company_id, user_id in rows:
        operators.setdefault(company_id, []).append(user_id)
    return operators


def _officers() -> list[int]:
    """Active Petugas TKA accounts (not bound to a company)."""
    return list(db.session.scalars(
        select(AppUser.id).join(AppUser.roles)
        .where(and_(Role.name == PETUGAS_TKA, AppUser.active.is_(True), AppUser.company_id.is_(None)))
        .order_by(AppUser.id).distinct()))


def _plan(rows, today):
    workers = _load([worker_id for worker_id, in rows])
    yield from _to_everyone(((worker.company_id, worker_events(worker, today)) for worker in workers),
                            {w.company_id for w in workers})


def _to_everyone(events_by_company, company_ids):
    """(company id, its reminders) → one notification per reminder and recipient: the company's operators and
    the officers."""
    operators = _operators(company_ids)
    officers = _officers()
    for company_id, events in events_by_company:
        recipients = list(dict.fromkeys(operators.get(company_id, []) + officers))
        for event in events:
            if not recipients:
                yield None, event
            for user_id in recipients:
                yield user_id, replace(event, key=f"{event.key}:{user_id}")  # one notification per recipient


SCAN = ReminderScan(KIND, COUNTS, _candidates, _plan)


# ---- extensions without a validated DKPTKA payment ---------------------------------------------------------

def unpaid_event(req) -> Reminder:
    body = (f"Perpanjangan RPTKA TKA {_who(req.worker)} di {_company(req.worker)} untuk masa "
            f"{date_id(req.period_start)} s.d. {date_id(req.period_end)} belum mempunyai pembayaran DKPTKA yang "
            "tervalidasi. DKPTKA dibayar di muka untuk masa perpanjangan; ajukan validasi pembayarannya dari halaman "
            "permohonan (\"Ajukan pembayaran DKPTKA\").")
    return Reminder("extension_unpaid", f"tka_extension_request:{req.id}:unpaid",
                    "Perpanjangan RPTKA belum dibayar (DKPTKA)", body, f"/tkaextensionview/show/{req.id}")


def _unpaid_candidates(today: date):
    """Requests not refused, not released by a validated payment, whose period starts soon or started lately."""
    return (select(ExtensionRequest.id)
            .where(ExtensionRequest.status.in_(("submitted", "returned", "checked", "approved")),
                   ExtensionRequest.released_at.is_(None),
                   ExtensionRequest.period_start.between(today - timedelta(days=UNPAID_LOOKBACK_DAYS),
                                                         today + timedelta(days=UNPAID_LEAD_DAYS)))
            .order_by(ExtensionRequest.id))


def _unpaid_plan(rows, today):
    requests = db.session.scalars(select(ExtensionRequest).where(ExtensionRequest.id.in_([i for i, in rows]))
                                  .order_by(ExtensionRequest.id)).all()
    yield from _to_everyone(((req.company_id, [unpaid_event(req)]) for req in requests),
                            {req.company_id for req in requests})


UNPAID_SCAN = ReminderScan(KIND, ("extension_unpaid",), _unpaid_candidates, _unpaid_plan)
