"""The legal rules on job seekers and the AK-1 card, as pure functions (no database, no HTTP)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _
from stdnum.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik

from app.core.validation import DomainError

REGENCY_CODE = "3603"


def clean_nik(value: str) -> str:
    """A valid 16-digit NIK (python-stdnum checks length, date and region part)."""
    try:
        return stdnum_nik.validate(value or "")
    except ValidationError:
        raise DomainError(_("NIK tidak valid: harus 16 digit sesuai KTP."), field="nik") from None


def check_nik_matches(nik: str, birth_date: date, sex: str):
    """The NIK encodes the birth date, with 40 added to the day for women (Permendagri on NIK)."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    nik_sex = "P" if day > 40 else "L"
    if (day % 40, month, year) != (birth_date.day, birth_date.month, birth_date.year % 100):
        raise DomainError(_("Tanggal lahir tidak sesuai dengan NIK."), field="birth_date")
    if sex != nik_sex:
        raise DomainError(_("Jenis kelamin tidak sesuai dengan NIK."), field="sex")


def age_on(birth_date: date, day: date) -> int:
    return relativedelta(day, birth_date).years


def check_minimum_age(birth_date: date, today: date, minimum: int = 15):
    """Job seekers register from the office's minimum age (AK1_MIN_AGE, office policy: 15, the lower bound of
    the working-age population the IPK report counts); it is not a rule of UU 13/2003."""
    if age_on(birth_date, today) < minimum:
        raise DomainError(_("Usia minimal pencari kerja %(minimum)s tahun.", minimum=minimum), field="birth_date")


def ak1_number(issued: date, serial: int) -> str:
    """3603-DDMMYY-NNNNNN: regency code, issue date, serial of the year."""
    return f"{REGENCY_CODE}-{issued:%d%m%y}-{serial:06d}"


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
