"""Rules on reference data that several domains share."""
from flask_babel import gettext as _

from app.core.validation import DomainError


def check_address(kecamatan_code, desa_code):
    """A desa/kelurahan must lie in the chosen kecamatan (its code extends the kecamatan's)."""
    if desa_code and kecamatan_code and not desa_code.startswith(kecamatan_code + "."):
        raise DomainError(_("Desa/kelurahan tidak berada di kecamatan yang dipilih."), field="desa_code")
