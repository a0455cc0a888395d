"""Monthly vacancy and placement reports, the Karirhub exports, the list of employers that do not report vacancies
(Perpres 57/2023) and the warning letter draft; the officers' screens and who may open them.

Other tests share the database: the monthly numbers use March and April 1985, a period no one else uses; the
compliance list uses companies of its own, checked by name."""
import uuid
from datetime import date, datetime, time, timedelta, timezone
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from tests.conftest import drain_jobs, text_of, unique
from tests.seekers_support import make_seeker
from tests.test_browser import base_url, browser, shots  # noqa: F401 (fixtures of the Chromium walk)
from tests.test_journeys import people, sign_in  # noqa: F401

MARCH, APRIL = "1985-03", "1985-04"
VACANCY_TITLE_MARCH = "Laporan Bulanan Lowongan Kerja — Maret 1985"
PLACEMENT_TITLE_MARCH = "Laporan Bulanan Penempatan Tenaga Kerja — Maret 1985"


def wib(y, m, d, hh=9, mm=0):
    """An instant typed in WIB, stored as UTC like the application stores it."""
    from app.core.formatting import JAKARTA

    return datetime.combine(date(y, m, d), time(hh, mm), JAKARTA).astimezone(timezone.utc)


def _kbji(db, code, name):
    from app.reference.models import Kbji

    if db.session.get(Kbji, code) is None:
        parent = code[:2] if db.session.get(Kbji, code[:2]) is not None else None
        db.session.add(Kbji(code=code, name=name, level=4, parent_code=parent))
        db.session.flush()
    return code


def _division(db, section):
    from app.reference.models import Kbli

    return db.session.query(Kbli).filter_by(level="division", parent_code=section).order_by(Kbli.code).first()


def _company(db, name, kbli=None):
    from app.companies.models import Company
    from tests.test_companies import _nib, _valid_npwp

    company = Company(name=name, legal_form_code="PT", nib=_nib(), npwp=_valid_npwp(uuid.uuid4().int % 10**7),
                      kbli_id=kbli.id if kbli else None, employer_type_code="PRIVATE",
                      address="Jl. Raya Serang Km 12 No. 7", kecamatan_code="36.03.01", desa_code="36.03.01.2003",
                      status="verified")
    db.session.add(company)
    db.session.flush()
    return company


def _vacancy(db, company, kbji, submitted, published=None, closed=None, status="published", male=0, female=0,
             either=0, title="Operator mesin jahit"):
    from app.vacancies.models import Vacancy

    vacancy = Vacancy(company_id=company.id, title=title, kbji_code=kbji, slots_male=male, slots_female=female,
                      slots_any=either, valid_from=submitted.date(), valid_until=submitted.date() + timedelta(days=60),
                      education_ipk_code="3002", education_field="Teknik Mesin", experience_years=1, age_min=18,
                      age_max=35, wage_min=5_000_000, wage_max=5_500_000, work_kecamatan_code="36.03.01",
                      work_location="Jl. Industri 3, Cikupa", status=status, submitted_at=submitted,
                      published_at=published, closed_at=closed, description="Menjalankan mesin jahit industri")
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def _event(db, vacancy, kind, sex, on, count=1, reason=None):
    from app.core.models import utcnow
    from app.vacancies.models import VacancySlotEvent

    db.session.add(VacancySlotEvent(vacancy_id=vacancy.id, company_id=vacancy.company_id, kind=kind, slot_sex=sex,
                                    count=count, on_date=on, removal_reason=reason, recorded_at=utcnow()))


def _placement(db, on, kind, sex, education, employer_type, company=None, vacancy=None, kbji="8211"):
    from app.seekers.models import Ak1Card
    from app.vacancies.models import Placement

    seeker = make_seeker(db, birth=date(1960, 5, 17), sex=sex, account=False, complete=False)
    card = Ak1Card(job_seeker_id=seeker.id, status="placed", number=f"3603-170560-{uuid.uuid4().int % 10**6:06d}",
                   issued_at=on - timedelta(days=30), placed_at=on)
    db.session.add(card)
    db.session.flush()
    placement = Placement(job_seeker_id=seeker.id, ak1_card_id=card.id, company_id=company.id if company else None,
                          employer_name=company.name if company else "Dinas Pekerjaan Umum Kota Serang",
                          employer_type_code=employer_type, vacancy_id=vacancy.id if vacancy else None,
                          position="Operator mesin", kbji_code=kbji, placed_on=on, placement_type=kind,
                          destination={"AKAD": "Kota Serang", "AKAN": "Jepang"}.get(kind), sex=sex,
                          birth_date=seeker.birth_date, education_ipk_code=education, recorded_by="petugas")
    db.session.add(placement)
    db.session.flush()
    return placement, seeker, card


@pytest.fixture(scope="module")
def world(app):
    """March/April 1985, with the instants that test the month's edges in WIB:
    V1 (company A, KBJI 8): L2 P1, reported 5 Mar, published 6 Mar; filled L 20 Mar, P 2 Apr; never closed.
    V2 (company B, KBJI 5): L/P 3, reported 31 Mar 23:30 WIB (March), published 1 Apr 00:10 WIB (April);
       filled L/P 10 Apr, 2 removed 30 Apr, closed 30 Apr 23:30 WIB.
    V3 (company A, KBJI 8): L1, reported 28 Feb 23:59 WIB, published 1 Mar 00:30 WIB (28 Feb in UTC: still
       March); filled L 31 Mar and closed 31 Mar 15:00 WIB.
    V4 (company B, KBJI 5): P2, reported 1 Apr 06:00 WIB (31 Mar in UTC: April); waiting for verification.
    Placements: 1 Mar AKL P (no education, BUMN), 20 Mar AKL L (SMK, private, A), 31 Mar AKAD P (S1, government,
    an employer not registered here), 1 Apr AKAN L (SMK, private, B)."""
    from app.extensions import db

    with app.app_context():
        kbji8 = _kbji(db, "8211", "Operator mesin jahit")
        kbji5 = _kbji(db, "5223", "Pramuniaga")
        a = _company(db, unique("PT Laporan Satu "), _division(db, "C"))
        b = _company(db, unique("PT Laporan Dua "), _division(db, "G"))
        v1 = _vacancy(db, a, kbji8, wib(1985, 3, 5, 10), wib(1985, 3, 6), male=2, female=1)
        v2 = _vacancy(db, b, kbji5, wib(1985, 3, 31, 23, 30), wib(1985, 4, 1, 0, 10), wib(1985, 4, 30, 23, 30),
                      status="closed", either=3, title="Pramuniaga toko")
        v3 = _vacancy(db, a, kbji8, wib(1985, 2, 28, 23, 59), wib(1985, 3, 1, 0, 30), wib(1985, 3, 31, 15),
                      status="filled", male=1)
        v4 = _vacancy(db, b, kbji5, wib(1985, 4, 1, 6), status="submitted", female=2, title="Kasir")
        _event(db, v1, "filled", "L", date(1985, 3, 20))
        _event(db, v1, "filled", "P", date(1985, 4, 2))
        _event(db, v2, "filled", "X", date(1985, 4, 10))
        _event(db, v2, "removed", "X", date(1985, 4, 30), count=2, reason="kedaluwarsa")
        _event(db, v3, "filled", "L", date(1985, 3, 31))
        placements = [
            _placement(db, date(1985, 3, 1), "AKL", "P", None, "SOE"),
            _placement(db, date(1985, 3, 20), "AKL", "L", "3002", "PRIVATE", a, v1),
            _placement(db, date(1985, 3, 31), "AKAD", "P", "6000", "GOV"),
            _placement(db, date(1985, 4, 1), "AKAN", "L", "3002", "PRIVATE", b),
        ]
        db.session.commit()
        sections = {}
        for company in (a, b):
            section = db.session.query(type(company.kbli)).filter_by(code=company.kbli.parent_code,
                                                                     level="section").one()
            sections[company.id] = f"{section.code} — {section.name}"
        yield {"a": a, "b": b, "v": [v1, v2, v3, v4], "sections": sections,
               "placements": [(p.id, s.nik, s.full_name, c.number) for p, s, c in placements]}


def _month(value):
    from app.reporting.tables import Month

    return Month.parse(value)


# ---- the vacancy report ------------------------------------------------------------------------------------

def test_vacancy_report_march_counts_slots_by_requested_sex(db, world):
    from app.reporting.monthly import vacancy_report

    report = vacancy_report(_month(MARCH))
    assert report.title == VACANCY_TITLE_MARCH
    sexes = report.table("jenis_kelamin")
    # Dilaporkan, Ditayangkan, Terisi, Dihapuskan, Terbuka akhir bulan
    assert sexes.rows == [("Laki-laki", [2, 3, 2, 0, 1]), ("Perempuan", [1, 1, 0, 0, 1]),
                          ("Laki-laki/perempuan", [3, 0, 0, 0, 0])]
    assert sexes.totals == [6, 4, 2, 0, 2]
    assert report.summary[0] == ("Lowongan dilaporkan: 2 lowongan, 6 orang (laki-laki 2, perempuan 1, "
                                 "laki-laki/perempuan 3).")
    assert report.summary[3] == "Terbuka pada akhir bulan (31 Maret 1985): 1 lowongan, 2 orang."


def test_vacancy_report_by_kbji_and_sector(db, world):
    from app.reporting.monthly import vacancy_report

    report = vacancy_report(_month(MARCH))
    kbji = report.table("kbji")
    # reported vacancies, slots L, P, L/P, reported, published, filled, removed, open vacancies, open slots
    assert kbji.row("8 — Operator dan Perakit Mesin") == [1, 2, 1, 0, 3, 4, 2, 0, 1, 2]
    assert kbji.row("5 — Tenaga Usaha Jasa dan Tenaga Penjualan") == [1, 0, 0, 3, 3, 0, 0, 0, 0, 0]
    assert len(kbji.rows) == 10 and kbji.totals == [2, 2, 1, 3, 6, 4, 2, 0, 1, 2]  # every major group listed
    sectors = report.table("kbli")
    assert sectors.row(world["sections"][world["a"].id]) == [1, 2, 1, 0, 3, 4, 2, 0, 1, 2]
    assert sectors.row(world["sections"][world["b"].id]) == [1, 0, 0, 3, 3, 0, 0, 0, 0, 0]


def test_april_reads_the_events_of_april(db, world):
    from app.reporting.monthly import vacancy_report

    report = vacancy_report(_month(APRIL))
    assert report.table("jenis_kelamin").rows == [("Laki-laki", [0, 0, 0, 0, 1]), ("Perempuan", [2, 0, 1, 0, 0]),
                                                  ("Laki-laki/perempuan", [0, 3, 1, 2, 0])]
    kbji5 = report.table("kbji").row("5 — Tenaga Usaha Jasa dan Tenaga Penjualan")
    assert kbji5 == [1, 0, 2, 0, 2, 3, 1, 2, 0, 0]  # V4 reported, V2 published, filled 1, removed 2, closed
    assert vacancy_report(_month("1985-05")).table("jenis_kelamin").totals == [0, 0, 0, 0, 1]  # V1 still open
    assert vacancy_report(_month("1985-01")).table("jenis_kelamin").totals == [0, 0, 0, 0, 0]


def test_month_bounds_are_wib():
    from app.reporting.tables import Month

    march = Month(1985, 3)
    assert march.start == datetime(1985, 2, 28, 17, tzinfo=timezone.utc)
    assert march.end == datetime(1985, 3, 31, 17, tzinfo=timezone.utc)
    assert march.start <= wib(1985, 3, 31, 23, 30) < march.end
    assert not march.start <= wib(1985, 4, 1, 0, 10) < march.end


def test_vacancy_report_is_a_few_group_by_queries(db, world, statements):
    from app.reporting.monthly import vacancy_report

    statements.clear()
    vacancy_report(_month(MARCH))
    grouped = [s for s in statements if "GROUP BY" in s]
    assert len(statements) <= 12 and len(grouped) == 10  # 5 per breakdown, whatever the number of vacancies


# ---- the placement report ----------------------------------------------------------------------------------

def test_placement_report_by_type_education_and_employer(db, world):
    from app.reporting.monthly import placement_report

    report = placement_report(_month(MARCH))
    assert report.title == PLACEMENT_TITLE_MARCH
    types = report.table("jenis")
    assert types.rows == [("AKL (antarkerja lokal)", [1, 1, 2]), ("AKAD (antarkerja antardaerah)", [0, 1, 1]),
                          ("AKAN (antarkerja antarnegara)", [0, 0, 0])]
    assert types.totals == [1, 2, 3]
    education = report.table("pendidikan")
    assert education.rows == [("3002 — SMK", [1, 0, 1]), ("6000 — S1/D4", [0, 1, 1]),
                              ("Tidak diketahui", [0, 1, 1])]
    employers = dict(report.table("pemberi_kerja").rows)
    assert employers["Instansi Pemerintah"] == [0, 1, 1] and employers["BUMN/BUMD"] == [0, 1, 1]
    assert employers["Perusahaan Swasta"] == [1, 0, 1] and employers["Koperasi"] == [0, 0, 0]
    assert report.table("pemberi_kerja").totals == [1, 2, 3]
    assert report.summary[0] == "Penempatan tenaga kerja pada bulan Maret 1985: 3 orang — laki-laki 1, perempuan 2."

    april = placement_report(_month(APRIL)).table("jenis")
    assert april.rows[2] == ("AKAN (antarkerja antarnegara)", [1, 0, 1]) and april.totals == [1, 0, 1]


# ---- XLSX and PDF ------------------------------------------------------------------------------------------

def _sheet_rows(sheet):
    return [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]


def test_vacancy_xlsx_numbers(db, world):
    from app.reporting.monthly import vacancy_report
    from app.reporting.xlsx import render_xlsx

    book = openpyxl.load_workbook(BytesIO(render_xlsx(vacancy_report(_month(MARCH)))))
    assert book.sheetnames == ["Jenis Kelamin", "KBJI", "Sektor KBLI"]
    sexes = _sheet_rows(book.worksheets[0])
    assert sexes[0][0] == VACANCY_TITLE_MARCH
    header = next(r for r in sexes if r[0] == "No")
    assert header[1:] == ("Jenis kelamin yang diminta", "Dilaporkan", "Ditayangkan", "Terisi", "Dihapuskan",
                          "Terbuka akhir bulan")
    assert (1, "Laki-laki", 2, 3, 2, 0, 1) in sexes and (3, "Laki-laki/perempuan", 3, 0, 0, 0, 0) in sexes
    assert (None, "Jumlah", 6, 4, 2, 0, 2) in sexes
    kbji = _sheet_rows(book.worksheets[1])
    assert any(r[1] == "8 — Operator dan Perakit Mesin" and r[2:] == (1, 2, 1, 0, 3, 4, 2, 0, 1, 2) for r in kbji)


def test_placement_xlsx_numbers(db, world):
    from app.reporting.monthly import placement_report
    from app.reporting.xlsx import render_xlsx

    book = openpyxl.load_workbook(BytesIO(render_xlsx(placement_report(_month(MARCH)))))
    types = _sheet_rows(book["Jenis Penempatan"])
    assert (1, "AKL (antarkerja lokal)", 1, 1, 2) in types and (None, "Jumlah", 1, 2, 3) in types
    education = _sheet_rows(book["Pendidikan"])
    assert (3, "Tidak diketahui", 0, 1, 1) in education


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def test_vacancy_pdf_text(db, world):
    from app.reporting.monthly import vacancy_report
    from reports.vacancy_monthly import render_pdf

    content = render_pdf(vacancy_report(_month(MARCH)))
    page = PdfReader(BytesIO(content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    text = _pdf_text(content)
    assert "PEMERINTAH KABUPATEN TANGERANG" in text and VACANCY_TITLE_MARCH in text
    assert "Lowongan dilaporkan: 2 lowongan, 6 orang (laki-laki 2, perempuan 1, laki-laki/perempuan 3)." in text
    assert "1 Laki-laki 2 3 2 0 1" in text and "Jumlah 6 4 2 0 2" in text
    assert "8 — Operator dan Perakit Mesin 1 2 1 0 3 4 2 0 1 2" in text
    assert "Halaman 1 dari" in text


def test_placement_pdf_text(db, world):
    from app.reporting.monthly import placement_report
    from reports.vacancy_monthly import render_pdf

    text = _pdf_text(render_pdf(placement_report(_month(MARCH))))
    assert PLACEMENT_TITLE_MARCH in text
    assert "AKL (antarkerja lokal) 1 1 2" in text and "AKAD (antarkerja antardaerah) 0 1 1" in text
    assert "Jumlah 1 2 3" in text and "Tidak diketahui 0 1 1" in text


def test_pdf_splits_a_long_table_with_its_header_repeated(db):
    from app.reporting.tables import Month, Report, Table
    from reports.vacancy_monthly import render_pdf

    table = Table("x", "Per Perusahaan", "Perusahaan", ["Laki-laki", "Perempuan", "Jumlah"])
    for i in range(1, 91):
        table.add(f"PT Contoh Nomor {i}", [i, 1, i + 1])
    month = Month(1985, 3)
    content = render_pdf(Report("x", "Uji — Maret 1985", month.label, month, [], [table.total()]))
    text = _pdf_text(content)
    assert len(PdfReader(BytesIO(content)).pages) >= 3
    assert "Per Perusahaan (lanjutan)" in text and "PT Contoh Nomor 90 90 1 91" in text
    assert "Jumlah 4.095 90 4.185" in text  # digit grouping as in every document


# ---- Karirhub ----------------------------------------------------------------------------------------------

def test_karirhub_vacancy_export_headers_and_rows(db, world):
    from app.reporting import karirhub

    headers, rows, name = karirhub.export("lowongan", _month(MARCH), officer=True)
    assert name == "karirhub-lowongan-1985-03.xlsx"
    assert headers == [c.header for c in karirhub.VACANCY_COLUMNS]
    for wanted in ("Nama Jabatan", "Kode KBJI", "Kode KBLI", "Jumlah Kebutuhan", "Pendidikan Minimal", "Gaji Minimal",
                   "Lokasi Kerja", "Tanggal Berakhir", "NIB Perusahaan", "NPWP Perusahaan"):
        assert wanted in headers
    rows = [dict(zip(headers, row)) for row in rows]
    assert [r["ID Lowongan d'naker"] for r in rows] == [world["v"][2].id, world["v"][0].id]  # published in March
    v1 = rows[1]
    assert v1["Kode KBJI"] == "8211" and v1["Jumlah Kebutuhan"] == 3 and v1["Jumlah Kebutuhan Perempuan"] == 1
    assert v1["NIB Perusahaan"] == world["a"].nib and v1["NPWP Perusahaan"] == world["a"].npwp
    assert v1["Kode KBLI"] == world["a"].kbli.code and v1["Gaji Minimal"] == 5_000_000
    assert v1["Lokasi Kerja"].endswith("Kabupaten Tangerang") and v1["Tanggal Berakhir"] == date(1985, 5, 4)


def test_karirhub_placement_export_nik_for_officers_only(db, world):
    from app.reporting import karirhub

    headers, rows, _name = karirhub.export("penempatan", _month(MARCH), officer=True)
    rows = [dict(zip(headers, row)) for row in rows]
    assert headers[:3] == ["Nomor AK/I", "NIK", "Nama Lengkap"]
    expected = {pid: (nik, name, number) for pid, nik, name, number in world["placements"][:3]}
    assert [(r["NIK"], r["Nama Lengkap"], r["Nomor AK/I"]) for r in rows] == list(expected.values())
    assert [r["Jenis Penempatan"] for r in rows] == ["AKL", "AKL", "AKAD"]
    assert rows[1]["Nama Pemberi Kerja"] == world["a"].name and rows[1]["Tanggal Penempatan"] == date(1985, 3, 20)

    headers, rows, _name = karirhub.export("penempatan", _month(MARCH), officer=False)
    rows = list(rows)
    assert "NIK" not in headers and len(rows) == 3
    niks = {nik for _pid, nik, _name, _number in world["placements"]}
    assert not any(value in niks for row in rows for value in row)


# ---- screens and permissions -------------------------------------------------------------------------------

@pytest.mark.parametrize("username", ["petugas.ak", "kadis"])
def test_report_page_and_downloads_for_officers(client_as, world, username):
    client = client_as(username)
    page = client.get(f"/laporan-lowongan/?bulan={MARCH}")
    assert page.status_code == 200
    text = text_of(page)
    assert "Laporan Bulanan Lowongan Kerja — Maret 1985" in text and "Per Golongan Pokok Jabatan (KBJI)" in text
    assert "Lowongan dilaporkan: 2 lowongan, 6 orang" in text and "AKAD (antarkerja antardaerah)" in text
    assert "None" not in text
    html = page.get_data(as_text=True)
    for path in (f"/laporan-lowongan/lowongan.xlsx?bulan={MARCH}", f"/laporan-lowongan/penempatan.pdf?bulan={MARCH}",
                 f"/laporan-lowongan/karirhub/penempatan?bulan={MARCH}"):
        assert path in html

    xlsx = client.get(f"/laporan-lowongan/lowongan.xlsx?bulan={MARCH}")
    assert xlsx.status_code == 200 and "laporan-lowongan-1985-03.xlsx" in xlsx.headers["Content-Disposition"]
    assert openpyxl.load_workbook(BytesIO(xlsx.data)).worksheets[0]["A1"].value == VACANCY_TITLE_MARCH
    pdf = client.get(f"/laporan-lowongan/penempatan.pdf?bulan={MARCH}")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert PLACEMENT_TITLE_MARCH in _pdf_text(pdf.data)
    export = client.get(f"/laporan-lowongan/karirhub/penempatan?bulan={MARCH}")
    assert export.status_code == 200 and "karirhub-penempatan-1985-03.xlsx" in export.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(BytesIO(export.data)).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["Nomor AK/I", "NIK", "Nama Lengkap"]
    assert sheet["B2"].value == world["placements"][0][1]  # the NIK as text, every digit kept
    assert client.get("/laporan-lowongan/").status_code == 200  # the previous month by default
    assert "Laporan Lowongan & Penempatan" in client.get("/").get_data(as_text=True)  # in the menu


def test_large_export_runs_as_a_job_with_progress(app, client_as, world, monkeypatch):
    monkeypatch.setitem(app.config, "REPORT_SYNC_MAX_ROWS", 1)
    client = client_as("petugas.ak")
    response = client.get(f"/laporan-lowongan/karirhub/lowongan?bulan={MARCH}")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_id = response.headers["Location"].rstrip("/").split("/")[-2]
    assert client.get(response.headers["Location"]).status_code == 200  # the progress page
    drain_jobs(app)
    status = client.get(f"/jobs/{job_id}").get_json()
    assert status["status"] == "finished" and status["progress"] == 100, status
    download = client.get(status["result"]["url"])
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(download.data)).worksheets[0]
    assert sheet["A1"].value == "Nama Jabatan" and sheet.max_row == 3
    # The stored export has no owner: staff who may not read the reports do not reach it by its address either.
    for username in ("petugas.hi", "petugas.tka", "pengawas", "operator"):
        assert client_as(username).get(status["result"]["url"]).status_code == 404, username


@pytest.mark.parametrize("value", ["1985-13", "abc", "0000-01"])
def test_bad_month_is_a_clear_message(client_as, value):
    client = client_as("petugas.ak")
    for path in ("/laporan-lowongan/", "/laporan-lowongan/lowongan.pdf", "/laporan-lowongan/karirhub/lowongan"):
        response = client.get(path, query_string={"bulan": value})
        assert response.status_code == 400, (path, value)
        assert "Bulan tidak valid" in text_of(response) or "Tahun harus antara" in text_of(response)


@pytest.mark.parametrize("username", ["operator", "pencaker", "petugas.hi"])
def test_refused_to_other_roles(client_as, world, username):
    client = client_as(username)
    for path in (f"/laporan-lowongan/?bulan={MARCH}", f"/laporan-lowongan/lowongan.xlsx?bulan={MARCH}",
                 f"/laporan-lowongan/penempatan.pdf?bulan={MARCH}", f"/laporan-lowongan/karirhub/penempatan?bulan={MARCH}",
                 "/laporan-lowongan/kepatuhan/", "/laporan-lowongan/kepatuhan/xlsx",
                 f"/laporan-lowongan/kepatuhan/{world['a'].id}/surat"):
        assert client.get(path).status_code in (403, 404), (username, path)
    assert "Laporan Lowongan & Penempatan" not in client.get("/").get_data(as_text=True)


# ---- compliance ----------------------------------------------------------------------------------------------

def _pkwt(db, company, registered_at, workers=2):
    from app.contracts.models import PkwtContract, PkwtSubmission
    from tests.pkwt_support import worker_nik

    submission = PkwtSubmission(company_id=company.id, status="approved", submitted_at=wib(2020, 1, 1),
                                registered_at=registered_at)
    db.session.add(submission)
    db.session.flush()
    for i in range(workers):
        db.session.add(PkwtContract(
            submission_id=submission.id, company_id=company.id, nik=worker_nik(date(1995, 1, 1 + i)),
            full_name=unique("Pekerja "), sex="L", birth_date=date(1995, 1, 1 + i), address="Jl. Melati 1",
            nationality="ID", position="Operator", place_of_work="Pabrik", wage=5_000_000, wage_payment="bulanan",
            kind="jangka_waktu", start_date=registered_at, end_date=registered_at + timedelta(days=300),
            signed_at=registered_at))
    db.session.flush()


@pytest.fixture(scope="module")
def compliance_world(app):
    """Quiet: PKWT 2 months ago (2 registrations, 3 workers), a vacancy 2 years ago. Reporter: PKWT and a vacancy
    last month. Hirer: placements only, never a vacancy. Old: PKWT 13 months ago only."""
    from app.core.formatting import today_jakarta
    from app.extensions import db
    from app.reporting.tables import Month

    with app.app_context():
        today = today_jakarta()
        quiet = _company(db, unique("PT Diam Saja "))
        reporter = _company(db, unique("PT Rajin Lapor "))
        hirer = _company(db, unique("PT Rekrut Terus "))
        old = _company(db, unique("PT Lama Sekali "))
        _pkwt(db, quiet, today - timedelta(days=60), 2)
        _pkwt(db, quiet, today - timedelta(days=30), 1)
        two_years = today - timedelta(days=730)
        _vacancy(db, quiet, _kbji(db, "8211", "Operator mesin jahit"),
                 datetime.combine(two_years, time(9), timezone.utc), status="closed")
        _pkwt(db, reporter, today - timedelta(days=40))
        last_month = Month(today.year, today.month).start - timedelta(days=20)
        _vacancy(db, reporter, "8211", last_month, status="submitted")
        _placement(db, today - timedelta(days=10), "AKL", "L", "3002", "PRIVATE", hirer)
        _placement(db, today - timedelta(days=100), "AKL", "P", "3002", "PRIVATE", hirer)
        _pkwt(db, old, today - timedelta(days=400))
        db.session.commit()
        yield {"quiet": quiet, "reporter": reporter, "hirer": hirer, "old": old, "two_years": two_years}


def test_compliance_list(db, compliance_world):
    from app.reporting.compliance import findings

    found = {f.company_id: f for f in findings()}
    w = compliance_world
    assert w["reporter"].id not in found and w["old"].id not in found
    quiet, hirer = found[w["quiet"].id], found[w["hirer"].id]
    assert (quiet.pkwt_registrations, quiet.pkwt_workers, quiet.placements) == (2, 3, 0)
    assert quiet.last_vacancy_at.date() == w["two_years"]
    assert (hirer.pkwt_registrations, hirer.pkwt_workers, hirer.placements) == (0, 0, 2)
    assert hirer.last_vacancy_at is None and hirer.last_vacancy_label == "Belum pernah melaporkan"


def test_compliance_screen_xlsx_and_letter(client_as, compliance_world):
    from app.core.formatting import date_id

    w = compliance_world
    client = client_as("petugas.ak")
    page = client.get("/laporan-lowongan/kepatuhan/")
    assert page.status_code == 200
    text = text_of(page)
    assert w["quiet"].name in text and w["hirer"].name in text
    assert w["reporter"].name not in text and w["old"].name not in text
    assert "Perpres 57/2023" in text and "Belum pernah melaporkan" in text and date_id(w["two_years"]) in text

    book = openpyxl.load_workbook(BytesIO(client.get("/laporan-lowongan/kepatuhan/xlsx").data))
    rows = {row[0]: row for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert rows[w["quiet"].name][4:7] == (2, 3, 0)
    assert rows[w["hirer"].name][6] == 2 and rows[w["hirer"].name][7] == "Belum pernah melaporkan"
    assert w["reporter"].name not in rows

    letter = client.get(f"/laporan-lowongan/kepatuhan/{w['quiet'].id}/surat")
    assert letter.status_code == 200 and letter.mimetype == "application/pdf"
    text = _pdf_text(letter.data)
    assert "DRAF" in text and "Nomor" in text and ".........." in text
    assert w["quiet"].name in text and "Jl. Raya Serang Km 12 No. 7" in text
    assert "Peraturan Presiden Nomor 57 Tahun 2023" in text
    assert "Pasal 5" in text and "Pasal 6" in text and "Pasal 17" in text and "peringatan tertulis" in text
    assert "mencatatkan 2 pengajuan PKWT untuk 3 orang pekerja" in text
    assert f"tidak melaporkan lowongan pekerjaan sejak {date_id(w['two_years'])}" in text
    assert "paling lambat 14 hari" in text
    assert "Kepala Dinas Tenaga Kerja Kabupaten Tangerang" in text and "a.n. Bupati Tangerang" in text

    hirer = _pdf_text(client.get(f"/laporan-lowongan/kepatuhan/{w['hirer'].id}/surat").data)
    assert "menerima 2 orang tenaga kerja melalui penempatan" in hirer and "tidak pernah melaporkan" in hirer
    assert client.get(f"/laporan-lowongan/kepatuhan/{w['reporter'].id}/surat").status_code == 404


def test_letter_days_follow_the_setting(app, client_as, compliance_world, monkeypatch):
    monkeypatch.setitem(app.config, "VACANCY_WARNING_REPORT_DAYS", 7)
    client = client_as("kadis")
    text = _pdf_text(client.get(f"/laporan-lowongan/kepatuhan/{compliance_world['quiet'].id}/surat").data)
    assert "paling lambat 7 hari" in text


# ---- the officer's path in Chromium --------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_officer_walks_reports_exports_and_compliance(people, world, compliance_world, width):  # noqa: F811
    """Pick the month, read the numbers, take the Karirhub export, open the compliance list, take a letter."""
    page = people(width, "laporan-lowongan")
    sign_in(page, "petugas.ak")
    page.goto("/laporan-lowongan/")
    page.fill("#bulan", MARCH)
    page.click("#bulan ~ button[type=submit]")
    page.wait_for_url(f"**/laporan-lowongan/?bulan={MARCH}")
    assert "Lowongan dilaporkan: 2 lowongan, 6 orang" in page.inner_text("body")
    page.shot("laporan")
    with page.expect_download() as download:
        page.click("text=Penempatan (3)")
    with open(download.value.path(), "rb") as exported:
        sheet = openpyxl.load_workbook(BytesIO(exported.read())).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["Nomor AK/I", "NIK", "Nama Lengkap"] and sheet.max_row == 4
    page.click("a.btn-link:has-text('Perusahaan tidak lapor lowongan')")
    page.wait_for_url("**/laporan-lowongan/kepatuhan/")
    assert compliance_world["quiet"].name in page.inner_text("#kepatuhan")
    page.shot("kepatuhan")
    with page.expect_download() as download:
        page.locator(f"tr[data-company='{compliance_world['quiet'].id}'] a.btn").click()
    with open(download.value.path(), "rb") as letter:
        assert compliance_world["quiet"].name in _pdf_text(letter.read())
