"""The PKWT rules of PP 35/2021 as pure functions (no database, no HTTP)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _

from app.contracts.workflow import END_REASONS
from app.core.validation import DomainError

# PP 35/2021 art. 8: at most 5 years, extensions included; Constitutional Court decision 168/PUU-XXI/2023 holds
# the 5 years for every PKWT, whatever its kind.
MAX_YEARS = 5
REGISTRATION_WORKING_DAYS = 3  # art. 14(1): online within 3 working days of signing (a setting: 7 in writing)
MINIMUM_AGE = 18  # UU 13/2003 art. 68: employers may not employ children (art. 1 angka 26: under 18 years)
DAILY_LIMIT_DAYS, DAILY_LIMIT_MONTHS = 21, 3  # art. 10: ≥ 21 days a month for 3 months makes it permanent


def check_period(kind: str, start: date, end: date | None, criterion: str | None):
    if kind == "selesai" and not (criterion or "").strip():
        raise DomainError(_("PKWT selesainya pekerjaan wajib menyebutkan pekerjaan yang menjadi batas "
                            "berakhirnya."), field="completion_criterion")
    if end is None:
        if kind == "selesai":  # PP 35/2021 art. 9(2)b: the agreed estimated duration of the job
            raise DomainError(_("PKWT selesainya pekerjaan wajib mencantumkan perkiraan berakhirnya pekerjaan "
                                "(PP 35/2021 pasal 9 ayat (2) huruf b)."), field="end_date")
        raise DomainError(_("Tanggal berakhir wajib diisi untuk PKWT jangka waktu dan harian."), field="end_date")
    if end <= start:
        raise DomainError(_("Tanggal berakhir harus sesudah tanggal mulai."), field="end_date")


def check_chain(durations: list[tuple[date, date]]):
    """Every PKWT of one worker at one company together at most 5 years (PP 35/2021 art. 8, MK 168/PUU-XXI/2023)."""
    total = sum(((end - start).days + 1 for start, end in durations), 0)
    first = min(start for start, _end in durations)
    limit = (first + relativedelta(years=MAX_YEARS) - first).days
    if total > limit:
        raise DomainError(_("Jangka waktu PKWT beserta perpanjangannya melebihi %(years)s tahun "
                            "(PP 35/2021 pasal 8; Putusan MK 168/PUU-XXI/2023).", years=MAX_YEARS), field="end_date")


def chain_days_left(durations: list[tuple[date, date]]) -> int:
    total = sum(((end - start).days + 1 for start, end in durations), 0)
    first = min(start for start, _end in durations)
    return (first + relativedelta(years=MAX_YEARS) - first).days - total


def check_age(birth: date, signed: date):
    if relativedelta(signed, birth).years < MINIMUM_AGE:
        raise DomainError(_("Pekerja berusia di bawah %(age)s tahun pada tanggal penandatanganan: "
                            "anak tidak boleh dipekerjakan dengan PKWT.", age=MINIMUM_AGE),
                          field="birth_date")


def late_working_days(calendar, signed: date, registered: date, deadline_days=REGISTRATION_WORKING_DAYS) -> int:
    """Working days past the registration deadline (0 when on time)."""
    deadline = calendar.add_working_days(signed, deadline_days)
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


def months_of_service(start: date, end: date, divisor: str = "30") -> float:
    """Whole months from start to end (inclusive), plus the remaining days as a fraction of 30 (divisor "30") or
    of the length of the month they fall in (divisor "month")."""
    span = relativedelta(end + timedelta(days=1), start)
    whole = span.years * 12 + span.months
    if divisor == "month":
        anchor = start + relativedelta(months=whole)
        month_length = (anchor + relativedelta(months=1) - anchor).days
    else:
        month_length = 30
    return whole + span.days / month_length


def whole_months(start: date, end: date) -> int:
    span = relativedelta(end + timedelta(days=1), start)
    return span.years * 12 + span.months


def compensation(start: date, end: date, monthly_wage: int, foreign: bool, divisor: str = "30") -> int:
    """Uang kompensasi at the end of a PKWT (PP 35/2021 art. 15–17): months worked / 12 × monthly wage, only after
    at least one whole month of continuous service (art. 15(3)); foreign workers receive none (art. 15)."""
    if foreign or whole_months(start, end) < 1:
        return 0
    return round(months_of_service(start, end, divisor) / 12 * monthly_wage)


def check_end(start: date, ended: date | None, reason: str | None):
    """The real end of a contract: a date from its start on and one of the closed reasons."""
    if reason not in END_REASONS:
        raise DomainError(_("Pilih alasan berakhirnya PKWT."), field="end_reason")
    if ended is None:
        raise DomainError(_("Tanggal berakhir sebenarnya wajib diisi."), field="ended_at")
    if ended < start:
        raise DomainError(_("Tanggal berakhir sebenarnya tidak boleh sebelum tanggal mulai."), field="ended_at")
