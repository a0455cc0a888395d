"""Uploads are checked by content and size, stored outside static/ under random names, and downloaded only
by whoever may reach their row."""
import hashlib
import io
import re
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage


def pdf_bytes(text="Surat keterangan kerja"):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(data, name="surat.pdf", content_type="application/pdf"):
    return FileStorage(stream=io.BytesIO(data), filename=name, content_type=content_type)


def disk_files(app):
    return {p for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if p.is_file()}


def company_of(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company_id


def test_pdf_is_stored_by_content_under_a_random_name_outside_static(app, db):
    from app.core.files import save_upload, stored_path

    data = pdf_bytes()
    stored = save_upload(upload(data, "C:\\Dokumen\\Surat Izin.pdf"), "contract", {"pdf"},
                         company_id=company_of(db, "operator"))
    db.session.flush()

    path = stored_path(stored)
    assert path.read_bytes() == data
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)
    assert stored.content_type == "application/pdf" and stored.original_name == "Surat Izin.pdf"
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored.storage_path)
    assert path.is_relative_to(Path(app.config["UPLOAD_FOLDER"]).resolve())
    assert not path.is_relative_to(Path(app.static_folder).resolve())
    assert stored.uploaded_by_id is None  # no user outside a request


@pytest.mark.parametrize("data, name, allowed, max_bytes, message", [
    (b"bukan pdf, hanya teks biasa\n" * 20, "surat.pdf", {"pdf"}, None, "Berkas harus berformat PDF."),
    ("png", "foto.png", {"pdf"}, None, "Berkas harus berformat PDF."),
    ("pdf", "surat.pdf", {"jpg", "png"}, None, "Berkas harus berformat JPG atau PNG."),
    ("pdf", "surat.pdf", {"pdf"}, 1024, "Ukuran berkas melebihi 1 KB."),
    (b"", "kosong.pdf", {"pdf"}, None, "Berkas kosong."),
], ids=["text-renamed-pdf", "png-for-pdf", "pdf-for-images", "oversize", "empty"])
def test_refused_upload_writes_nothing(app, db, data, name, allowed, max_bytes, message):
    from app.core.files import StoredFile, save_upload
    from app.core.validation import DomainError

    data = {"pdf": pdf_bytes, "png": png_bytes}[data]() if isinstance(data, str) else data
    files_before, rows_before = disk_files(app), db.session.query(StoredFile).count()

    with pytest.raises(DomainError) as refused:
        save_upload(upload(data, name), "contract", allowed, max_bytes=max_bytes)
    db.session.flush()

    assert str(refused.value) == message
    assert disk_files(app) == files_before
    assert db.session.query(StoredFile).count() == rows_before


def test_size_limit_defaults_to_config(app, db, monkeypatch):
    from app.core.files import save_upload
    from app.core.validation import DomainError

    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 100)
    with pytest.raises(DomainError, match="Ukuran berkas melebihi 100 byte"):
        save_upload(upload(pdf_bytes()), "contract", {"pdf"})


def test_rolled_back_upload_leaves_no_file(app, db):
    from app.core.files import save_upload, stored_path

    stored = save_upload(upload(pdf_bytes()), "contract", {"pdf"}, company_id=company_of(db, "operator"))
    db.session.flush()
    path = stored_path(stored)

    db.session.rollback()

    assert not path.exists()


def test_operator_upload_is_owned_by_their_company(app, db):
    from flask_login import login_user

    from app.core.files import save_upload
    from app.security.models import AppUser

    operator = db.session.query(AppUser).filter_by(username="operator").one()
    with app.test_request_context():
        login_user(operator)
        stored = save_upload(upload(png_bytes(), "foto.jpg"), "photo", {"jpg", "png"})
        db.session.flush()

    assert stored.company_id == operator.company_id and stored.uploaded_by_id == operator.id
    assert stored.original_name == "foto.png"  # the extension follows the content


@pytest.fixture()
def company_file(app, db):
    """A PDF of the company of `operator`, committed."""
    from app.core.files import save_upload

    data = pdf_bytes("Laporan ketenagakerjaan")
    stored = save_upload(upload(data, "Laporan WLKP.pdf"), "report", {"pdf"}, company_id=company_of(db, "operator"))
    db.session.commit()
    return stored.id, data


@pytest.mark.parametrize("username", ["operator", "petugas.hi"])
def test_owner_and_staff_download(client_as, company_file, username):
    file_id, data = company_file

    response = client_as(username).get(f"/files/{file_id}")

    assert response.status_code == 200
    assert response.data == data
    assert response.mimetype == "application/pdf"
    assert "Laporan WLKP.pdf" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("username", ["operator2", "pencaker"])
def test_other_owner_gets_404(client_as, company_file, username):
    file_id, _ = company_file

    assert client_as(username).get(f"/files/{file_id}").status_code == 404


def test_anonymous_is_sent_to_login(app, company_file):
    file_id, data = company_file

    response = app.test_client().get(f"/files/{file_id}")

    assert response.status_code in (302, 403) and response.data != data
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
