"""Batch PKWT submission from an XLSX file: template, row-by-row check with the screens' rules, storing all rows
as one submission or nothing, no duplicates on re-upload, clear refusals and tenancy."""
import io
import itertools
import random
import re
from datetime import date, timedelta

import openpyxl
import pytest

from tests.conftest import text_of, unique

_serials = itertools.count(random.Random().randint(1, 8000))
TODAY = date.today()
SIGNED = TODAY - timedelta(days=1)  # recent: not flagged late


def nik(birth: date, sex: str = "L") -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"360301{day:02d}{birth:%m%y}{next(_serials) % 9999 + 1:04d}"


def worker(**fields) -> dict:
    """A valid row, by field name; a fresh worker (NIK and start date) each time."""
    birth = fields.pop("birth_date", date(1985, 1, 1) + timedelta(days=random.randint(0, 5000)))
    sex = fields.pop("sex", "L")
    start = fields.pop("start_date", SIGNED)
    row = dict(nik=nik(birth, sex), full_name="Pekerja " + unique(), sex=sex, birth_date=birth,
               address="Kp. Cikupa RT 001", nationality="ID", position="Operator produksi",
               place_of_work="Pabrik Cikupa", wage=5_500_000, wage_payment="bulanan", kind="jangka_waktu",
               start_date=start, end_date=start + timedelta(days=364), signed_at=SIGNED)
    row.update(fields)
    return row


def xlsx(rows, headers=None) -> bytes:
    """An XLSX like an operator's: the template's headers (or others), NIK as text, dates as dates."""
    from app.contracts.batch import FIELDS

    headers = headers or {f.name: f.header for f in FIELDS}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headers.values()))
    for row in rows:
        sheet.append([row.get(name) for name in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, url, data: bytes, name="pkwt.xlsx", **kw):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data", **kw)


def counts(db, company=1):
    from app.contracts.models import PkwtContract, PkwtSubmission

    db.session.rollback()
    return (db.session.query(PkwtSubmission).filter_by(company_id=company).count(),
            db.session.query(PkwtContract).filter_by(company_id=company).count())


def report_rows(response) -> dict[int, str]:
    """Report table: Excel row number -> the text of its result cell."""
    html = response.get_data(as_text=True)
    rows = re.findall(r"<tr class=\"(?:success|danger)\">\s*<td>(\d+)</td>\s*<td>.*?</td>\s*<td>(.*?)</td>", html, re.S)
    return {int(n): " ".join(re.sub(r"<[^>]+>", " ", cell).split()) for n, cell in rows}


@pytest.fixture()
def previous_contract(db):
    """A stored contract of company 1 running 4 years, to extend past the 5-year limit."""
    from app.contracts import services
    from app.contracts.models import PkwtContract

    start = TODAY - timedelta(days=4 * 365 + 30)
    values = worker(start_date=start, end_date=start + timedelta(days=4 * 365), signed_at=start)
    submission = services.submit(1, [PkwtContract(**values)])
    db.session.commit()
    return submission.contracts[0]


def test_template_has_every_column_text_nik_lists_and_a_guide_sheet(client_as):
    from app.contracts.batch import FIELDS

    response = client_as("operator").get("/pkwt/batch/template")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Data PKWT", "Petunjuk"]
    data = book["Data PKWT"]
    assert [c.value for c in data[1]] == [f.header for f in FIELDS]
    assert "Jenis kelamin (L/P)" in [f.header for f in FIELDS] and len(FIELDS) == 17
    assert data.max_row == 1  # the example row is in "Petunjuk", not among the data
    assert data.column_dimensions["A"].number_format == "@"  # NIK as text: Excel keeps all 16 digits
    lists = {str(v.sqref)[:1]: v.formula1 for v in data.data_validations.dataValidation
             if v.type == "list"}
    assert lists["D"] == '"L,P"' and "jangka_waktu" in lists["L"]
    guide = " ".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value)
    assert "Budi Santoso" in guide and "3603011505900001" in guide


def test_report_shows_each_bad_row_and_nothing_is_stored(client_as, db, previous_contract):
    young = TODAY - timedelta(days=17 * 365)
    good = worker()
    rows = [
        good,                                                              # row 2
        worker(end_date=SIGNED - timedelta(days=10)),                      # 3: end before start
        worker(birth_date=young, nik=nik(young)),                          # 4: under 18
        worker(nik="1234"),                                                # 5: invalid NIK
        worker(nik=previous_contract.nik, birth_date=previous_contract.birth_date,   # 6: chain over 5 years
               start_date=previous_contract.end_date + timedelta(days=1),
               end_date=previous_contract.end_date + timedelta(days=2 * 365), previous_id=previous_contract.id),
        {**good, "full_name": "Ganda " + unique()},                        # 7: same NIK + start as row 2
        {**worker(), "sex": "X", "wage": "lima juta", "start_date": "31-02-2026"},  # 8: unreadable cells
        worker(signed_at=TODAY - timedelta(days=30)),                      # 9: valid, but late
    ]
    before = counts(db)
    client = client_as("operator")
    response = upload(client, "/pkwt/batch/check", xlsx(rows))
    assert response.status_code == 200
    report = report_rows(response)
    assert report[2] == "OK"
    assert "Tanggal berakhir harus sesudah tanggal mulai" in report[3]
    assert "di bawah 18 tahun" in report[4]
    assert "NIK tidak valid" in report[5]
    assert "melebihi 5 tahun" in report[6]
    assert "Data ganda dalam berkas" in report[7] and "baris 2" in report[7]
    assert "Jenis kelamin: isi L" in report[8] and "Upah per bulan: harus berupa bilangan" in report[8]
    assert "Tanggal mulai: tanggal tidak valid" in report[8]
    assert report[9].startswith("OK") and "terlambat dicatatkan" in report[9]
    page = text_of(response)
    assert "Tidak ada yang disimpan" in page and "Ajukan 8 PKWT" not in page
    assert counts(db) == before

    # No file is waiting for confirmation, and the same file sent with the confirmation is refused too.
    assert "Tidak ada berkas yang siap diajukan" in text_of(client.post("/pkwt/batch/store", follow_redirects=True))
    refused = text_of(upload(client, "/pkwt/batch/store", xlsx(rows), follow_redirects=True))
    assert "6 baris masih bermasalah (baris 3, 4, 5, 6, 7, 8)" in refused and "tidak ada yang disimpan" in refused
    assert counts(db) == before


def test_valid_file_is_one_submission_and_uploading_it_again_adds_nothing(client_as, db):
    from app.contracts.models import PkwtSubmission

    rows = [worker(), worker(sex="P", birth_date=date(1992, 3, 4)), worker(kind="selesai", end_date=date(2027, 6, 30),
                                                                          completion_criterion="Gudang B")]
    rows[1]["nik"] = nik(date(1992, 3, 4), "P")
    data = xlsx(rows)
    before = counts(db)
    client = client_as("operator")
    checked = upload(client, "/pkwt/batch/check", data)
    assert list(report_rows(checked).values()) == ["OK"] * 3 and "Ajukan 3 PKWT" in text_of(checked)
    assert counts(db) == before  # checking stores nothing

    stored = client.post("/pkwt/batch/store")
    assert stored.status_code == 302 and "/pkwtsubmissionview/show/" in stored.headers["Location"]
    pk = int(stored.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert counts(db) == (before[0] + 1, before[1] + 3)
    submission = db.session.get(PkwtSubmission, pk)
    assert submission.company_id == 1 and submission.source == "batch" and len(submission.source_sha256) == 64
    assert sorted(c.full_name for c in submission.contracts) == sorted(r["full_name"] for r in rows)
    assert "3 PKWT diajukan sebagai pengajuan" in text_of(client.get(stored.headers["Location"]))

    # The same file again: the report says so and offers no confirmation; storing leads to the first one.
    again = text_of(upload(client, "/pkwt/batch/check", data))
    assert f"sudah pernah diajukan sebagai pengajuan #{pk}" in again and "Ajukan 3 PKWT" not in again
    repeat = upload(client, "/pkwt/batch/store", data)
    assert repeat.headers["Location"].endswith(f"/pkwtsubmissionview/show/{pk}")
    assert f"sudah pernah diajukan sebagai pengajuan #{pk}" in text_of(client.get(repeat.headers["Location"]))
    # A copy saved differently (other bytes, lower-case headers) holds the same contracts: refused per row.
    headers = {name: header.lower() for name, header in _headers().items()}
    copy = upload(client, "/pkwt/batch/check", xlsx(rows, headers))
    assert all(f"sudah diajukan (pengajuan #{pk})" in result for result in report_rows(copy).values())
    upload(client, "/pkwt/batch/store", xlsx(rows, headers))
    assert counts(db) == (before[0] + 1, before[1] + 3)

    # Tenancy: another company's operator does not reach the submission or its contracts.
    other = client_as("operator2")
    assert other.get(f"/pkwtsubmissionview/show/{pk}").status_code == 404
    assert other.get(f"/pkwtcontractview/show/{submission.contracts[0].id}").status_code == 404


def _headers():
    from app.contracts.batch import FIELDS

    return {f.name: f.header for f in FIELDS}


@pytest.mark.parametrize("content, name, message", [
    (b"%PDF-1.4 bukan excel", "pkwt.xlsx", "Berkas harus berformat XLSX"),
    (b"NIK;Nama\n3603011505900001;Budi\n", "pkwt.csv", "Berkas harus berformat XLSX"),
])
def test_a_file_that_is_not_xlsx_gets_a_clear_message(client_as, content, name, message):
    response = upload(client_as("operator"), "/pkwt/batch/check", content, name)
    assert response.status_code == 200 and message in text_of(response)


def test_files_without_required_columns_or_rows_are_refused(client_as, db):
    client = client_as("operator")
    headers = {k: v for k, v in _headers().items() if k not in ("full_name", "signed_at")}
    page = text_of(upload(client, "/pkwt/batch/check", xlsx([worker()], headers)))
    assert "Kolom wajib tidak ditemukan" in page and "Nama pekerja, Tanggal ditandatangani" in page
    assert "tidak memuat baris data" in text_of(upload(client, "/pkwt/batch/check", xlsx([{}, {}])))
    from app.contracts.batch import parse_batch
    from app.core.validation import DomainError

    with pytest.raises(DomainError, match="bukan XLSX"):
        parse_batch(b"PK\x03\x04 rusak")


def test_cells_are_read_tolerantly(ctx, monkeypatch):
    """Headers in any case and spacing, dates as text, wages with thousands dots, a NIK Excel made a number
    but shows in full; a NIK shown in scientific notation has lost digits and is refused."""
    from app.contracts.batch import parse_batch
    from app.core.validation import DomainError

    first, second, third = worker(), worker(), worker()
    headers = {name: "  " + header.upper().replace(" ", "  ") for name, header in _headers().items()}
    first.update(start_date=SIGNED.strftime("%d-%m-%Y"), end_date=(SIGNED + timedelta(days=90)).isoformat(),
                 wage="Rp 5.500.000", kind="Jangka Waktu", sex="perempuan" if first["sex"] == "P" else "L")
    data = xlsx([first, second, third], headers)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    sheet["A3"].value, sheet["A3"].number_format = int(second["nik"]), "0"  # a number, shown in full
    sheet["A4"].value = int(third["nik"])  # General format: Excel shows 3,60301E+15
    buffer = io.BytesIO()
    book.save(buffer)
    results = parse_batch(buffer.getvalue())
    assert results[0].ok and results[0].contract.wage == 5_500_000 and results[0].contract.start_date == SIGNED
    assert results[0].contract.end_date == SIGNED + timedelta(days=90)
    assert results[1].ok and results[1].contract.nik == second["nik"]
    assert len(results[2].errors) == 1 and "berformat ilmiah" in results[2].errors[0]
    assert parse_batch(xlsx([{**third, "nik": "3.60301E+15"}]))[0].errors == [
        "NIK: tertulis sebagai angka berformat ilmiah (mis. 3,60301E+15) sehingga digit terakhirnya hilang. Format "
        "kolom NIK sebagai Teks lalu ketik ulang NIK."]

    monkeypatch.setitem(ctx.config, "PKWT_BATCH_MAX_ROWS", 2)
    with pytest.raises(DomainError, match="lebih dari 2 baris"):
        parse_batch(data)


def test_only_company_operators_upload(client_as, db):
    officer = client_as("petugas.hi")
    assert "dilakukan oleh operator perusahaan" in text_of(officer.get("/pkwt/batch/"))
    before = counts(db)
    assert "dilakukan oleh operator perusahaan" in text_of(
        upload(officer, "/pkwt/batch/check", xlsx([worker()]), follow_redirects=True))
    assert counts(db) == before
    assert client_as("pencaker").get("/pkwt/batch/").status_code in (302, 403)
    page = text_of(client_as("operator").get("/pkwt/batch/"))
    assert "Unduh template XLSX" in page and "Periksa berkas" in page and "Unggah PKWT (Excel)" in page


def _with_empty_rows(data: bytes, empty: int, last_text: str) -> bytes:
    """The file with `empty` empty rows after its data (as Excel writes a column formatted down to the end of the
    sheet) and one more row holding `last_text` after them: a few MB zipped, a million rows to read."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = "xl/worksheets/sheet1.xml"
    xml = source.read(sheet).decode()
    first = int(re.findall(r'<row r="(\d+)"', xml)[-1]) + 1
    last = first + empty
    rows = "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(first, last))
    rows += f'<row r="{last}"><c r="A{last}" t="inlineStr"><is><t>{last_text}</t></is></c></row>'
    xml = re.sub(r'(<dimension ref="A1:[A-Z]+)\d+', rf"\g<1>{last}", xml)
    xml = xml.replace("</sheetData>", rows + "</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == sheet else source.read(item))
    return out.getvalue()


def _checked_in_background(app, client, data):
    """Upload a large file: the check is a job with a progress page; its report is one link away."""
    from tests.conftest import drain_jobs

    response = upload(client, "/pkwt/batch/check", data)
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_id = response.headers["Location"].split("/jobs/")[1].split("/")[0]
    assert client.get(f"/jobs/{job_id}/progress").status_code == 200
    drain_jobs(app)
    status = client.get(f"/jobs/{job_id}").get_json()
    assert status["status"] == "finished" and status["result"]["url"] == f"/pkwt/batch/hasil/{job_id}"
    return client.get(status["result"]["url"])


def test_a_million_empty_rows_stop_the_reading_at_the_first_long_empty_run(app, client_as, db):
    import time

    from app.contracts.batch import EMPTY_RUN_LIMIT, parse_batch

    data = _with_empty_rows(xlsx([worker()]), 1_000_000, "3603010101850001")
    assert len(data) > 1_000_000  # the size of the file that tied a worker up
    started = time.monotonic()
    assert [r.row for r in parse_batch(data)] == [2]  # the row after the empty run is not read
    assert time.monotonic() - started < 5  # it took 15 s
    response = _checked_in_background(app, client_as("operator"), data)
    assert response.status_code == 200
    assert list(report_rows(response)) == [2]
    assert f"Pembacaan berhenti di baris {2 + EMPTY_RUN_LIMIT}" in text_of(response)


def test_a_large_file_is_checked_in_the_background_then_stored(app, client_as, db):
    from app.contracts.batch_views import BACKGROUND_BYTES

    rows = [worker() for _ in range(800)]
    data = xlsx(rows)
    assert len(data) > BACKGROUND_BYTES
    client = client_as("operator")
    before = counts(db)
    report = _checked_in_background(app, client, data)
    assert len(report_rows(report)) == 800 and "800 baris data: 800 benar" in text_of(report)
    assert counts(db) == before  # a check stores nothing
    stored = client.post("/pkwt/batch/store")
    assert stored.status_code == 302 and "/pkwtsubmissionview/show/" in stored.headers["Location"]
    assert counts(db) == (before[0] + 1, before[1] + 800)
    # another operator cannot read this report
    assert client_as("operator2").get(report.request.path).status_code in (403, 404)
