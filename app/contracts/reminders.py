"""Daily PKWT reminders to the company's operators: contract ending in 30 and in 7 days (with the compensation
money due), and a chain of PKWT by period approaching the 5-year maximum (domain.md §5, PP 35/2021).

Run by app/core/reminders.py, like the AK-1 reminders: it scans windows of end dates rather than "exactly
today", so a missed run is caught up the next day; every event has its own notification key per operator, so a
re-run or an overlapping scan never notifies twice. In Indonesian, not translated (like the AK-1 reminders).
"""
from dataclasses import replace
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from app.contracts import rules
from app.contracts.models import PkwtContract, PkwtSubmission
from app.contracts.services import compensation_of
from app.core.formatting import date_id, rupiah
from app.core.notifications import register_kind
from app.core.reminders import Reminder, ReminderScan
from app.extensions import db
from app.security.models import AppUser

KIND = "pkwt"
register_kind(KIND, _l("PKWT"))

END30_DAYS, END7_DAYS = 30, 7
CHAIN_WINDOW_DAYS = 60  # warn of a chain near 5 years this long before its latest contract ends
CHAIN_DAYS_LEFT = 90  # … when at most this many days of the 5 years remain at that end


def send_pkwt_reminders(today: date | None = None) -> dict:
    """Notify the active operators of companies with registered contracts ending soon; commits per chunk, then
    e-mails. Returns counts of new notifications."""
    return SCAN.run(today)


# ---- what to notify (pure: no database) --------------------------------------------------------------------

def contract_events(contract, chain: list, extended: bool, today: date) -> list[Reminder]:
    """`chain`: the earlier contracts it extends (oldest first); `extended`: a registered extension follows it."""
    days_left = (contract.end_date - today).days
    events = []
    if 0 <= days_left <= END7_DAYS:  # the 7-day notice supersedes a 30-day one never sent (first seen late)
        events.append(_end_event(contract, "end7"))
    elif 0 <= days_left <= END30_DAYS:
        events.append(_end_event(contract, "end30"))
    if contract.kind == "jangka_waktu" and not extended and 0 <= days_left <= CHAIN_WINDOW_DAYS:
        periods = [(c.start_date, c.end_date) for c in chain if c.end_date] + [(contract.start_date, contract.end_date)]
        left = rules.chain_days_left(periods)
        if left <= CHAIN_DAYS_LEFT:
            events.append(_chain_event(contract, chain, left))
    return events


def compensation_text(contract) -> str:
    if contract.nationality != "ID":
        return ("Pekerja warga negara asing tidak berhak atas uang kompensasi (PP 35/2021 pasal 15 ayat (5)): "
                "tidak ada uang kompensasi yang wajib dibayarkan.")
    amount = compensation_of(contract)
    if amount == 0:
        return ("Masa kerja kurang dari 1 bulan: tidak ada uang kompensasi yang wajib dibayarkan "
                "(PP 35/2021 pasal 15 ayat (3)).")
    return (f"Uang kompensasi yang wajib dibayarkan saat PKWT berakhir: {rupiah(amount)} (masa kerja/12 × upah "
            f"{rupiah(contract.wage)} per bulan, PP 35/2021 pasal 15–16).")


def _worker(contract) -> str:
    return f"{contract.full_name} ({contract.position})"


def _registration(contract) -> str:
    number = contract.submission.number if contract.submission is not None else None
    return f" nomor pencatatan {number}" if number else ""


def _end_event(contract, which: str) -> Reminder:
    lead = "30" if which == "end30" else "7"
    body = (f"PKWT{_registration(contract)} atas nama {_worker(contract)} berakhir pada "
            f"{date_id(contract.end_date)}. {compensation_text(contract)} Jika hubungan kerja akan dilanjutkan, "
            "perpanjangan PKWT wajib dicatatkan kembali ke Dinas Tenaga Kerja.")
    return Reminder(which, f"pkwt:{contract.id}:{which}", f"PKWT berakhir dalam {lead} hari", body, _link(contract))


def _chain_event(contract, chain, left: int) -> Reminder:
    first = chain[0] if chain else contract
    extension = f" perpanjangan ke-{contract.sequence}" if contract.sequence else ""
    remaining = (f"jangka waktu yang masih dapat diperjanjikan tinggal {left} hari" if left > 0
                 else "tidak ada lagi jangka waktu yang dapat diperjanjikan")
    body = (f"PKWT jangka waktu{extension} atas nama {_worker(contract)} berakhir pada {date_id(contract.end_date)}. "
            f"Dihitung sejak PKWT pertama mulai {date_id(first.start_date)}, sesudah tanggal itu {remaining} dari "
            f"batas paling lama {rules.MAX_YEARS} tahun termasuk perpanjangan (PP 35/2021 pasal 8). Selebihnya "
            "pekerja tidak dapat dipekerjakan lagi dengan PKWT jangka waktu: akhiri hubungan kerja sesuai "
            "perjanjian atau angkat menjadi pekerja tetap (PKWTT).")
    return Reminder("chain", f"pkwt:{first.id}:chain", "PKWT mendekati batas 5 tahun", body, _link(contract))


def _link(contract) -> str:
    return f"/pkwtcontractview/show/{contract.id}"  # operators see their own company's contracts there


# ---- the scan ----------------------------------------------------------------------------------------------

def _candidates(today: date):
    """Ids of registered contracts ending in the widest window, of companies with an active operator (no one to
    tell otherwise): a superset, filtered exactly by contract_events(). The (company_id, end_date) index serves
    the company semi-join plus the end-date range."""
    horizon = today + timedelta(days=max(END30_DAYS, CHAIN_WINDOW_DAYS))
    with_operator = select(AppUser.company_id).where(AppUser.company_id.isnot(None), AppUser.active.is_(True))
    return (select(PkwtContract.id).join(PkwtSubmission, PkwtSubmission.id == PkwtContract.submission_id)
            .where(PkwtContract.company_id.in_(with_operator), PkwtContract.end_date.between(today, horizon),
                   PkwtContract.ended_at.is_(None), PkwtSubmission.status == "approved")  # not already ended
            .order_by(PkwtContract.id))


def _load(ids) -> list[PkwtContract]:
    # Only the submission's number is needed: not the company, with its own chain of eager relations.
    only_number = selectinload(PkwtContract.submission).lazyload(PkwtSubmission.company)
    return db.session.scalars(select(PkwtContract).where(PkwtContract.id.in_(list(ids)))
                              .options(lazyload(PkwtContract.company), only_number)
                              .order_by(PkwtContract.id)).all()


def _chains(contracts) -> dict[int, list]:
    """Each contract's earlier contracts, oldest first, loaded level by level (one query per extension depth,
    not one per contract; a chain is at most a handful of contracts in 5 years)."""
    periods = {}  # id -> row (id, previous_id, start_date, end_date)
    wanted = {c.previous_id for c in contracts if c.previous_id is not None}
    while wanted:
        rows = db.session.execute(select(PkwtContract.id, PkwtContract.previous_id, PkwtContract.start_date,
                                         PkwtContract.end_date).where(PkwtContract.id.in_(wanted))).all()
        periods.update((row.id, row) for row in rows)
        wanted = {row.previous_id for row in rows if row.previous_id is not None} - periods.keys()
    chains = {}
    for contract in contracts:
        chain, current = [], contract.previous_id
        while current in periods and len(chain) < 100:  # a corrupt cycle must not hang the job
            chain.insert(0, periods[current])
            current = periods[current].previous_id
        chains[contract.id] = chain
    return chains


def _extended(ids) -> set[int]:
    """Those of `ids` followed by a registered extension: the chain notice belongs to the latest contract."""
    return set(db.session.scalars(
        select(PkwtContract.previous_id).join(PkwtSubmission, PkwtSubmission.id == PkwtContract.submission_id)
        .where(PkwtContract.previous_id.in_(ids), PkwtSubmission.status == "approved")))


def _operators(company_ids) -> dict[int, list[int]]:
    rows = db.session.execute(select(AppUser.company_id, AppUser.id).where(
        AppUser.company_id.in_(company_ids), AppUser.active.is_(True)).order_by(AppUser.id)).all()
    operators = {}
    for company_id, user_id in rows:
        operators.setdefault(company_id, []).append(user_id)
    return operators


def _plan(rows, today):
    contracts = _load([contract_id for contract_id, in rows])
    chains, extended = _chains(contracts), _extended({c.id for c in contracts})
    operators = _operators({c.company_id for c in contracts})
    for contract in contracts:
        for event in contract_events(contract, chains[contract.id], contract.id in extended, today):
            for user_id in operators.get(contract.company_id, ()):
                yield user_id, replace(event, key=f"{event.key}:{user_id}")  # one notification per operator


SCAN = ReminderScan(KIND, ("end30", "end7", "chain"), _candidates, _plan)
