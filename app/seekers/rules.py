"""The legal rules on job seekers and the AK-1 card, as pure functions (no database, no HTTP)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _

from app.core.validation import DomainError

REGENCY_CODE = "3603"


def age_on(birth_date: date, day: date) -> int:
    return relativedelta(day, birth_date).years


def check_minimum_age(birth_date: date, today: date, minimum: int = 15):
    """Job seekers register from the office's minimum age (AK1_MIN_AGE, office policy: 15, the lower bound of
    the working-age population the IPK report counts); it is not a rule of UU 13/2003."""
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


def report_windows(issued: date, months=(6, 12, 18), window_days=30, mode="window"):
    """(sequence, due, opens, closes) of each re-report. "window": open window_days around the due date;
    "latest" (every 6 months at the latest): open from the previous due date (the issue date for the first)
    until window_days after its own due date."""
    out, previous = [], issued
    for sequence, due in enumerate(report_due_dates(issued, months), start=1):
        opens, closes = report_window(due, window_days)
        if mode == "latest":
            opens = previous
        out.append((sequence, due, opens, closes))
        previous = due
    return out


def due_report(issued: date, reported: set[int], day: date, months=(6, 12, 18), window_days=30, mode="window"):
    """The re-report (sequence, due date) open on `day`, or None."""
    for sequence, due, opens, closes in report_windows(issued, months, window_days, mode):
        if sequence not in reported and opens <= day <= closes:
            return sequence, due
    return None
