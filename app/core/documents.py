"""Printed documents carry a QR code with a signed token; ``/verify/<token>`` tells anyone what the document is
and whether it is still valid, without showing personal data in full.

A domain package registers a resolver per document kind, e.g. ``register_kind("ak1", resolve_card)``; the
resolver loads the row by id (directly, not through the tenancy filter: the page is public) and returns a
``Verification`` with masked facts, or None when the document does not exist.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeSerializer
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm

from app.core.i18n import N_
from app.core.models import utcnow
from app.errors import respond

UNKNOWN_DOCUMENT = N_("Dokumen tidak dikenal atau tautan verifikasi tidak sah.")  # the msgid; translate when shown
VERIFY_RATE_LIMIT = "60 per minute"  # default of config VERIFY_RATE_LIMIT: enough for people, not for scrapers


@dataclass
class Verification:
    title: str  # e.g. "Kartu AK/I" (a lazy_gettext string to be shown in the reader's language)
    number: str
    status: str  # valid | expired | placed | removed | revoked …
    status_label: str  # the status for people (lazy_gettext string)
    is_valid: bool
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value), values already masked


_resolvers: dict[str, Callable[[object], Verification | None]] = {}


def register_kind(kind: str, resolver: Callable[[object], Verification | None]) -> None:
    _resolvers[kind] = resolver


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="dnaker-document")


def document_token(kind: str, ref_id) -> str:
    if kind not in _resolvers:
        raise KeyError(f"document kind {kind!r} is not registered")  # a QR code that could never verify
    return _serializer().dumps([kind, ref_id])


def verification_url(kind: str, ref_id) -> str:
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/verify/{document_token(kind, ref_id)}"


def resolve(token: str) -> Verification | None:
    """What a token stands for; None for a forged or malformed token, an unknown kind or a missing document."""
    try:
        kind, ref_id = _serializer().loads(token)
    except (BadData, TypeError, ValueError):
        return None
    resolver = _resolvers.get(kind)
    return resolver(ref_id) if resolver else None


def mask_nik(nik: str | None) -> str:
    """3603123456780001 -> 3603********0001 (region code and last digits only)."""
    nik = (nik or "").strip()
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def mask_name(name: str | None) -> str:
    """Ahmad Fauzi Rahman -> Ahmad F**** R*****; a single name keeps only its first half (Sutrisno -> Sutr****)."""
    words = (name or "").split()
    if len(words) == 1:
        keep = (len(words[0]) + 1) // 2
        return words[0][:keep] + "*" * (len(words[0]) - keep)
    return " ".join(words[:1] + [w[0] + "*" * (len(w) - 1) for w in words[1:]])


def qr_drawing(url: str, size_mm: float = 25) -> Drawing:
    """A QR code of ``url``, ``size_mm`` square (quiet zone included), to draw on a ReportLab page."""
    widget = QrCodeWidget(url, barLevel="M")  # survives a smudged or folded printout better than L
    x0, y0, x1, y1 = widget.getBounds()
    size = size_mm * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


class DocumentVerificationView(BaseView):
    """Public: anyone holding a printed document may check it, so no login and no @has_access."""

    route_base = "/verify"
    default_view = "verify"

    @expose("/<token>")
    def verify(self, token):
        document = resolve(token)
        if document is None:
            return respond(404, _(UNKNOWN_DOCUMENT))
        return self.render_template("portal/verify.html", document=document, checked_at=utcnow())


def register(appbuilder):
    appbuilder.add_view_no_menu(DocumentVerificationView)
    limiter = appbuilder.sm.limiter
    if limiter is not None:
        limiter.limit(lambda: current_app.config.get("VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT))(
            current_app.blueprints["DocumentVerificationView"])
