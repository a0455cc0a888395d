"""The PKWT registration letter as a verifiable document: what `/verify/<token>` shows for its QR code."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core.documents import Verification, register_kind
from app.core.formatting import date_id
from app.core.numbering import NumberFormat
from app.extensions import db

KIND = "pkwt"
TITLE = _l("Bukti Pencatatan PKWT")
# 00001/PKWT/DISNAKER/MM/YYYY: serial of the year, then the month and year of registration.
PKWT_NUMBERS = NumberFormat("pkwt", padding=5, suffix="/PKWT/DISNAKER/%m/%Y", reset="year")

_registered = False


def resolve_submission(ref_id) -> Verification | None:
    """Loaded directly, without the tenancy filter: the verification page is public. Only the company and counts
    are shown, never a worker's data. A submission never registered has no letter, hence no document."""
    from app.contracts.models import PkwtContract, PkwtSubmission

    try:
        submission = db.session.get(PkwtSubmission, int(ref_id))
    except (TypeError, ValueError):
        return None
    if submission is None or not submission.number:
        return None
    valid = submission.status == "approved"
    workers = db.session.scalar(select(func.count()).where(PkwtContract.submission_id == submission.id))
    return Verification(
        title=TITLE, number=submission.number, status="valid" if valid else "revoked",
        status_label=_l("Tercatat") if valid else _l("Tidak berlaku"), is_valid=valid,
        facts=[(_l("Perusahaan"), submission.company.name if submission.company else "-"),
               (_l("Tanggal pencatatan"), date_id(submission.registered_at)),
               (_l("Jumlah pekerja"), _l("%(count)s orang", count=workers))])


def register_documents():
    """Called from the contracts views' register(appbuilder) and before a letter is drawn; safe to call again."""
    global _registered
    if not _registered:
        register_kind(KIND, resolve_submission)
        _registered = True
