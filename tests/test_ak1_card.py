"""The printed AK/I card (domain.md §3): every field of the card, its QR code leading to the public verification
page, long values kept inside their boxes, and batch printing as a background job whose PDF staff download."""
import random
from datetime import date
from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from dateutil.relativedelta import relativedelta
from flask import g
from pypdf import PdfReader
from reportlab.lib.units import mm
from stdnum.id import nik as stdnum_nik

from app.core.formatting import date_id, today_jakarta
from tests.conftest import text_of, unique
from tests.seekers_support import complete_profile

NIP = "198003152006041002"


def new_nik(birth: date, female=False) -> str:
    """A valid NIK of Balaraja (3603 01) for someone born on `birth`, with a random serial."""
    day = birth.day + (40 if female else 0)
    nik = f"360301{day:02d}{birth:%m%y}{random.randint(1, 9999):04d}"
    assert stdnum_nik.is_valid(nik)
    return nik


@pytest.fixture()
def officer(db, app):
    from app.seekers.documents import register_documents

    register_documents()
    user = app.appbuilder.sm.find_user(username="petugas.ak")
    user.nip = NIP
    db.session.flush()
    return user


def make_seeker(db, name="Budi Santoso", address="Jl. Raya Serang Km 24 RT 002/RW 005", birth=None, sex="L",
                educations=None, trainings=None, experiences=None):
    from app.seekers.models import Education, Experience, JobSeeker, Training
    from app.seekers.services import register_seeker

    birth = birth or date(random.randint(1975, 2003), random.randint(1, 12), random.randint(1, 28))
    educations = educations if educations is not None else [("SMK", "3002", "SMK Negeri 1 Balaraja",
                                                             "Teknik Pemesinan", 2013)]
    trainings = trainings if trainings is not None else [("Pengelasan SMAW", "BLK Kabupaten Tangerang", 2015)]
    experiences = experiences if experiences is not None else [
        ("Operator Produksi", "PT Maju Bersama Sejahtera", date(2016, 3, 1), date(2019, 5, 31))]
    seeker = JobSeeker(
        nik=new_nik(birth, sex == "P"), full_name=name, birth_place="Tangerang", birth_date=birth, sex=sex,
        phone="0812" + str(random.randint(10**7, 10**8 - 1)), religion_code=1, marital_status_code=1,
        address=address, kecamatan_code="36.03.01", desa_code="36.03.01.2003",
        educations=[Education(level_code=lvl, ipk_code=ipk, school=school, major=major, year_graduated=year)
                    for lvl, ipk, school, major, year in educations],
        trainings=[Training(kind=kind, institution=inst, year=year) for kind, inst, year in trainings],
        experiences=[Experience(position=pos, company_name=comp, start_date=start, end_date=end)
                     for pos, comp, start, end in experiences])
    return register_seeker(seeker)


def issued_card(db, officer, on=None, **seeker_fields):
    from app.core.workflow import decide
    from app.seekers.services import apply

    seeker = make_seeker(db, **seeker_fields)
    complete_profile(db, seeker)
    card = apply(seeker)
    decide(card, "verify", officer)
    decide(card, "issue", officer, data={"on": on})
    db.session.flush()
    return card


def pdf_text(data: bytes, page=0) -> str:
    return " ".join(PdfReader(BytesIO(data)).pages[page].extract_text().split())


def decoded_qr(data: bytes, page=0) -> list[str]:
    image = pypdfium2.PdfDocument(data)[page].render(scale=200 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def verify_page(app, url):
    return app.test_client().get(url.removeprefix(app.config["PUBLIC_BASE_URL"]))


def test_card_prints_every_field(app, db, officer):
    from app.seekers.rules import report_due_dates
    from reports.ak1_card import render_card

    card = issued_card(db, officer, name="Budi Santoso Wijaya", birth=date(1995, 8, 15))
    data = render_card(card)
    assert data.startswith(b"%PDF")
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape

    text = pdf_text(data)
    seeker = card.job_seeker
    for shown in (
        "PEMERINTAH KABUPATEN TANGERANG", "DINAS TENAGA KERJA", "KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA",
        "AK/I", card.number, seeker.nik, "Budi Santoso Wijaya", "Tangerang, 15 Agustus 1995", "Laki-laki",
        "Belum Kawin", "Islam", "Jl. Raya Serang Km 24 RT 002/RW 005", "Cangkudu", "Balaraja", seeker.phone,
        "SMK Negeri 1 Balaraja", "Teknik Pemesinan", "2013", "Pengelasan SMAW", "BLK Kabupaten Tangerang", "2015",
        "Operator Produksi", "PT Maju Bersama Sejahtera", "2016\u20132019",
        "berlaku secara nasional selama 2 (dua) tahun", "melapor ulang setiap 6 (enam) bulan",
        "paling lambat 1 (satu) minggu", "pemberi kerja wajib mengembalikan kartu ini",
        f"Diterbitkan tanggal : {date_id(card.issued_at)}", f"Berlaku sampai : {date_id(card.valid_until)}",
        "Pengantar Kerja", "Siti Rahmawati", f"NIP. {NIP}", "Pindai untuk verifikasi",
        "Diterima penempatan di", "Tanggal penempatan",
    ):
        assert shown in text, shown
    for due in report_due_dates(card.issued_at, app.config["AK1_REPORT_MONTHS"]):
        assert date_id(due) in text  # the re-report schedule is printed from the start
    assert card.issued_at.year + 2 == card.valid_until.year


def test_rereport_and_placement_are_printed(app, db, officer):
    from app.core.workflow import decide
    from app.seekers.services import rereport
    from reports.ak1_card import render_card

    today = today_jakarta()
    card = issued_card(db, officer, on=today - relativedelta(months=6))
    rereport(card, "loket", officer, on=today)
    text = pdf_text(render_card(card))
    assert f"Ke-1 {date_id(card.reports[0].due_date)} {date_id(today)} Siti Rahmawati" in text
    assert "PT Sinar Jaya Abadi" not in text

    decide(card, "place", officer, data={"date": today, "employer": "PT Sinar Jaya Abadi"})
    db.session.flush()
    text = pdf_text(render_card(card))
    assert "PT Sinar Jaya Abadi" in text
    assert f"Tanggal penempatan : {date_id(today)}" in text


def test_online_rereport_is_marked_online(app, db, officer):
    from app.seekers.services import rereport
    from reports.ak1_card import render_card

    today = today_jakarta()
    card = issued_card(db, officer, on=today - relativedelta(months=12))
    rereport(card, "online", None, on=today - relativedelta(months=6))  # the first one, in its window
    rereport(card, "online", None, on=today)
    text = pdf_text(render_card(card))
    assert f"Ke-2 {date_id(card.reports[1].due_date)} {date_id(today)} online" in text


def test_qr_code_leads_to_the_verification_page(app, db, officer):
    from app.core.workflow import decide
    from reports.ak1_card import render_card

    card = issued_card(db, officer, name="Rahmat Hidayat Nugraha")
    nik = card.job_seeker.nik
    [url] = decoded_qr(render_card(card))
    assert url.startswith(app.config["PUBLIC_BASE_URL"] + "/verify/")

    page = verify_page(app, url)
    assert page.status_code == 200
    text = text_of(page)
    for shown in ("Kartu AK/I", card.number, "Berlaku", f"{nik[:4]}********{nik[-4:]}", "Rahmat H****** N******",
                  date_id(card.issued_at), date_id(card.valid_until)):
        assert shown in text, shown
    assert nik not in text and "Hidayat" not in text
    assert "label-success" in page.get_data(as_text=True)

    decide(card, "place", officer, data={"date": today_jakarta(), "employer": "PT Sinar Jaya Abadi"})
    db.session.flush()
    page = verify_page(app, url)
    assert "Ditempatkan" in text_of(page) and "label-danger" in page.get_data(as_text=True)


def test_verification_status_of_every_card_state(app, db, officer):
    from app.core.workflow import transition
    from app.seekers.documents import resolve_card
    from app.core.workflow import decide
    from app.seekers.services import apply

    removed = issued_card(db, officer)
    decide(removed, "remove", officer, reason="pindah", data={"date": today_jakarta()})
    expired = issued_card(db, officer, on=today_jakarta() - relativedelta(years=2, days=1))
    overdue = issued_card(db, officer, on=today_jakarta() - relativedelta(years=2, days=1))  # not yet expired
    transition(expired, "expire", None)
    corrected = issued_card(db, officer)
    correction = apply(corrected.job_seeker, "perbaikan")
    decide(correction, "verify", officer)
    decide(correction, "issue", officer)
    pending_seeker = make_seeker(db)
    complete_profile(db, pending_seeker)
    pending = apply(pending_seeker)
    db.session.flush()

    def state(card):
        found = resolve_card(card.id)
        return found.status, found.status_label, found.is_valid

    assert state(removed) == ("removed", "Dihapuskan", False)
    assert state(expired) == ("expired", "Kedaluwarsa", False)
    assert state(overdue) == ("expired", "Kedaluwarsa", False)
    assert state(corrected) == ("revoked", "Diganti kartu yang lebih baru", False)
    assert state(correction) == ("valid", "Berlaku", True)
    assert correction.number == corrected.number
    assert resolve_card(pending.id) is None  # an application is no document yet
    assert resolve_card(10**9) is None and resolve_card("x") is None


def _chars_outside_the_card_halves(data: bytes) -> list[str]:
    """Characters not inside the inner border of the half they are on."""
    page = pypdfium2.PdfDocument(data)[0]
    width, height = page.get_size()
    text = page.get_textpage()
    inner = 7.2 * mm
    outside = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        left, bottom, right, top = text.get_charbox(i)
        half = 0 if right <= width / 2 else width / 2
        if not (half + inner <= left and right <= half + width / 2 - inner and inner <= bottom
                and top <= height - inner):
            outside.append(char)
    return outside


def test_long_values_stay_inside_their_boxes(app, db, officer):
    from reports.ak1_card import render_card

    long_name = ("Raden Mas Muhammad Abdurrahman Wahyudiningrat Kusumanegara Prawiradirja Setiawan "
                 "Hadiningrat Soerjosoemarno Mangkubumi Adiwijaya")[:150]
    long_address = ("Perumahan Citra Raya Cluster Taman Puspa Blok AA-12 No. 345, Jalan Kelapa Gading Timur "
                    "Raya Ujung, RT 012/RW 034, dekat Masjid Jami Al-Ikhlas dan Pasar Tradisional Cikupa, "
                    "belakang pabrik tekstil PT Panca Usaha Mandiri Internasional Tbk, Kabupaten Tangerang")[:300]
    longest = "Sekolah Menengah Kejuruan Teknologi Informasi dan Komunikasi Nusantara Raya Internasional Plus"
    card = issued_card(
        db, officer, name=long_name, address=long_address,
        educations=[("SD", "1000", longest, "", 2001), ("SMP", "2000", longest, "", 2004),
                    ("SMK", "3002", longest, "Teknik Komputer dan Jaringan Berbasis Cloud Computing", 2007),
                    ("D3", "5000", longest, "Manajemen Informatika", 2010),
                    ("S1", "6000", longest, "Sistem Informasi", 2012),
                    ("S2", "7000", longest, "Magister Manajemen", 2015)],
        trainings=[("Pelatihan Berbasis Kompetensi Kejuruan Teknik Listrik Industri", longest, 2016)] * 4,
        experiences=[("Supervisor Quality Assurance and Quality Control Department", "PT " + longest,
                      date(2016, 1, 1), None)] * 4)
    data = render_card(card)
    assert len(PdfReader(BytesIO(data)).pages) == 1
    text = pdf_text(data)
    assert "Raden Mas Muhammad" in text and "Perumahan Citra Raya" in text
    assert "Magister Manajemen" in text  # the latest rows are kept when there are more than the table holds
    assert _chars_outside_the_card_halves(data) == []
    assert len(decoded_qr(data)) == 1


def test_text_fitting_never_exceeds_the_width():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.layout import fit_lines

    word = "Tanpaspasitidakadajedatapiharusmuatdalamkotaknya" * 3
    for text, max_lines in ((word, 2), ("kata " * 80, 3), (word, 1)):
        lines, size = fit_lines(text, "Helvetica", 9, 100, max_lines, 6)
        assert 1 <= len(lines) <= max_lines and size >= 6
        assert all(stringWidth(line, "Helvetica", size) <= 100 for line in lines)
    assert fit_lines("", "Helvetica", 9, 100) == ([], 9)


def test_photo_is_printed_when_the_seeker_has_one(app, db, officer):
    import json

    from PIL import Image

    from app.core.files import store_bytes
    from app.seekers.services import snapshot
    from reports.ak1_card import render_card

    image = Image.new("RGB", (1200, 1600), (200, 30, 30))
    buffer = BytesIO()
    image.save(buffer, "JPEG")
    photo = store_bytes(buffer.getvalue(), "photo", "foto.jpg", "image/jpeg")
    db.session.flush()
    card = issued_card(db, officer)
    card.job_seeker.photo_file_id = photo.id
    card.snapshot = json.dumps(snapshot(card.job_seeker))  # as if the photo had been there at issue
    data = render_card(card)
    assert "Pas foto" not in pdf_text(data)
    pixels = pypdfium2.PdfDocument(data)[0].render(scale=1).to_pil().convert("RGB")
    assert pixels.getpixel((round(28 * 72 / 25.4), round(74 * 72 / 25.4))) == pytest.approx((200, 30, 30), abs=12)
    assert len(data) < 200_000  # a camera-size photo is scaled down


def test_card_without_snapshot_prints_the_holders_data(app, db, officer):
    """Imported and demo cards have no snapshot: the holder's current data is printed and verified."""
    from app.seekers.documents import resolve_card
    from reports.ak1_card import render_card

    card = issued_card(db, officer, name="Dewi Kartika Sari", sex="P")
    card.snapshot = None
    db.session.flush()
    text = pdf_text(render_card(card))
    assert "Dewi Kartika Sari" in text and card.job_seeker.nik in text and "Perempuan" in text
    assert ("Nama pemegang", "Dewi K****** S***") in [(str(k), v) for k, v in resolve_card(card.id).facts]


def test_qr_code_is_the_one_reportlab_makes():
    """reports.qr chooses the mask faster, not differently: same modules as ReportLab's own QR widget."""
    import string

    from reportlab.graphics.barcode.qr import QrCodeWidget

    from reports.qr import qr_modules

    rng = random.Random(3603)
    alphabet = string.ascii_letters + string.digits + "-_."
    for length in (10, 47, 60, 90, 150, 300):
        value = "https://disnaker.tangerangkab.go.id/verify/" + "".join(rng.choices(alphabet, k=length))
        for level in "LMQH":
            widget = QrCodeWidget(value, barLevel=level)
            widget.qr.make()
            assert qr_modules(value, level) == widget.qr.modules, (length, level)


# The batch tests commit (the job does); their seekers need no trainings or experiences.
COMMITTED = {"trainings": [], "experiences": []}


@pytest.fixture()
def in_process(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)


def test_batch_printing_job_and_download(app, db, officer, client_as, in_process):
    from app.tasks import enqueue
    from app.seekers.services import apply

    cards = [issued_card(db, officer, name=f"Peserta Cetak {unique()}", **COMMITTED) for _ in range(3)]
    pending_seeker = make_seeker(db, **COMMITTED)
    complete_profile(db, pending_seeker)
    pending = apply(pending_seeker)
    db.session.commit()
    ids = [cards[0].id, pending.id, cards[1].id, cards[2].id, cards[0].id]

    with app.test_request_context():
        g.user = officer
        job_id = enqueue("app.seekers.tasks.print_cards", ids)

    status = client_as("petugas.ak").get(f"/jobs/{job_id}").get_json()
    assert (status["status"], status["progress"], status["message"]) == ("finished", 100, "3 dari 3 kartu")
    result = status["result"]
    assert result["count"] == 3 and result["url"] == f"/files/{result['file_id']}"

    download = client_as("petugas.ak").get(result["url"])
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    reader = PdfReader(BytesIO(download.data))
    assert len(reader.pages) == 3
    assert [cards[i].number in " ".join(reader.pages[i].extract_text().split()) for i in range(3)] == [True] * 3
    assert client_as("operator").get(result["url"]).status_code == 404  # no owner: staff only


def test_batch_with_nothing_printable_makes_no_file(app, db, officer, in_process):
    from app.tasks import enqueue, job_status
    from app.seekers.services import apply

    pending_seeker = make_seeker(db, **COMMITTED)
    complete_profile(db, pending_seeker)
    pending = apply(pending_seeker)
    db.session.commit()
    with app.test_request_context():
        g.user = officer
        job_id = enqueue("app.seekers.tasks.print_cards", [pending.id])
    assert job_status(job_id)["result"] == {"file_id": None, "url": None, "count": 0}
