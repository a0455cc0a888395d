"""The head of office's dashboard (issue 11 part 4): figures by month over the last 24 months and, for a period,
by kecamatan, by education and by sector.

Every figure counts what the IPK report counts (app/reporting/ipk/facts.py), so the dashboard, the report and
the lists the dashboard links to agree:
- job seekers *registered* / *placed*: facts.seekers_registered / facts.seekers_placed;
- AK-1 cards *in force from* the month: Ak1Card.ipk_from (new cards, renewals and corrections alike);
- vacancies *verified*: facts.vacancies_registered (published in the month, WIB), counted in vacancies;
- slots *filled*: facts.slot_events("filled", ...), counted in slots;
- PKWT *registered*: PkwtSubmission.registered_at (the approval that gives the registration number).
Counted in SQL: each figure's condition over the whole window, grouped by the day of its dated column (WIB for
instants) and summed into months, so a month's figure is exactly the rule's for that month. Python sees groups
(days), never rows.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import DateTime, and_, func, select

from app.contracts.models import PkwtSubmission
from app.core.i18n import N_
from app.extensions import db
from app.reference.models import EducationLevel, Kbli, Region
from app.reporting.ipk import facts
from app.reporting.tables import UNKNOWN, Month, day_of
from app.seekers.models import Ak1Card
from app.vacancies.models import Vacancy, VacancySlotEvent

REGENCY = "36.03"
WINDOW_MONTHS = 24  # the monthly charts
PERIOD_MONTHS = 12  # the breakdowns' default period
MAX_PERIOD_MONTHS = 60
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass(frozen=True)
class Span:
    """Consecutive months `first_month` … `last_month`, with the same bounds a Month has (dates and WIB instants)."""

    first_month: Month
    last_month: Month

    @classmethod
    def ending(cls, last: Month, months: int) -> "Span":
        return cls(shift(last, 1 - months), last)

    @property
    def months(self) -> list[Month]:
        out, month = [], self.first_month
        while (month.year, month.month) <= (self.last_month.year, self.last_month.month):
            out.append(month)
            month = shift(month, 1)
        return out

    @property
    def first(self) -> date:
        return self.first_month.first

    @property
    def next_first(self) -> date:
        return self.last_month.next_first

    @property
    def start(self) -> datetime:
        return self.first_month.start

    @property
    def end(self) -> datetime:
        return self.last_month.end

    @property
    def label(self) -> str:
        if self.first_month == self.last_month:
            return self.first_month.label
        return f"{self.first_month.label} – {self.last_month.label}"


def shift(month: Month, by: int) -> Month:
    index = month.year * 12 + month.month - 1 + by
    return Month(index // 12, index % 12 + 1)


def short_label(month: Month) -> str:
    return f"{SHORT_MONTHS[month.month - 1]} {month.year}"


# ---- what each figure counts, declared once (the view links each to its list with the same bounds) -----------

@dataclass(frozen=True)
class Measure:
    key: str
    title: str  # N_: translated on screen
    model: type
    condition: object  # (span or month) -> SQL condition
    on: object  # the dated column that puts a row in its month (the condition bounds it)
    value: object = None  # a column to SUM; None: COUNT the rows

    @property
    def instant(self) -> bool:
        """A timestamp, placed in its month in Asia/Jakarta (a date is its own month)."""
        return isinstance(self.on.type, DateTime)


MEASURES = {m.key: m for m in (
    Measure("seekers_registered", N_("Pencari kerja terdaftar"), Ak1Card,
            lambda p: facts.seekers_registered(p.first, p.next_first), Ak1Card.ipk_from),
    Measure("seekers_placed", N_("Pencari kerja ditempatkan"), Ak1Card,
            lambda p: facts.seekers_placed(p.first, p.next_first), Ak1Card.placed_at),
    Measure("vacancies_verified", N_("Lowongan diverifikasi"), Vacancy,
            lambda p: facts.vacancies_registered(p.start, p.end), Vacancy.published_at),
    Measure("slots_filled", N_("Slot lowongan terisi"), VacancySlotEvent,
            lambda p: facts.slot_events("filled", p.first, p.next_first), VacancySlotEvent.on_date,
            VacancySlotEvent.count),
    Measure("pkwt_registered", N_("Pengajuan PKWT tercatat"), PkwtSubmission,
            lambda p: and_(PkwtSubmission.registered_at >= p.first, PkwtSubmission.registered_at < p.next_first),
            PkwtSubmission.registered_at),
    Measure("ak1_issued", N_("Kartu AK/I mulai berlaku"), Ak1Card,
            lambda p: and_(Ak1Card.ipk_from >= p.first, Ak1Card.ipk_from < p.next_first), Ak1Card.ipk_from),
)}

# The monthly charts: each a pair of measures drawn together.
CHARTS = (
    ("seekers", N_("Pencari kerja terdaftar dan ditempatkan"), ("seekers_registered", "seekers_placed")),
    ("vacancies", N_("Lowongan diverifikasi dan slot terisi"), ("vacancies_verified", "slots_filled")),
    ("documents", N_("Pengajuan PKWT tercatat dan kartu AK/I mulai berlaku"), ("pkwt_registered", "ak1_issued")),
)


def by_month(measure: Measure, span: Span) -> list[int]:
    """The measure for each month of `span`: the rule's condition over the whole span, grouped by the day of the
    measure's dated column (WIB for instants) and summed per month here: the same bounds, so a month's figure is
    exactly the rule's for that month."""
    day = day_of(measure.on, measure.instant).label("d")
    total = func.sum(measure.value) if measure.value is not None else func.count()
    statement = select(day, total).select_from(measure.model).where(measure.condition(span)).group_by(day)
    by_value = defaultdict(int)
    for on, value in db.session.execute(statement):
        by_value[str(on)[:7]] += int(value or 0)
    return [by_value[m.value] for m in span.months]


# ---- the breakdowns of a period -----------------------------------------------------------------------------

@dataclass
class Row:
    code: str | None  # None: not known / outside the regency
    label: str
    values: list[int]


@dataclass
class Breakdown:
    key: str
    title: str  # N_
    header: str  # N_: the label column
    columns: list[str]  # N_: measure titles
    measures: list[str]  # measure keys, in column order (each column links to its list)
    rows: list[Row] = field(default_factory=list)

    @property
    def totals(self) -> list[int]:
        return [sum(row.values[i] for row in self.rows) for i in range(len(self.columns))]


@dataclass
class Place:
    code: str
    name: str
    lat: float | None
    lng: float | None


def kecamatan() -> list[Place]:
    """The regency's kecamatan with their reference centroids (seed/data/kecamatan_3603_coords.csv)."""
    rows = db.session.execute(select(Region.code, Region.name, Region.lat, Region.lng).where(
        Region.level == "kecamatan", Region.parent_code == REGENCY).order_by(Region.code))
    return [Place(*row) for row in rows]


def breakdowns(span: Span, places: list[Place]) -> dict[str, Breakdown]:
    """Job seekers registered by kecamatan and by education; vacancies verified (and their slots) by kecamatan and
    by KBLI section. Two GROUP BY queries (seekers, vacancies) plus the reference names."""
    seekers = MEASURES["seekers_registered"]
    by_seeker = db.session.execute(
        select(Ak1Card.ipk_kecamatan_code, Ak1Card.ipk_education_code, func.count())
        .where(seekers.condition(span)).group_by(Ak1Card.ipk_kecamatan_code, Ak1Card.ipk_education_code)).all()
    vacancies = MEASURES["vacancies_verified"]
    slots = func.coalesce(Vacancy.slots_male, 0) + func.coalesce(Vacancy.slots_female, 0) + \
        func.coalesce(Vacancy.slots_any, 0)
    by_vacancy = db.session.execute(
        select(Vacancy.work_kecamatan_code, Vacancy.ipk_kbli_section, func.count(), func.sum(slots))
        .where(vacancies.condition(span)).group_by(Vacancy.work_kecamatan_code, Vacancy.ipk_kbli_section)).all()

    known = {place.code for place in places}
    seekers_at, vacancies_at, slots_at = _sum(by_seeker, 0, 2, known), _sum(by_vacancy, 0, 2, known), \
        _sum(by_vacancy, 0, 3, known)
    area = Breakdown("kecamatan", N_("Per kecamatan"), N_("Kecamatan"),
                     [N_("Pencari kerja terdaftar"), N_("Lowongan diverifikasi"), N_("Slot lowongan")],
                     ["seekers_registered", "vacancies_verified", None])
    for place in places:
        area.rows.append(Row(place.code, place.name,
                             [seekers_at.get(place.code, 0), vacancies_at.get(place.code, 0),
                              slots_at.get(place.code, 0)]))
    if None in seekers_at or None in vacancies_at:
        area.rows.append(Row(None, N_("Di luar kabupaten / tidak diketahui"),
                             [seekers_at.get(None, 0), vacancies_at.get(None, 0), slots_at.get(None, 0)]))

    levels = db.session.execute(select(EducationLevel.ipk_code, EducationLevel.name)
                                .order_by(EducationLevel.sort_order, EducationLevel.ipk_code)).all()
    by_level = _sum(by_seeker, 1, 2, {code for code, _name in levels})
    education = Breakdown("pendidikan", N_("Pencari kerja terdaftar per pendidikan"), N_("Pendidikan"),
                          [N_("Pencari kerja terdaftar")], ["seekers_registered"])
    for code, name in levels:
        if by_level.get(code):
            education.rows.append(Row(code, name, [by_level[code]]))
    if by_level.get(None):
        education.rows.append(Row(None, UNKNOWN, [by_level[None]]))

    sections = dict(db.session.execute(select(Kbli.code, Kbli.name).where(Kbli.level == "section")).all())
    by_section, slots_by_section = _sum(by_vacancy, 1, 2, set(sections)), _sum(by_vacancy, 1, 3, set(sections))
    sector = Breakdown("sektor", N_("Lowongan diverifikasi per sektor usaha (kategori KBLI)"), N_("Kategori KBLI"),
                       [N_("Lowongan diverifikasi"), N_("Slot lowongan")], ["vacancies_verified", None])
    for code in sorted(sections):
        if by_section.get(code):
            sector.rows.append(Row(code, f"{code} — {sections[code]}", [by_section[code], slots_by_section[code]]))
    if by_section.get(None):
        sector.rows.append(Row(None, UNKNOWN, [by_section[None], slots_by_section[None]]))
    return {b.key: b for b in (area, education, sector)}


def _sum(groups, key_at, value_at, known) -> dict:
    """Sum the groups' `value_at` column by their `key_at` column; a key not in `known` sums under None."""
    out = {}
    for group in groups:
        key = group[key_at] if group[key_at] in known else None
        out[key] = out.get(key, 0) + int(group[value_at] or 0)
    return out


# ---- the page's data ----------------------------------------------------------------------------------------

@dataclass
class Dashboard:
    window: Span  # the monthly charts
    period: Span  # the breakdowns
    series: dict  # measure key -> [value per month of window]
    breakdowns: dict  # key -> Breakdown
    places: list  # [Place]


def dashboard(last: Month, period: Span | None = None) -> Dashboard:
    """Everything the page shows: the 24 months ending with `last` and the breakdowns of `period` (by default
    the 12 months ending with `last`). Six monthly GROUP BY queries, two for the breakdowns, three lookups."""
    window = Span.ending(last, WINDOW_MONTHS)
    period = period or Span.ending(last, PERIOD_MONTHS)
    places = kecamatan()
    series = {key: by_month(measure, window) for key, measure in MEASURES.items()}
    return Dashboard(window, period, series, breakdowns(period, places), places)
