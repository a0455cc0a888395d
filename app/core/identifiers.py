"""Identity numbers, checked in one place whoever holds them (job seekers, PKWT and foreign workers,
companies), with messages for the user at their field; python-stdnum does the arithmetic."""
import re
from datetime import date

from flask_babel import gettext as _
from stdnum.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik, npwp as stdnum_npwp

from app.core.validation import DomainError

_PASSPORT = re.compile(r"[A-Z0-9]{4,20}")  # ICAO 9303 document numbers: letters and digits (up to 9 in the MRZ)


# ---- people ------------------------------------------------------------------------------------------------

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


def clean_passport(value: str) -> str:
    """One spelling of a passport number (capitals, no spaces), so one foreign worker is one key."""
    number = re.sub(r"\s", "", value or "").upper()
    if not number:
        raise DomainError(_("Nomor paspor wajib diisi untuk pekerja asing."), field="passport_number")
    if not _PASSPORT.fullmatch(number):
        raise DomainError(_("Nomor paspor tidak valid: 4 sampai 20 huruf dan angka, seperti tertulis di paspor."),
                          field="passport_number")
    return number


# ---- companies ---------------------------------------------------------------------------------------------

def clean_npwp(value: str) -> str:
    """The 16-digit form of a valid NPWP (an old 15-digit one gets its leading 0), so both spellings of one
    company are the same key."""
    try:
        digits = stdnum_npwp.validate(value or "")
    except ValidationError:
        raise DomainError(_("NPWP tidak valid: periksa 15 atau 16 digitnya (format XX.XXX.XXX.X-XXX.XXX).")) from None
    return "0" + digits if len(digits) == 15 else digits


def format_npwp(digits: str) -> str:
    """The familiar 15-digit spelling for company NPWPs; a NIK-based one stays 16 plain digits."""
    if digits and len(digits) == 16 and digits.startswith("0"):
        return stdnum_npwp.format(digits[1:])
    return digits or ""


def clean_nib(value: str) -> str:
    digits = re.sub(r"\s", "", value or "")
    if not re.fullmatch(r"\d{13}", digits):
        raise DomainError(_("NIB harus 13 digit angka (Nomor Induk Berusaha dari OSS)."))
    return digits
