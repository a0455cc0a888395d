"""Employers that do not report vacancies (Perpres 57/2023): companies that hired in the last 12 months — PKWT
registered here (approved submissions by `registered_at`) or placements (`Placement.placed_on`) — yet reported
no vacancy (`Vacancy.submitted_at`) in the same 12 months. Art. 4–5: employers report every vacancy; art. 6: and
when it is filled; art. 17: the minister, governor or bupati/wali kota gives a written warning to an employer that
does not report. The list is the officers' evidence for that warning (reports/warning_letter.py).

Counted in SQL, one statement for the whole list."""
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from dateutil.relativedelta import relativedelta
from flask import current_app
from sqlalchemy import and_, func, or_, select

from app.companies.models import Company
from app.contracts.models import PkwtContract, PkwtSubmission
from app.core.formatting import JAKARTA, date_id, today_jakarta
from app.extensions import db
from app.vacancies.models import Placement, Vacancy

WINDOW_MONTHS = 12


@dataclass(frozen=True)
class Window:
    """The 12 months ending on `as_of` (inclusive): dates `since` ≤ d ≤ `as_of`."""

    as_of: date

    @property
    def since(self) -> date:
        return self.as_of - relativedelta(months=WINDOW_MONTHS) + relativedelta(days=1)

    @property
    def start(self) -> datetime:
        """00:00 WIB on `since`, in UTC."""
        return datetime.combine(self.since, time(), JAKARTA).astimezone(timezone.utc)

    @property
    def label(self) -> str:
        return f"{date_id(self.since)} s.d. {date_id(self.as_of)}"


@dataclass(frozen=True)
class Finding:
    company_id: int
    name: str
    nib: str
    address: str
    kecamatan: str | None
    pkwt_registrations: int  # approved submissions registered in the window
    pkwt_workers: int  # their contracts
    placements: int  # placements at the company in the window
    last_vacancy_at: datetime | None  # the last vacancy ever reported (before the window), or None

    @property
    def last_vacancy_label(self) -> str:
        return date_id(self.last_vacancy_at) if self.last_vacancy_at else "Belum pernah melaporkan"


def window(as_of: date | None = None) -> Window:
    return Window(as_of or today_jakarta())


def findings(as_of: date | None = None, company_id: int | None = None) -> list[Finding]:
    """The companies to warn, by name; only `company_id`'s finding (or none) when given."""
    w = window(as_of)
    pkwt = (select(PkwtSubmission.company_id.label("company_id"),
                   func.count(func.distinct(PkwtSubmission.id)).label("registrations"),
                   func.count(PkwtContract.id).label("workers"))
            .outerjoin(PkwtContract, PkwtContract.submission_id == PkwtSubmission.id)
            .where(PkwtSubmission.status == "approved", PkwtSubmission.registered_at >= w.since,
                   PkwtSubmission.registered_at <= w.as_of)
            .group_by(PkwtSubmission.company_id).subquery())
    placed = (select(Placement.company_id.label("company_id"), func.count(Placement.id).label("placements"))
              .where(Placement.company_id.is_not(None), Placement.placed_on >= w.since, Placement.placed_on <= w.as_of)
              .group_by(Placement.company_id).subquery())
    last = (select(Vacancy.company_id.label("company_id"), func.max(Vacancy.submitted_at).label("last_at"))
            .group_by(Vacancy.company_id).subquery())
    reported_since = and_(last.c.last_at.is_not(None), last.c.last_at >= w.start)
    statement = (select(Company.id, Company.name, Company.nib, Company.address, Company.kecamatan_code,
                        func.coalesce(pkwt.c.registrations, 0), func.coalesce(pkwt.c.workers, 0),
                        func.coalesce(placed.c.placements, 0), last.c.last_at)
                 .outerjoin(pkwt, pkwt.c.company_id == Company.id)
                 .outerjoin(placed, placed.c.company_id == Company.id)
                 .outerjoin(last, last.c.company_id == Company.id)
                 .where(or_(pkwt.c.company_id.is_not(None), placed.c.company_id.is_not(None)), ~reported_since)
                 .order_by(Company.name, Company.id))
    if company_id is not None:
        statement = statement.where(Company.id == company_id)
    kecamatan = _kecamatan_names()
    return [Finding(cid, name, nib, address, kecamatan.get(kec), int(regs), int(workers), int(placements),
                    _aware(last_at))
            for cid, name, nib, address, kec, regs, workers, placements, last_at in db.session.execute(statement)]


def _aware(value):
    """SQLite returns the max() of an aware column as text or a naive UTC datetime; PostgreSQL an aware one."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _kecamatan_names() -> dict:
    from app.reference.models import Region

    return dict(db.session.execute(select(Region.code, Region.name).where(Region.level == "kecamatan")).all())


def report_within_days() -> int:
    """The days the warning letter gives the employer to report (config VACANCY_WARNING_REPORT_DAYS)."""
    return int(current_app.config.get("VACANCY_WARNING_REPORT_DAYS", 14))


# ---- XLSX --------------------------------------------------------------------------------------------------

HEADERS = ["Nama perusahaan", "NIB", "Alamat", "Kecamatan", "PKWT dicatat (pengajuan)", "Pekerja PKWT",
           "Penempatan", "Lowongan terakhir dilaporkan"]


def xlsx_rows(items: list[Finding]):
    for f in items:
        yield [f.name, f.nib, f.address, f.kecamatan, f.pkwt_registrations, f.pkwt_workers, f.placements,
               f.last_vacancy_at.astimezone(JAKARTA).date() if f.last_vacancy_at else "Belum pernah melaporkan"]


def note(w: Window) -> str:
    return (f"Perusahaan dengan pencatatan PKWT atau penempatan dalam 12 bulan terakhir ({w.label}) tanpa laporan "
            "lowongan pada periode yang sama (Perpres 57/2023 Pasal 4, 5 dan 6; Pasal 17: peringatan tertulis).")
