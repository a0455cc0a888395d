"""What every periodic report is made of, and the month it covers.

A `Report` is plain data (Indonesian labels as printed; N_ marks those the screen translates): a title, summary
lines and `Table`s, each a label column and number columns with a totals row. Renderers (app/reporting/xlsx.py,
reports/vacancy_monthly.py) draw any report; data functions (app/reporting/monthly.py) fill them.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from dateutil.relativedelta import relativedelta
from sqlalchemy import func

from app.contracts.recap import parse_period, period_label  # noqa: F401 (one month parser for every report)
from app.core.formatting import JAKARTA
from app.extensions import db

TOTAL_LABEL = "Jumlah"
UNKNOWN = "Tidak diketahui"


@dataclass(frozen=True)
class Month:
    """A calendar month in Asia/Jakarta: dates `first` ≤ d < `next_first`; instants `start` ≤ t < `end` (UTC)."""

    year: int
    month: int

    @classmethod
    def parse(cls, value) -> "Month":
        """From "2026-01"; DomainError with a readable message otherwise."""
        return cls(*parse_period(value))

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first(self) -> date:
        return self.first + relativedelta(months=1)

    @property
    def last(self) -> date:
        return self.next_first - relativedelta(days=1)

    @property
    def start(self) -> datetime:
        """00:00 WIB on the first day, in UTC (stored instants are UTC)."""
        return datetime.combine(self.first, time(), JAKARTA).astimezone(timezone.utc)

    @property
    def end(self) -> datetime:
        """00:00 WIB on the first day of the next month, in UTC: 23:30 WIB on the last day is still inside."""
        return datetime.combine(self.next_first, time(), JAKARTA).astimezone(timezone.utc)

    @property
    def label(self) -> str:
        return period_label(self.year, self.month)

    @property
    def value(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass
class Table:
    key: str  # sheet and element id
    title: str  # "Per Golongan Pokok Jabatan (KBJI)"
    header: str  # the label column's heading
    columns: list[str]  # the number columns' headings
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    totals: list[int] | None = None  # None: no totals row
    empty: str = "Tidak ada data pada bulan ini."
    sheet: str = ""  # the XLSX sheet's name (31 characters at most); the title when empty
    formulas: bool = False  # XLSX: the totals row as =SUM() of the column (its value cached), not a number
    label_width: float | None = None  # PDF: the label column in mm (short labels); None: what the numbers leave

    def add(self, label: str, values):
        self.rows.append((label, [int(v or 0) for v in values]))

    def total(self) -> "Table":
        """Fill the totals row with the column sums."""
        self.totals = [sum(values[i] for _label, values in self.rows) for i in range(len(self.columns))]
        return self

    def row(self, label: str) -> list[int] | None:
        return next((values for row_label, values in self.rows if row_label == label), None)


@dataclass
class Report:
    kind: str  # "lowongan" | "penempatan": the file name's part
    title: str  # "Laporan Bulanan Lowongan Kerja — Januari 2026"
    period: str  # "Januari 2026"
    month: Month
    summary: list[str] = field(default_factory=list)  # sentences printed under the title
    tables: list[Table] = field(default_factory=list)
    basis: str = ""  # what the numbers count, printed small under the tables

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    @property
    def file_stem(self) -> str:
        return f"laporan-{self.kind}-{self.month.value}"


def day_of(column, instant: bool = False):
    """SQL for the day of a date column (itself) or of an instant column in Asia/Jakarta. Grouping by the day and
    folding days into months in Python (`str(day)[:7]` is a Month's `value`) reads each row once, with no function
    on a date column: an index holding it answers alone."""
    if not instant:
        return column
    if db.engine.dialect.name == "postgresql":
        return func.date(func.timezone(JAKARTA.key, column))
    return func.date(column, "+7 hours")  # SQLite keeps instants as UTC text; Jakarta has no daylight saving


def month_of(column):
    """SQL for the month ("2026-01", a Month's `value`) of an instant column in Asia/Jakarta: GROUP BY it and
    each month is one row (23:30 WIB on the last day belongs to that month)."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone(JAKARTA.key, column), "YYYY-MM")
    return func.strftime("%Y-%m", column, "+7 hours")  # SQLite keeps instants as UTC text; no daylight saving


def number(value) -> str:
    """1.234 (the documents' digit grouping)."""
    return f"{int(value):,}".replace(",", ".")
