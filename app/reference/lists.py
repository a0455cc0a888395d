"""Closed lists shared by several domains: the stored code, the label people read (a msgid, translated where
shown: `_(label)`), and how a typed or imported value maps to a code. Open lists that an office maintains (religion,
KBJI, KBLI …) are reference tables instead."""
from flask_babel import lazy_gettext as _l

from app.core.i18n import N_

# Sex as printed on the KTP; the NIK encodes it too (app.core.identifiers.check_nik_matches).
SEX_LABELS = {"L": N_("Laki-laki"), "P": N_("Perempuan")}
_SEX_SPELLINGS = {"l": "L", "laki-laki": "L", "laki laki": "L", "p": "P", "perempuan": "P"}


def choices(labels: dict) -> list[tuple[str, object]]:
    """(code, label in the reader's language) for a select field."""
    return [(code, _l(label)) for code, label in labels.items()]


SEX_CHOICES = choices(SEX_LABELS)


def parse_sex(value) -> str | None:
    """"L" or "P" from what people type or import ("l", "Laki-laki", "PEREMPUAN" …); None when it is neither."""
    return _SEX_SPELLINGS.get(" ".join(str(value or "").lower().split()))
