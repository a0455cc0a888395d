"""The job seeker's documents: 3×4 photo, KTP scan, diploma — checked by content and size."""
from io import BytesIO

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from app.core.files import check_upload, save_upload, store_bytes
from app.core.validation import DomainError
from app.extensions import db

# kind -> (JobSeeker column, accepted types)
DOCUMENTS = {
    "photo": ("photo_file_id", {"jpg", "png"}),
    "ktp": ("ktp_file_id", {"jpg", "png", "pdf"}),
    "diploma": ("diploma_file_id", {"jpg", "png", "pdf"}),
}
PHOTO_SIZE = (450, 600)  # 3×4 at 150 dpi: sharp on the card, small enough to print 1,000 cards quickly


def attach_document(seeker, kind, file_storage):
    if kind not in DOCUMENTS:
        raise DomainError(_("Jenis dokumen tidak dikenal."))
    column, allowed = DOCUMENTS[kind]
    if kind == "photo":
        stored = _store_photo(seeker, file_storage, allowed)
    else:
        stored = save_upload(file_storage, kind, allowed, job_seeker_id=seeker.id)
    db.session.flush()
    setattr(seeker, column, stored.id)  # the earlier file stays stored: its history is kept
    return stored


def _store_photo(seeker, file_storage, allowed):
    data, _ext, _mimetype = check_upload(file_storage, allowed)
    try:
        image = Image.open(BytesIO(data)).convert("RGB")
    except (UnidentifiedImageError, OSError):
        raise DomainError(_("Foto tidak dapat dibaca. Unggah berkas JPG atau PNG.")) from None
    image.thumbnail(PHOTO_SIZE)
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return store_bytes(out.getvalue(), "photo", "pas-foto.jpg", "image/jpeg", job_seeker_id=seeker.id)
