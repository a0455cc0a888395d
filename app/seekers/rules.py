"""The legal rules on job seekers and the AK-1 card, as pure functions (no database, no HTTP)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _

from app.core.validation import DomainError

REGENCY_CODE = "3603"


def age_on(birth_date: date, day: date) -> int:
    return relativedelta(day, birth_date).years


def check_minimum_age(birth_date: date, today: date, minimum: int = 15):
    """Job seekers register from the minimum working age (UU 13/2003: children may not be employed)."""
    if age_on(birth_date, today) < minimum:
        raise DomainError(_("Usia minimal pencari kerja %(minimum)s tahun.", minimum=minimum), field="birth_date")


def valid_until(issued: date, years: int = 2) -> date:
    """Valid two years from issue (Permenaker 39/2016)."""
    return issued + relativedelta(years=years)


def report_due_dates(issued: date, months=(6, 12, 18)) -> list[date]:
    """While not placed, the holder re-reports at 6, 12 and 18 months."""
    return [issued + relativedelta(months=m) for m in months]


def report_window(due: date, window_days: int) -> tuple[date, date]:
    return due - timedelta(days=window_days), due + timedelta(days=window_days)


def due_report(issued: date, reported: set[int], day: date, months=(6, 12, 18), window_days=30):
    """The re-report (sequence, due date) open on `day`, or None."""
    for sequence, due in enumerate(report_due_dates(issued, months), start=1):
        start, end = report_window(due, window_days)
        if sequence not in reported and start <= day <= end:
            return sequence, due
    return None
