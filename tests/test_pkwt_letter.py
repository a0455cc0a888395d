"""The PKWT registration letter (Bukti Pencatatan PKWT, domain.md §5): what it prints, long lists over several
pages, its QR code leading to the public verification page, and who may download it."""
import itertools
import random
import time
from datetime import date, timedelta
from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.lib.units import mm
from stdnum.id import nik as stdnum_nik

from app.core.formatting import date_id, today_jakarta
from tests.conftest import text_of, unique

HEAD_NAME, HEAD_NIP = "Drs. Hendra Wijaksana, M.Si.", "197205141998031005"
_serials = itertools.count(random.randint(1, 5000))  # NIK serials: unique within the run


def new_nik(birth: date, female=False) -> str:
    day = birth.day + (40 if female else 0)
    nik = f"360301{day:02d}{birth:%m%y}{next(_serials) % 9999 + 1:04d}"
    assert stdnum_nik.is_valid(nik)
    return nik


def contract(name, birth=date(1996, 5, 17), sex="L", position="Operator Produksi", **fields):
    from app.contracts.models import PkwtContract

    today = today_jakarta()
    values = dict(nik=new_nik(birth, sex == "P"), full_name=name, sex=sex, birth_date=birth,
                  address="Jl. Raya Serang Km 24, Balaraja", nationality="ID", position=position,
                  place_of_work="Pabrik Balaraja", wage=6000000, wage_payment="bulanan", kind="jangka_waktu",
                  start_date=today, end_date=today + timedelta(days=364), signed_at=today - timedelta(days=1))
    values.update(fields)
    return PkwtContract(**values)


@pytest.fixture()
def head_of_office(app, db):
    """The head of office as Admin sets them in the office profile; restored afterwards."""
    from app.office.services import office_profile

    profile = office_profile()
    kept = profile.head_name, profile.head_nip
    profile.head_name, profile.head_nip = HEAD_NAME, HEAD_NIP
    db.session.commit()
    yield
    profile = office_profile()
    profile.head_name, profile.head_nip = kept
    db.session.commit()


def company_id_of(app, username="operator"):
    return app.appbuilder.sm.find_user(username=username).company_id


def submitted(app, db, contracts, approve=True, commit=True):
    """A submission of the demo operator's company, approved by the demo officer, committed (the HTTP tests
    read it from other sessions)."""
    from app.contracts import services
    from app.core.workflow import decide
    from tests.pkwt_support import attach_signed_contract

    submission = services.submit(company_id_of(app), contracts)
    if approve:
        for contract in submission.contracts:
            attach_signed_contract(db, contract)
        decide(submission, "approve", app.appbuilder.sm.find_user(username="petugas.hi"))
    if commit:
        db.session.commit()
    return submission


def pages_text(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def decoded_qr(data: bytes, page=-1) -> list[str]:
    document = pypdfium2.PdfDocument(data)
    image = document[page % len(document)].render(scale=200 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_letter_prints_the_registration(app, db, head_of_office):
    from reports.pkwt_letter import render_letter_bytes

    women = date(1998, 11, 3)
    local = [contract(f"Siti Nurhaliza {unique()}", women, "P", "Staf Administrasi Gudang"),
             contract(f"Bambang Pamungkas {unique()}", kind="selesai", end_date=date.today() + timedelta(days=400),
                      completion_criterion="pembangunan gedung produksi tahap II")]
    foreign = contract(f"Li Wei {unique()}", nik=None, passport_number="E12345678", nationality="CN",
                       position="Tenaga Ahli Mesin")
    submission = submitted(app, db, local + [foreign])
    data = render_letter_bytes(submission)
    assert data.startswith(b"%PDF")
    reader = PdfReader(BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    text = " ".join(pages_text(data))

    company = submission.company
    for shown in (
        "PEMERINTAH KABUPATEN TANGERANG", "DINAS TENAGA KERJA",
        "Jl. Abdul Hamid No. 2, Tigaraksa, Kabupaten Tangerang, Banten",
        "BUKTI PENCATATAN PERJANJIAN KERJA WAKTU TERTENTU (PKWT)", f"Nomor: {submission.number}",
        date_id(submission.registered_at), f"Tigaraksa, {date_id(submission.registered_at)}",
        "Undang-Undang Nomor 13 Tahun 2003", "Undang-Undang Nomor 6 Tahun 2023",
        "Peraturan Pemerintah Nomor 35 Tahun 2021", "Pasal 13 dan Pasal 14",
        company.name, company.nib, "3 orang pekerja",
        "Nama pekerja", "NIK / No. paspor", "Jabatan", "Jenis PKWT", "Jangka waktu",
        "Staf Administrasi Gudang", "Jangka waktu", "Selesainya suatu pekerjaan",
        f"{date_id(local[0].start_date)} \u2013 {date_id(local[0].end_date)}",
        "selesainya pembangunan gedung produksi tahap II", f"(perkiraan {date_id(local[1].end_date)})",
        "Paspor E1*****78",
        "bukan merupakan pengesahan atas isi perjanjian kerja",
        "Kepala Dinas Tenaga Kerja Kabupaten Tangerang", HEAD_NAME, f"NIP {HEAD_NIP}", "Pindai untuk verifikasi",
        "Halaman 1 dari 1",
    ):
        assert shown in text, shown
    if company.kbli:
        assert company.kbli.code in text
    for worker in local + [foreign]:
        assert worker.full_name in text
    for worker in local:
        assert worker.nik[:4] + "********" + worker.nik[-4:] in text
        assert worker.nik not in text
    assert "E12345678" not in text


def test_a_hundred_workers_span_pages_with_the_header_on_each(app, db, head_of_office):
    from reports.pkwt_letter import render_letter_bytes

    batch = unique()
    workers = [contract(f"Pekerja {batch} Nomor {i:03d}", date(1980, 1, 1) + timedelta(days=97 * i),
                        "P" if i % 2 else "L") for i in range(1, 101)]
    submission = submitted(app, db, workers)
    render_letter_bytes(submission)  # warm up (fonts, first QR)
    elapsed = []
    for _ in range(3):
        started = time.perf_counter()
        data = render_letter_bytes(submission)
        elapsed.append(time.perf_counter() - started)
    print(f"\n100-worker letter: {min(elapsed) * 1000:.1f} ms, {len(data) // 1024} KiB")
    assert min(elapsed) < 0.2

    pages = pages_text(data)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
        # The header on every page, the signature page included: a row goes over with the closing block.
        assert "No. Nama pekerja NIK / No. paspor Jabatan Jenis PKWT Jangka waktu" in page
    text = " ".join(pages)
    for i, worker in enumerate(workers, start=1):
        assert f"{i}. {worker.full_name}" in text, worker.full_name
        assert worker.nik not in text
    assert text.index("Nomor 100") < text.index("Kepala Dinas Tenaga Kerja Kabupaten Tangerang")
    assert HEAD_NAME in pages[-1] and f"Lanjutan Bukti Pencatatan PKWT Nomor {submission.number}" in pages[1]


def test_qr_code_leads_to_the_verification_page(app, db, head_of_office):
    from app.contracts.documents import resolve_submission
    from reports.pkwt_letter import render_letter_bytes

    worker = contract(f"Rahmat Hidayat {unique()}")
    submission = submitted(app, db, [worker])
    [url] = decoded_qr(render_letter_bytes(submission))
    assert url.startswith(app.config["PUBLIC_BASE_URL"] + "/verify/")

    page = app.test_client().get(url.removeprefix(app.config["PUBLIC_BASE_URL"]))
    assert page.status_code == 200
    text = text_of(page)
    for shown in ("Bukti Pencatatan PKWT", submission.number, "Tercatat", submission.company.name,
                  date_id(submission.registered_at), "1 orang"):
        assert shown in text, shown
    assert worker.nik not in text and worker.nik[-4:] not in text and "Rahmat" not in text
    assert "label-success" in page.get_data(as_text=True)

    submission.status = "rejected"  # a registration withdrawn later: its letter no longer holds
    db.session.flush()
    found = resolve_submission(submission.id)
    assert (found.status, str(found.status_label), found.is_valid) == ("revoked", "Tidak berlaku", False)
    db.session.rollback()


def test_a_submission_not_yet_registered_has_no_document(app, db):
    from app.contracts.documents import register_documents, resolve_submission

    register_documents()
    register_documents()  # idempotent
    pending = submitted(app, db, [contract(f"Dewi Lestari {unique()}")], approve=False)
    assert resolve_submission(pending.id) is None
    assert resolve_submission(10**9) is None and resolve_submission("x") is None


def test_who_may_download_the_letter(app, db, client_as, head_of_office):
    submission = submitted(app, db, [contract(f"Agus Salim {unique()}")])
    url = f"/pkwtsubmissionview/surat/{submission.id}"

    operator = client_as("operator")
    page = operator.get(f"/pkwtsubmissionview/show/{submission.id}").get_data(as_text=True)
    assert url in page and "Bukti Pencatatan PKWT (PDF)" in page
    response = operator.get(url)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline") and f"Bukti-Pencatatan-PKWT-{submission.id}.pdf" in disposition
    assert submission.number in " ".join(pages_text(response.data))

    assert client_as("operator2").get(url).status_code == 404  # another company's
    officer = client_as("petugas.hi").get(url)  # officers reprint
    assert officer.status_code == 200 and officer.data.startswith(b"%PDF")


def test_the_letter_of_a_pending_submission_is_refused(app, db, client_as):
    pending = submitted(app, db, [contract(f"Yanti Kusuma {unique()}", date(1999, 2, 8), "P")], approve=False)
    operator = client_as("operator")
    response = operator.get(f"/pkwtsubmissionview/surat/{pending.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/pkwtsubmissionview/show/{pending.id}")
    page = operator.get(response.headers["Location"])
    assert "Bukti pencatatan PKWT tersedia setelah pengajuan disetujui" in text_of(page)
    assert f"/pkwtsubmissionview/surat/{pending.id}" not in page.get_data(as_text=True)


def _chars_outside(data: bytes, left_mm=20, right_mm=190, bottom_mm=290) -> list[str]:
    """Characters outside the text column, or below the footer, on any page."""
    document, outside = pypdfium2.PdfDocument(data), []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            left, bottom, right, _ = text.get_charbox(i)
            if char.strip() and not (left_mm * mm - 0.5 <= left and right <= right_mm * mm + 0.5
                                     and bottom >= height - bottom_mm * mm):
                outside.append(char)
    return outside


def test_long_values_stay_inside_the_page(app, db, head_of_office):
    from reports.pkwt_letter import render_letter_bytes

    long_name = ("Raden Mas Muhammad Abdurrahman Wahyudiningrat Kusumanegara Prawiradirja Setiawan "
                 "Hadiningrat Soerjosoemarno Mangkubumi Adiwijaya")
    workers = [contract(long_name, position="Supervisor Quality Assurance and Quality Control Department Plant II",
                        kind="selesai", end_date=date.today() + timedelta(days=400),
                        completion_criterion="pembangunan gedung produksi tahap II beserta instalasi mesin, "
                                             "uji coba dan serah terima pekerjaan kepada pemberi kerja " * 2),
               contract(f"Tan {unique()}", nik=None, passport_number="X1234", nationality="MY")]
    submission = submitted(app, db, workers, commit=False)
    submission.company.address = ("Kawasan Industri Millennium Blok K-12 No. 345, Jalan Raya Kelapa Gading "
                                  "Timur Ujung, RT 012/RW 034, Desa Peusar, Kecamatan Panongan, "
                                  "Kabupaten Tangerang, Banten 15710") * 2  # rolled back
    data = render_letter_bytes(submission)
    text = " ".join(pages_text(data))
    assert "Raden Mas Muhammad" in text and "Kawasan Industri Millennium" in text
    assert "selesainya pembangunan gedung" in text and "Paspor *****" in text and "X1234" not in text
    assert _chars_outside(data) == []
    db.session.rollback()
