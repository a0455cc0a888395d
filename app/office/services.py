"""The office profile: read once per request by documents; `signatory()` refuses a placeholder so that no
letter is issued in the name of nobody."""
import re
from dataclasses import dataclass

from flask import current_app, g, has_request_context
from flask_babel import gettext as _

from app.core.validation import DomainError
from app.extensions import db
from app.office.models import OfficeProfile

# Defaults of a fresh installation (config.py): not a person who can sign.
PLACEHOLDER_NAMES = {"", "-", "kepala dinas tenaga kerja", "kepala dinas tenaga kerja kabupaten tangerang"}
DEFAULT_ADDRESS = "Jl. Abdul Hamid No. 2, Tigaraksa, Kabupaten Tangerang, Banten"
_NIP = re.compile(r"^\d{18}$")
_POSTAL = re.compile(r"^\d{5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Signatory:
    name: str
    rank: str | None
    nip: str


def office_profile() -> OfficeProfile:
    """The one profile row (created from the configuration when missing; not committed)."""
    if has_request_context() and "office_profile" in g:
        return g.office_profile
    profile = db.session.get(OfficeProfile, 1)
    if profile is None:
        profile = ensure_office_profile()
    if has_request_context():
        g.office_profile = profile
    return profile


def ensure_office_profile() -> OfficeProfile:
    """Create the row from HEAD_OF_OFFICE_NAME / HEAD_OF_OFFICE_NIP on first start (app.setup)."""
    profile = db.session.get(OfficeProfile, 1)
    if profile is None:
        config = current_app.config
        nip = re.sub(r"\D", "", config.get("HEAD_OF_OFFICE_NIP") or "")
        profile = OfficeProfile(id=1, head_name=(config.get("HEAD_OF_OFFICE_NAME") or "").strip(),
                                head_nip=nip or None, address=DEFAULT_ADDRESS)
        db.session.add(profile)
        db.session.flush()
    return profile


def signatory() -> Signatory:
    """Who signs the office's letters now; DomainError while the profile holds no real person."""
    profile = office_profile()
    name = (profile.head_name or "").strip()
    if name.lower() in PLACEHOLDER_NAMES or not _NIP.match(profile.head_nip or ""):
        raise DomainError(_("Penanda tangan belum ditetapkan: Admin perlu mengisi nama dan NIP kepala dinas di "
                            "Profil Kantor sebelum surat dapat diterbitkan."))
    return Signatory(name, (profile.head_rank or "").strip() or None, profile.head_nip)


def check_profile(profile: OfficeProfile):
    """Clean and check what Admin typed (the screen shows each message at its field)."""
    for column in ("head_name", "head_rank", "head_nip", "address", "postal_code", "phone", "email"):
        value = getattr(profile, column)
        setattr(profile, column, value.strip() or None if isinstance(value, str) else value)
    for column in ("government_name", "office_name", "city"):  # printed on every document: never blank
        setattr(profile, column, " ".join((getattr(profile, column) or "").split()))
        if not getattr(profile, column):
            raise DomainError(_("Wajib diisi: dicetak pada setiap dokumen."), field=column)
    profile.head_name = profile.head_name or ""
    profile.address = profile.address or ""
    if profile.head_nip:
        profile.head_nip = re.sub(r"[\s.]", "", profile.head_nip)
        if not _NIP.match(profile.head_nip):
            raise DomainError(_("NIP harus 18 digit angka."), field="head_nip")
    if profile.postal_code and not _POSTAL.match(profile.postal_code):
        raise DomainError(_("Kode pos harus 5 digit angka."), field="postal_code")
    if profile.email and not _EMAIL.match(profile.email):
        raise DomainError(_("Alamat e-mail tidak valid."), field="email")
