"""The PKWT rules of PP 35/2021 as pure functions (no database, no HTTP)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _

from app.core.validation import DomainError

MAX_YEARS = 5  # PP 35/2021 art. 8: a PKWT by period lasts at most 5 years, extensions included
REGISTRATION_WORKING_DAYS = 3  # art. 14: registered online within 3 working days of signing
MINIMUM_AGE = 18  # UU 13/2003 art. 1 and 69: a worker under 18 is a child
DAILY_LIMIT_DAYS, DAILY_LIMIT_MONTHS = 21, 3  # art. 10: ≥ 21 days a month for 3 months makes it permanent


def check_period(kind: str, start: date, end: date | None, criterion: str | None):
    if kind == "selesai":
        if not (criterion or "").strip():
            raise DomainError(_("PKWT selesainya pekerjaan wajib menyebutkan pekerjaan yang menjadi batas "
                                "berakhirnya."), field="completion_criterion")
        if end is not None and end < start:
            raise DomainError(_("Tanggal berakhir harus sesudah tanggal mulai."), field="end_date")
        return
    if end is None:
        raise DomainError(_("Tanggal berakhir wajib diisi untuk PKWT jangka waktu dan harian."), field="end_date")
    if end <= start:
        raise DomainError(_("Tanggal berakhir harus sesudah tanggal mulai."), field="end_date")


def check_chain(durations: list[tuple[date, date]]):
    """PKWT by period: the first contract and all its extensions together at most 5 years."""
    total = sum(((end - start).days + 1 for start, end in durations), 0)
    first = min(start for start, _end in durations)
    limit = (first + relativedelta(years=MAX_YEARS) - first).days
    if total > limit:
        raise DomainError(_("Jangka waktu PKWT beserta perpanjangannya melebihi %(years)s tahun "
                            "(PP 35/2021 pasal 8).", years=MAX_YEARS), field="end_date")


def chain_days_left(durations: list[tuple[date, date]]) -> int:
    total = sum(((end - start).days + 1 for start, end in durations), 0)
    first = min(start for start, _end in durations)
    return (first + relativedelta(years=MAX_YEARS) - first).days - total


def check_age(birth: date, signed: date):
    if relativedelta(signed, birth).years < MINIMUM_AGE:
        raise DomainError(_("Pekerja berusia di bawah %(age)s tahun pada tanggal penandatanganan: "
                            "anak tidak boleh dipekerjakan dengan PKWT.", age=MINIMUM_AGE),
                          field="birth_date")


def late_working_days(calendar, signed: date, registered: date) -> int:
    """Working days past the 3-day registration deadline (0 when on time)."""
    deadline = calendar.add_working_days(signed, REGISTRATION_WORKING_DAYS)
    return calendar.working_days_between(deadline, registered) if registered > deadline else 0


def becomes_permanent(days_by_month: dict[date, int]) -> bool:
    """Daily work on 21 days or more in each of 3 consecutive months."""
    run, previous = 0, None
    for month in sorted(m for m, days in days_by_month.items() if days >= DAILY_LIMIT_DAYS):
        run = run + 1 if previous is not None and previous + relativedelta(months=1) == month else 1
        if run >= DAILY_LIMIT_MONTHS:
            return True
        previous = month
    return False


def months_of_service(start: date, end: date) -> float:
    """Whole months from start to end (inclusive), plus the remaining days as a fraction of 30."""
    span = relativedelta(end + timedelta(days=1), start)
    return span.years * 12 + span.months + span.days / 30


def compensation(start: date, end: date, monthly_wage: int, foreign: bool) -> int:
    """Uang kompensasi at the end of a PKWT (PP 35/2021 art. 15–16): months worked / 12 × monthly wage, for at
    least one month of continuous service; foreign workers receive none."""
    months = months_of_service(start, end)
    if foreign or months < 1:
        return 0
    return round(months / 12 * monthly_wage)
