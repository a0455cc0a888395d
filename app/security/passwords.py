"""Password policy (applied by FAB to every password form through FAB_PASSWORD_COMPLEXITY_VALIDATOR)."""
import re

from flask import current_app
from flask_babel import gettext as _
from flask_appbuilder.exceptions import PasswordComplexityValidationError

COMMON = {"password", "password123", "admin12345", "qwerty12345", "1234567890", "tangerang123", "disnaker123"}


def password_problems(password: str, min_length: int = 10) -> list[str]:
    """What a password lacks, as messages for the user (empty when acceptable)."""
    problems = []
    if len(password or "") < min_length:
        problems.append(_("minimal %(count)d karakter", count=min_length))
    if not re.search(r"[a-z]", password or ""):
        problems.append(_("huruf kecil"))
    if not re.search(r"[A-Z]", password or ""):
        problems.append(_("huruf besar"))
    if not re.search(r"\d", password or ""):
        problems.append(_("angka"))
    if (password or "").lower() in COMMON:
        problems.append(_("bukan kata sandi yang umum dipakai"))
    return problems


def validate_password(password: str) -> None:
    problems = password_problems(password, current_app.config.get("PASSWORD_MIN_LENGTH", 10))
    if problems:
        raise PasswordComplexityValidationError(_("Kata sandi harus memenuhi: %(problems)s.",
                                                  problems=", ".join(problems)))
