"""The AK-1 card as a verifiable document: what `/verify/<token>` shows for the QR code printed on a card."""
import json

from flask_babel import lazy_gettext as _l, lazy_pgettext

from app.core.documents import Verification, mask_name, mask_nik, register_kind
from app.core.formatting import date_id, today_jakarta
from app.core.numbering import NumberFormat
from app.extensions import db
from app.seekers.models import Ak1Card
from app.seekers.rules import REGENCY_CODE

KIND = "ak1"
TITLE = lazy_pgettext("one card", "Kartu AK/I")  # without context: the menu of cards
# 3603-DDMMYY-NNNNNN: regency code, issue date, serial of the year.
AK1_NUMBERS = NumberFormat("ak1", prefix=f"{REGENCY_CODE}-%d%m%y-", padding=6, reset="year")

# Card status -> (verification status, label). Only cards that were issued carry a QR code.
STATUSES = {
    "issued": ("valid", _l("Berlaku")),
    "expired": ("expired", _l("Kedaluwarsa")),
    "placed": ("placed", _l("Ditempatkan")),
    "removed": ("removed", _l("Dihapuskan")),
    "closed": ("revoked", _l("Diganti kartu yang lebih baru")),
}

_registered = False


def card_data(card: Ak1Card) -> dict:
    """The holder's data as printed: the snapshot frozen at issue. Cards loaded without one (imported or demo
    data) show the holder's current data."""
    if card.snapshot:
        return json.loads(card.snapshot)
    if card.job_seeker is None:
        return {}
    from app.seekers.services import snapshot

    return snapshot(card.job_seeker)


def resolve_card(ref_id) -> Verification | None:
    """Loaded directly, without the tenancy filter: the verification page is public."""
    try:
        card = db.session.get(Ak1Card, int(ref_id))
    except (TypeError, ValueError):
        return None
    if card is None or not card.number or card.status not in STATUSES:
        return None
    state = card.status
    if state == "issued" and card.valid_until and card.valid_until < today_jakarta():
        state = "expired"  # the nightly expiry has not run yet: the printed date decides
    status, label = STATUSES[state]
    data = card_data(card)
    return Verification(
        title=TITLE, number=card.number, status=status, status_label=label, is_valid=state == "issued",
        facts=[(_l("Nama pemegang"), mask_name(data.get("full_name"))), (_l("NIK"), mask_nik(data.get("nik"))),
               (_l("Tanggal terbit"), date_id(card.issued_at)), (_l("Berlaku sampai"), date_id(card.valid_until))])


def register_documents():
    """Called once from the seekers views' register(appbuilder); safe to call again."""
    global _registered
    if not _registered:
        register_kind(KIND, resolve_card)
        _registered = True
