"""NIB and NPWP checks, with messages for the user (python-stdnum does the arithmetic)."""
import re

from flask_babel import gettext as _
from stdnum.exceptions import ValidationError
from stdnum.id import npwp as stdnum_npwp

from app.core.validation import DomainError


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
