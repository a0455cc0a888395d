from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from itsdangerous import URLSafeSerializer
from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.documents import (UNKNOWN_DOCUMENT, Verification, document_token, mask_name, mask_nik, qr_drawing,
                                register_kind, verification_url)
from tests.conftest import text_of, unique

NIK = "3603123456780001"
NAME = "Ahmad Fauzi Rahman"


@pytest.fixture()
def kind(ctx):
    """A document kind that knows one card, id 7."""
    name = unique("card-")

    def resolve(ref_id):
        if ref_id != 7:
            return None
        return Verification(title="Kartu AK/I", number="560/0007/AK1/2026", status="expired",
                            status_label="Kedaluwarsa", is_valid=False,
                            facts=[("Nama", mask_name(NAME)), ("NIK", mask_nik(NIK))])

    register_kind(name, resolve)
    return name


def test_anonymous_visitor_sees_the_document_with_masked_data(app, kind):
    page = app.test_client().get(f"/verify/{document_token(kind, 7)}")
    assert page.status_code == 200
    text = text_of(page)
    for shown in ("Kartu AK/I", "560/0007/AK1/2026", "Kedaluwarsa", "3603********0001", "Ahmad F**** R*****"):
        assert shown in text
    assert NIK not in text and "Fauzi" not in text and "Rahman" not in text
    assert "label-danger" in page.get_data(as_text=True)  # an expired card is not shown as valid
    assert "WIB" in text  # check time, Jakarta


def test_valid_document_has_green_badge(app, ctx):
    kind = unique("letter-")
    register_kind(kind, lambda ref_id: Verification("Surat PKWT", "001/PKWT/2026", "valid", "Berlaku", True))
    html = app.test_client().get(f"/verify/{document_token(kind, 1)}").get_data(as_text=True)
    assert "label-success" in html and "Berlaku" in html


def test_logged_in_user_sees_the_same_page(client_as, kind):
    assert "560/0007/AK1/2026" in text_of(client_as("operator").get(f"/verify/{document_token(kind, 7)}"))


def _assert_unknown(response):
    assert response.status_code == 404
    assert UNKNOWN_DOCUMENT in text_of(response)
    assert "Kartu AK/I" not in text_of(response)


def test_tampered_token_is_refused(app, kind):
    token = document_token(kind, 7)
    payload, signature = token.rsplit(".", 1)
    tampered = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    _assert_unknown(app.test_client().get(f"/verify/{tampered}"))
    _assert_unknown(app.test_client().get("/verify/not-a-token"))


def test_token_signed_with_another_key_is_refused(app, kind):
    forged = URLSafeSerializer("guessed-secret", salt="dnaker-document").dumps([kind, 7])
    _assert_unknown(app.test_client().get(f"/verify/{forged}"))


def test_unknown_kind_and_missing_document_are_refused(app, kind):
    unregistered = URLSafeSerializer(app.config["SECRET_KEY"], salt="dnaker-document").dumps([unique("x-"), 7])
    _assert_unknown(app.test_client().get(f"/verify/{unregistered}"))
    _assert_unknown(app.test_client().get(f"/verify/{document_token(kind, 8)}"))


def test_token_for_unregistered_kind_cannot_be_printed(ctx):
    with pytest.raises(KeyError):
        document_token(unique("typo-"), 1)


def test_masking():
    assert mask_nik(NIK) == "3603********0001"
    assert mask_nik(None) == ""
    assert mask_name(NAME) == "Ahmad F**** R*****"
    assert mask_name("Sutrisno") == "Sutr****"  # a single name is not shown in full either
    assert mask_name("") == ""


def test_qr_code_on_a_pdf_leads_to_the_verification_page(app, kind):
    url = verification_url(kind, 7)
    assert url.startswith(app.config["PUBLIC_BASE_URL"] + "/verify/")
    drawing = qr_drawing(url, size_mm=25)
    assert drawing.width == pytest.approx(25 * mm)

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(20 * mm, 270 * mm, "Kartu AK/I")
    renderPDF.draw(drawing, canvas, 20 * mm, 230 * mm)
    canvas.save()

    page = pypdfium2.PdfDocument(buffer.getvalue())[0]
    image = page.render(scale=200 / 72).to_pil()  # 200 dpi, like a phone camera sees a printout
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [url]

    path = decoded[0].removeprefix(app.config["PUBLIC_BASE_URL"])
    assert "560/0007/AK1/2026" in text_of(app.test_client().get(path))
