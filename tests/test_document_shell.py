"""One document shell for every PDF (reports/shell.py): the letterhead, office identity and place of signing
come from the office profile Admin keeps, and every page carries the same footer."""
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.conftest import unique
from tests.test_ak1_card import issued_card, officer  # noqa: F401 (fixture)
from tests.test_pkwt_letter import contract, head_of_office, submitted  # noqa: F401 (fixture)

GOVERNMENT, OFFICE, CITY = "Pemerintah Kabupaten Contoh Raya", "Dinas Ketenagakerjaan", "Kota Baru Contoh"


@pytest.fixture()
def renamed_office(db):
    """The office as Admin renamed it in the profile (after a reorganisation); every column put back afterwards."""
    from app.office.services import office_profile
    from app.office.views import COLUMNS

    profile = office_profile()
    kept = {column: getattr(profile, column) for column in COLUMNS}
    changed = {"government_name": GOVERNMENT, "office_name": OFFICE, "city": CITY, "address": "Jl. Contoh No. 1",
               "phone": "(021) 5550123"}
    for column, value in changed.items():
        setattr(profile, column, value)
    db.session.commit()
    yield profile
    db.session.rollback()
    profile = office_profile()
    for column, value in kept.items():
        setattr(profile, column, value)
    db.session.commit()


def pages_text(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def _recap_pdf():
    from app.contracts.recap import Row
    from reports.pkwt_recap import render_pdf

    rows = [Row(f"PT Contoh {i}", 1, 1, 2) for i in range(120)]
    totals = Row("Jumlah", 120, 120, 240)
    return render_pdf({"title": "Rekap Pencatatan PKWT — Januari 2026", "period": "Januari 2026", "totals": totals,
                       "breakdowns": {"company": {"title": "Per Perusahaan", "header": "Perusahaan", "rows": rows,
                                                  "totals": totals}}})


def _documents(app, db, officer):
    from reports.ak1_card import render_card
    from reports.pkwt_letter import render_letter_bytes

    card = issued_card(db, officer, trainings=[("Pengelasan", "BLK Contoh", 2015)])
    submission = submitted(app, db, [contract(f"Siti {unique()}", date(1998, 11, 3), "P")])
    return {"ak1": (render_card(card), card.number), "pkwt": (render_letter_bytes(submission), submission.number),
            "recap": (_recap_pdf(), "WIB")}  # its footer: title and time of printing


def test_every_pdf_carries_the_office_of_the_profile_and_the_footer(app, db, officer, head_of_office,
                                                                    renamed_office):
    for name, (data, number) in _documents(app, db, officer).items():
        reader = PdfReader(BytesIO(data))
        assert reader.metadata.author == f"{OFFICE} Kabupaten Contoh Raya", name
        pages = pages_text(data)
        first = pages[0]
        assert GOVERNMENT.upper() in first and OFFICE.upper() in first, name
        assert "Telp. (021) 5550123" in first, name
        assert "TANGERANG" not in first and "Kabupaten Tangerang" not in first, name  # nothing hard-coded
        for page, text in enumerate(pages, start=1):
            assert f"{number} \u2014 d'naker DIGI" in text, (name, page)  # the footer names the document
            if name != "ak1":  # a card is one sheet: no page numbers
                assert f"Halaman {page} dari {len(pages)}" in text, (name, page)


def test_the_place_of_signing_is_the_city_of_the_profile(app, db, officer, head_of_office, renamed_office):
    documents = _documents(app, db, officer)
    assert f"{CITY}, " in pages_text(documents["ak1"][0])[0]
    assert f"{CITY}, " in pages_text(documents["pkwt"][0])[-1]
    assert f"Kepala {OFFICE} Kabupaten Contoh Raya" in pages_text(documents["pkwt"][0])[-1]


def test_admin_renames_the_office_and_a_blank_name_is_refused_at_its_field(app, db, client_as, renamed_office):
    from tests.conftest import ADMIN_PASSWORD, text_of
    from tests.test_office import _form

    admin = client_as("admin", ADMIN_PASSWORD)
    page = text_of(admin.get("/officeprofileview/edit/1"))
    assert "Pemerintah daerah" in page and "Nama dinas" in page and "Tempat penandatanganan" in page
    refused = admin.post("/officeprofileview/edit/1", data=_form(government_name=GOVERNMENT, office_name="  ",
                                                                 city="Tigaraksa"))
    assert refused.status_code in (200, 422) and "wajib diisi" in text_of(refused).lower()
    db.session.expire_all()
    assert renamed_office.office_name == OFFICE and renamed_office.city == CITY
    admin.post("/officeprofileview/edit/1", data=_form(government_name=GOVERNMENT, office_name=" Dinas  Tenaga Kerja ",
                                                       city="Tigaraksa"))
    db.session.expire_all()
    assert (renamed_office.office_name, renamed_office.city) == ("Dinas Tenaga Kerja", "Tigaraksa")
    assert renamed_office.office_full_name == "Dinas Tenaga Kerja Kabupaten Contoh Raya"
