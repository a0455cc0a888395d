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
    """The office as Admin renamed it in the profile (after a reorganisation), put back afterwards."""
    from app.office.services import office_profile

    profile = office_profile()
    columns = ("government_name", "office_name", "city", "address", "phone")
    kept = [getattr(profile, column) for column in columns]
    for column, value in zip(columns, (GOVERNMENT, OFFICE, CITY, "Jl. Contoh No. 1", "(021) 5550123")):
        setattr(profile, column, value)
    db.session.commit()
    yield profile
    profile = office_profile()
    for column, value in zip(columns, kept):
        setattr(profile, column, value)
    db.session.commit()


def pages_text(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def _recap_pdf():
    from app.contracts.recap import Row, render_pdf

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
