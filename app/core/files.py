"""Uploaded files: checked by content and size, stored outside static/, served after an ownership check."""
import hashlib
import uuid
from datetime import datetime
from io import BytesIO
from pathlib import Path, PurePath

import filetype
from flask import abort, current_app, request, send_file
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, event
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from app.core.formatting import JAKARTA
from app.core.models import Model, utcnow
from app.core.validation import DomainError
from app.extensions import db
from app.security.headers import allow_own_framing
from app.security.tenancy import get_owned_or_404, request_user


class StoredFile(Model):
    __tablename__ = "stored_file"
    __tenant__ = {"company": "company_id", "seeker": "job_seeker_id"}

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), index=True)
    job_seeker_id = Column(Integer, index=True)  # owner when a job seeker uploads (FK added with job seekers)
    kind = Column(String(30), nullable=False)  # e.g. photo, ktp, diploma, contract
    original_name = Column(String(255), nullable=False)
    storage_path = Column(String(255), nullable=False, unique=True)  # relative to UPLOAD_FOLDER
    content_type = Column(String(100), nullable=False)
    size = Column(Integer, nullable=False)
    sha256 = Column(String(64), nullable=False, index=True)
    uploaded_by_id = Column(Integer, ForeignKey("ab_user.id"))
    uploaded_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)

    def __repr__(self):
        return self.original_name


# Other spellings of the type names `filetype` reports.
TYPE_ALIASES = {"jpeg": "jpg"}
_PENDING_FILES = "stored_files_pending"
# Largest image accepted, in pixels: a 24-megapixel phone photo passes; decoding one this size takes ~100 MB
# (RGBA), which a web worker can afford. Pillow's own guard (89 million) allows 350 MB per upload.
MAX_IMAGE_PIXELS = 25_000_000  # session.info key: files written in the open transaction


def save_upload(file_storage, kind: str, allowed: set[str], max_bytes: int | None = None, company_id=None,
                job_seeker_id=None) -> StoredFile:
    """Check an upload by its content and size, store it under a random name and add its row to the
    session (the caller commits). Raises DomainError, before writing anything, when the file is refused."""
    data, ext, mimetype = check_upload(file_storage, allowed, max_bytes)
    return _store(data, ext, kind, _download_name(file_storage.filename, kind, ext), mimetype, company_id,
                  job_seeker_id)


def check_upload(file_storage, allowed: set[str], max_bytes: int | None = None) -> tuple[bytes, str, str]:
    """The upload's bytes, extension and mimetype, or DomainError (for callers that transform a file,
    e.g. a photo, before storing it with store_bytes)."""
    limit = max_bytes if max_bytes is not None else current_app.config["UPLOAD_MAX_BYTES"]
    data = _read_upload(file_storage, limit)
    ext, mimetype = _detect_type(data, allowed)
    if mimetype.startswith("image/"):
        _check_image_size(data)
    return data, ext, mimetype


def store_bytes(data: bytes, kind: str, original_name: str, content_type: str, company_id=None,
                job_seeker_id=None) -> StoredFile:
    """Store a file the system made itself (a generated PDF, an export), trusted as it is; like an upload, its
    row is added to the session and the file disappears if the transaction does not commit. A file with no
    owner is reachable by staff only."""
    name = PurePath(_printable(original_name)).name[-255:]
    ext = PurePath(name).suffix.lower().lstrip(".")
    return _store(data, ext if ext.isalnum() else "bin", kind, name, content_type, company_id, job_seeker_id)


def _store(data: bytes, ext: str, kind: str, original_name: str, content_type: str, company_id,
           job_seeker_id) -> StoredFile:
    relative = _new_storage_path(ext)
    _write_new_file(relative, data)
    user = request_user()
    stored = StoredFile(kind=kind, original_name=original_name, storage_path=relative, content_type=content_type,
                        size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                        uploaded_by_id=user.id if user else None, company_id=company_id,
                        job_seeker_id=job_seeker_id)
    db.session.add(stored)
    db.session.info.setdefault(_PENDING_FILES, []).append(upload_root() / relative)
    return stored


def _read_upload(file_storage, limit: int) -> bytes:
    if file_storage is None or not file_storage.filename:
        raise DomainError(_("Berkas belum dipilih."))
    data = file_storage.stream.read(limit + 1)  # one byte more is enough to know it is too large
    if not data:
        raise DomainError(_("Berkas kosong."))
    if len(data) > limit:
        raise DomainError(_("Ukuran berkas melebihi %(size)s.", size=_human_size(limit)))
    return data


def _detect_type(data: bytes, allowed: set[str]) -> tuple[str, str]:
    """The type by content, whatever the file name or the browser claim."""
    allowed = {TYPE_ALIASES.get(name.lower(), name.lower()) for name in allowed}
    guess = filetype.guess(data)
    if guess is None or guess.extension not in allowed:
        names = sorted(name.upper() for name in allowed)
        listed = names[0] if len(names) == 1 else _("%(items)s atau %(last)s", items=", ".join(names[:-1]),
                                                      last=names[-1])
        raise DomainError(_("Berkas harus berformat %(types)s.", types=listed))
    return guess.extension, guess.mime


def _check_image_size(data: bytes):
    """Refuse an image whose declared size would take hundreds of megabytes to decode (a decompression bomb:
    a 20000×20000 PNG is a few hundred bytes). Only the header is read."""
    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = MAX_IMAGE_PIXELS  # past any limit; Pillow refused to even report it
    except (UnidentifiedImageError, OSError):
        raise DomainError(_("Gambar tidak dapat dibaca. Unggah berkas JPG atau PNG.")) from None
    if width * height > MAX_IMAGE_PIXELS:
        raise DomainError(_("Gambar terlalu besar: paling banyak %(megapixels)s megapiksel.",
                            megapixels=MAX_IMAGE_PIXELS // 1_000_000))


def _human_size(size: int) -> str:
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"
    return f"{size} byte"


def _download_name(name: str, kind: str, ext: str) -> str:
    """The user's file name without any folder, with an extension that matches the content."""
    base = PurePath(_printable(name).replace("\\", "/")).name.strip() or kind
    path = PurePath(base)
    if TYPE_ALIASES.get(path.suffix.lower()[1:], path.suffix.lower()[1:]) != ext:
        base = f"{path.stem or kind}.{ext}"
    return base[-255:]


def _printable(name) -> str:
    """The name without control characters (a NUL byte cannot be stored in PostgreSQL text)."""
    return "".join(ch for ch in name or "" if ch.isprintable())


def _new_storage_path(ext: str) -> str:
    """<yyyy>/<mm>/<uuid>.<ext>: never the user's name on disk."""
    now = datetime.now(JAKARTA)
    return f"{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{ext}"


def upload_root() -> Path:
    root = Path(current_app.config["UPLOAD_FOLDER"]).resolve()
    static = Path(current_app.static_folder).resolve()
    if root == static or static in root.parents:
        raise RuntimeError("UPLOAD_FOLDER must not be inside the static folder: uploads would bypass ownership")
    return root


def _write_new_file(relative: str, data: bytes):
    path = upload_root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:  # "x": never overwrite an existing file
        handle.write(data)


@event.listens_for(Session, "after_commit")
def _keep_committed_files(session):
    if not session.in_nested_transaction():  # a released savepoint is not the final word
        session.info.pop(_PENDING_FILES, None)


@event.listens_for(Session, "after_transaction_end")
def _remove_uncommitted_files(session, transaction):
    """A rolled back (or abandoned) upload leaves no file behind."""
    if transaction.parent is None:
        for path in session.info.pop(_PENDING_FILES, []):
            path.unlink(missing_ok=True)


def stored_path(stored: StoredFile) -> Path:
    root = upload_root()
    joined = safe_join(str(root), stored.storage_path)
    if joined is None or not Path(joined).is_file():
        current_app.logger.error("stored file %s missing on disk: %s", stored.id, stored.storage_path)
        raise NotFound()
    return Path(joined)


def open_file(stored: StoredFile):
    """The stored content as a binary file object (the caller closes it)."""
    return open(stored_path(stored), "rb")


def send_stored_file(stored: StoredFile, as_attachment: bool = True):
    response = send_file(stored_path(stored), mimetype=stored.content_type, as_attachment=as_attachment,
                         download_name=stored.original_name, max_age=0)
    response.cache_control.private = True  # personal documents: no shared caches
    return response if as_attachment else allow_own_framing(response)


# Files a job writes for the office, with no owner: only roles that may read the resource they come from reach
# them (a Karirhub export lists NIKs; a batch of AK-1 cards prints people's data).
KIND_RESOURCES = {"vacancy_report": "VacancyReport", "ak1_batch": "Ak1"}


def may_read_kind(stored: StoredFile) -> bool:
    resource = KIND_RESOURCES.get(stored.kind)
    return resource is None or current_app.appbuilder.sm.has_access("can_read", resource)


class FileView(BaseView):
    """GET /files/<id>: a stored file, for whoever may reach its row (another owner's file is 404)."""

    route_base = "/files"
    class_permission_name = "File"
    method_permission_name = {"download": "read"}

    @expose("/<int:file_id>")
    @has_access
    def download(self, file_id):
        # ?inline=1: shown in the page (a reviewer reads the scan or the signed contract beside the data)
        stored = get_owned_or_404(db.session, StoredFile, file_id)
        if not may_read_kind(stored):
            abort(404)
        return send_stored_file(stored, as_attachment=request.args.get("inline") != "1")


def register(appbuilder):
    appbuilder.add_view_no_menu(FileView)
