"""The report registry and archive (issue 11 part 3): each declared report generated into the archive with the
size and SHA-256 of its stored files; the same period twice gives the archived files, "buat ulang" new ones
(the old kept, marked replaced); the scheduler's run twice gives one file per report; two generations at the
same moment give one (PostgreSQL); a failed or abandoned generation shows as failed with a retry; who sees and
downloads what.

The archive is shared by the tests: each test uses months of its own (1971–1979), no one else's."""
import hashlib
import os
import threading
import time
from datetime import date, datetime, timezone
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from tests.conftest import ADMIN_PASSWORD, drain_jobs, text_of
from tests.test_browser import base_url, browser, expect, shots  # noqa: F401 (fixtures of the Chromium walk)
from tests.test_journeys import people, sign_in  # noqa: F401

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
BUILT_IN = ("lowongan_bulanan", "penempatan_bulanan", "ak1_terbit", "rekap_pkwt")


@pytest.fixture()
def in_process(app, monkeypatch):
    """Jobs run at once in this process (no Redis needed): a POST's job is done when the response comes."""
    monkeypatch.setitem(app.config, "REDIS_URL", None)


def _generations(db, key, period):
    from app.reporting.archive import ReportGeneration

    db.session.expire_all()
    return db.session.query(ReportGeneration).filter_by(report_key=key, period=period).order_by(
        ReportGeneration.id).all()


def _bytes(stored):
    from app.core.files import open_file

    with open_file(stored) as handle:
        return handle.read()


def _pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _xlsx_text(content):
    book = openpyxl.load_workbook(BytesIO(content))
    return " ".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                    for cell in row if cell is not None)


# ---- a report declared for these tests only -----------------------------------------------------------------

CALLS = []


def slow_files(month):
    """A generator that takes a while, so that two generations overlap."""
    CALLS.append(month.value)
    time.sleep(0.6)
    return [(f"uji-{month.value}.txt", "text/plain", f"Uji {month.label} {time.time()}".encode())]


def failing_files(month):
    raise RuntimeError("data sumber rusak")


@pytest.fixture()
def test_report(monkeypatch):
    """Declare `key` → generator (in this module) for one test; the resource is the vacancy report's."""
    from app.core import files
    from app.reporting import registry

    def declare(key, generator):
        declaration = registry.ReportDeclaration(key, "Laporan Uji", "VacancyReport",
                                                 f"tests.test_report_registry.{generator}")
        monkeypatch.setitem(registry.REPORTS, key, declaration)
        monkeypatch.setitem(files.KIND_RESOURCES, declaration.file_kind, declaration.resource)
        return declaration

    return declare


# ---- declarations ----------------------------------------------------------------------------------------------

def test_every_report_is_declared_once_with_a_resource_some_office_role_reads(app):
    from app.core.files import KIND_RESOURCES
    from app.reporting import registry
    from app.security import roles as R

    assert set(BUILT_IN) | {"ipk", "ipk_nasional"} <= set(registry.REPORTS)
    assert {key: registry.get(key).resource for key in (*BUILT_IN, "ipk")} == {
        "lowongan_bulanan": "VacancyReport", "penempatan_bulanan": "VacancyReport", "ak1_terbit": "Ak1Queue",
        "rekap_pkwt": "PkwtRecap", "ipk": "IpkReport"}
    assert registry.get("ipk").generator == "app.reporting.ipk.documents.ipk_files"  # the ipk helper's module
    for declaration in registry.REPORTS.values():
        assert declaration.period == "month" and declaration.scheduled
        assert KIND_RESOURCES[declaration.file_kind] == declaration.resource  # /files/<id> checks the reader
        assert any(R.allows(role, "read", declaration.resource) for role in R.STAFF_ROLES - {R.ADMIN})
        assert not any(R.allows(role, "read", declaration.resource) for role in (R.OPERATOR, R.PENCARI_KERJA))
    assert {d.key for d in registry.offered()} >= set(BUILT_IN)


def test_the_scheduler_runs_on_the_first_at_one_in_the_morning_jakarta_time():
    from croniter import croniter

    from app.core.formatting import JAKARTA
    from app.tasks.schedule import SCHEDULE

    (cron,) = [cron for cron, path in SCHEDULE if path == "app.reporting.archive.generate_scheduled"]
    runs = croniter(cron, datetime(2026, 1, 15, tzinfo=timezone.utc))
    local = [runs.get_next(datetime).astimezone(JAKARTA) for _ in range(3)]  # February has 28 days in 2026
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [(2, 1, 1, 0), (3, 1, 1, 0), (4, 1, 1, 0)]


# ---- generation and archive ------------------------------------------------------------------------------------

@pytest.mark.parametrize("key,month,title", [
    ("lowongan_bulanan", "1971-01", "Laporan Bulanan Lowongan Kerja — Januari 1971"),
    ("penempatan_bulanan", "1971-02", "Laporan Bulanan Penempatan Tenaga Kerja — Februari 1971"),
    ("ak1_terbit", "1971-03", "Laporan Bulanan Kartu AK/I Terbit — Maret 1971"),
    ("rekap_pkwt", "1971-04", "Rekap Pencatatan PKWT — April 1971"),
])
def test_a_generation_archives_a_pdf_and_an_xlsx_with_their_size_and_sha256(db, in_process, key, month, title):
    from app.reporting.archive import generate

    result = generate(key, month)

    (generation,) = _generations(db, key, month)
    assert (generation.status, generation.requested_by_id, result["generation_id"]) == ("done", None, generation.id)
    assert sorted(f.format for f in generation.files) == ["pdf", "xlsx"]
    for archived in generation.files:
        stored = archived.stored_file
        content = _bytes(stored)
        assert (stored.size, stored.sha256) == (len(content), hashlib.sha256(content).hexdigest())
        assert stored.kind == f"report:{key}"
        assert stored.original_name.endswith(f"{month}.{archived.format}")
        text = _pdf_text(content) if archived.format == "pdf" else _xlsx_text(content)
        assert title in text  # the file opens and names its month


def test_the_ipk_set_and_its_national_export_are_archived_through_the_registry(db, in_process):
    """The IPK forms (app/reporting/ipk) reach the archive like every report: the whole set as one PDF and one
    XLSX with a sheet per form, and the national export's flat columns."""
    from openpyxl import load_workbook

    from app.reporting.archive import generate

    generate("ipk", "1971-05")
    generate("ipk_nasional", "1971-05")
    (ipk,) = _generations(db, "ipk", "1971-05")
    files = {f.format: _bytes(f.stored_file) for f in ipk.files}
    assert sorted(files) == ["pdf", "xlsx"]
    text = _pdf_text(files["pdf"])
    assert "Mei 1971" in text and all(f"III/{n}" in text for n in range(1, 9)) and "Mengetahui" in text
    assert len(load_workbook(BytesIO(files["xlsx"])).sheetnames) == 8
    (national,) = _generations(db, "ipk_nasional", "1971-05")
    (only,) = national.files
    sheet = load_workbook(BytesIO(_bytes(only.stored_file))).active
    assert [c.value for c in sheet[1]][:4] == ["kode_form", "kode_baris", "uraian", "jenis_kelamin"]
    assert sheet.max_row > 100  # every form × row × sex, zeros included


def test_the_same_month_twice_gives_the_archived_files_and_buat_ulang_new_ones(db, in_process):
    from app.reporting.archive import generate

    first = generate("lowongan_bulanan", "1972-01")
    again = generate("lowongan_bulanan", "1972-01")
    assert again["archived"] and again["generation_id"] == first["generation_id"]
    (only,) = _generations(db, "lowongan_bulanan", "1972-01")
    old_files = {f.stored_file_id for f in only.files}

    redone = generate("lowongan_bulanan", "1972-01", regenerate=True)

    old, new = _generations(db, "lowongan_bulanan", "1972-01")
    assert (old.status, new.status, new.id) == ("replaced", "done", redone["generation_id"])
    assert old.replaced_at is not None and {f.stored_file_id for f in old.files} == old_files  # kept
    assert not old_files & {f.stored_file_id for f in new.files}
    assert generate("lowongan_bulanan", "1972-01")["generation_id"] == new.id  # the newest is the archive now


def test_the_scheduler_started_twice_makes_one_file_set_per_report(db, in_process):
    from app.reporting import registry
    from app.reporting.archive import generate_scheduled

    first = generate_scheduled("1973-01")
    second = generate_scheduled("1973-01")

    assert first["reports"] == second["reports"] == [d.key for d in registry.offered()]
    for key in BUILT_IN:
        (generation,) = _generations(db, key, "1973-01")
        assert generation.status == "done" and len(generation.files) == 2
        assert generation.requested_by_id is None  # shown as "Penjadwal"


def test_the_scheduler_makes_last_month_in_jakarta_time(db, in_process, monkeypatch):
    import time_machine

    from app.reporting import archive

    made = []
    monkeypatch.setattr("app.tasks.enqueue", lambda path, key, period, *args: made.append((key, period)))
    with time_machine.travel(datetime(2026, 2, 28, 18, 0, tzinfo=timezone.utc), tick=False):  # 1 Mar 01:00 WIB
        result = archive.generate_scheduled()
    assert result["period"] == "2026-02" and ("lowongan_bulanan", "2026-02") in made


@pytest.mark.skipif(not ON_POSTGRES, reason="row locks and concurrent writers: PostgreSQL (TEST_DATABASE_URL)")
def test_two_generations_at_the_same_moment_make_one_file(app, db, test_report):
    from app.reporting.archive import generate

    test_report("uji_serentak", "slow_files")
    CALLS.clear()
    barrier, results, errors = threading.Barrier(3), [], []

    def run():
        with app.app_context():
            barrier.wait()
            try:
                results.append(generate("uji_serentak", "1974-01"))
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(3)]
    [t.start() for t in threads]
    [t.join(timeout=60) for t in threads]

    assert not errors and len(results) == 3
    assert CALLS == ["1974-01"]  # drawn once
    (generation,) = _generations(db, "uji_serentak", "1974-01")
    assert generation.status == "done" and len(generation.files) == 1
    assert sum(1 for r in results if r.get("busy") or r.get("archived")) == 2


def test_a_failed_generation_is_kept_as_failed_with_its_reason_and_can_be_retried(app, db, in_process, test_report,
                                                                                  client_as):
    from app.reporting.archive import generate

    test_report("uji_gagal", "failing_files")
    with pytest.raises(RuntimeError):
        generate("uji_gagal", "1975-01")
    (failed,) = _generations(db, "uji_gagal", "1975-01")
    assert failed.status == "failed" and "data sumber rusak" in failed.error and not failed.files

    page = client_as("petugas.ak").get("/arsip-laporan/?laporan=uji_gagal")
    row = text_of(page)
    assert page.status_code == 200 and "Gagal" in row and "Coba lagi" in row


def test_a_generation_whose_worker_died_reads_failed_and_the_next_one_takes_over(app, db, in_process,
                                                                                 test_report, client_as):
    from app.core.models import utcnow
    from app.reporting.archive import ReportGeneration, generate, parameters_key

    test_report("uji_terhenti", "slow_files")
    dead = ReportGeneration(report_key="uji_terhenti", period="1975-02", parameters="{}",
                            parameters_key=parameters_key("{}"), status="running", job_id="pekerja-mati",
                            started_at=utcnow())
    db.session.add(dead)
    db.session.commit()

    officer = client_as("petugas.ak")
    page = officer.get("/arsip-laporan/?laporan=uji_terhenti&bulan=1975-02")
    assert 'data-status="failed"' in page.get_data(as_text=True) and "Coba lagi" in text_of(page)
    retried = officer.post("/arsip-laporan/buat", data={"laporan": "uji_terhenti", "bulan": "1975-02",
                                                       "buat_ulang": "1"})
    assert retried.status_code == 302 and "/jobs/" in retried.headers["Location"]

    old, new = _generations(db, "uji_terhenti", "1975-02")
    assert (old.status, new.status, len(new.files)) == ("failed", "done", 1)
    assert generate("uji_terhenti", "1975-02")["generation_id"] == new.id


def test_a_job_run_again_after_its_worker_died_takes_its_own_row_back(db, in_process, test_report, monkeypatch):
    """RQ runs a job whose worker died again under the same id: its running row is reused, not doubled."""
    from types import SimpleNamespace

    from app.core.models import utcnow
    from app.reporting.archive import ReportGeneration, generate, parameters_key

    test_report("uji_ulang", "slow_files")
    db.session.add(ReportGeneration(report_key="uji_ulang", period="1975-03", parameters="{}",
                                    parameters_key=parameters_key("{}"), status="running", job_id="pekerjaan-1",
                                    started_at=utcnow()))
    db.session.commit()
    monkeypatch.setattr("rq.get_current_job", lambda: SimpleNamespace(id="pekerjaan-1"))

    generate("uji_ulang", "1975-03")

    (generation,) = _generations(db, "uji_ulang", "1975-03")
    assert (generation.status, generation.job_id, len(generation.files)) == ("done", "pekerjaan-1", 1)


# ---- the AK-1 issued report's numbers ----------------------------------------------------------------------------

def test_the_ak1_issued_report_counts_cards_in_force_in_the_month_by_type_sex_kecamatan_education(db, in_process):
    from app.reference.models import EducationLevel, Region
    from app.reporting.ak1_issued import ak1_issued_report
    from app.reporting.tables import Month
    from app.seekers.models import Ak1Card
    from tests.seekers_support import make_seeker

    kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).first()
    level = db.session.query(EducationLevel).order_by(EducationLevel.sort_order).first()
    seeker = make_seeker(db, account=False, complete=False)
    cards = [("baru", "L", date(1976, 5, 1)), ("baru", "P", date(1976, 5, 31)), ("perbaikan", "P", date(1976, 5, 9)),
             ("perpanjangan", "L", date(1976, 5, 20)), ("baru", "L", date(1976, 6, 1)),  # June: not counted
             ("baru", "L", date(1976, 4, 30))]  # April: not counted
    for kind, sex, on in cards:
        db.session.add(Ak1Card(job_seeker_id=seeker.id, application_type=kind, status="issued", issued_at=on,
                               ipk_from=on, ipk_sex=sex, ipk_kecamatan_code=kecamatan.code,
                               ipk_education_code=level.ipk_code, ipk_birth_date=seeker.birth_date,
                               expired_at=on.replace(year=on.year + 2)))  # out of every later month's register
    db.session.commit()

    report = ak1_issued_report(Month(1976, 5))
    assert report.table("jenis").rows == [("Baru", [1, 1, 2]), ("Perbaikan", [0, 1, 1]),
                                          ("Perpanjangan", [1, 0, 1])]
    assert report.table("jenis").totals == [2, 2, 4]
    assert report.table("kecamatan").row(kecamatan.name) == [2, 2, 4]
    assert len(report.table("kecamatan").rows) >= 29  # every kecamatan, zeros included
    assert report.table("pendidikan").row(f"{level.ipk_code} — {level.name}") == [2, 2, 4]
    assert "4 kartu — laki-laki 2, perempuan 2" in report.summary[0]


# ---- screens and roles -----------------------------------------------------------------------------------------

def test_an_officer_makes_a_report_from_the_screen_follows_its_job_and_downloads_it(app, db, in_process, client_as):
    officer = client_as("petugas.ak")
    made = officer.post("/arsip-laporan/buat", data={"laporan": "penempatan_bulanan", "bulan": "1977-03"})
    assert made.status_code == 302 and made.headers["Location"].endswith("/progress")
    job_id = made.headers["Location"].rstrip("/").split("/")[-2]
    status = officer.get(f"/jobs/{job_id}").get_json()
    assert status["status"] == "finished"
    assert status["result"]["url"] == "/arsip-laporan/?laporan=penempatan_bulanan&bulan=1977-03"

    archive_page = officer.get(status["result"]["url"])
    page = text_of(archive_page)
    assert "Laporan Bulanan Penempatan Tenaga Kerja" in page and "Maret 1977" in page and "Siti Rahmawati" in page
    assert "Terbaru" in page and " WIB" in page and "KB" in page  # status, when, human-readable size
    (generation,) = _generations(db, "penempatan_bulanan", "1977-03")
    pdf = next(f for f in generation.files if f.format == "pdf")
    assert pdf.stored_file.sha256[:12] in page
    assert f'title="{pdf.stored_file.sha256}"' in archive_page.get_data(as_text=True)  # the full one on hover
    download = officer.get(f"/arsip-laporan/berkas/{pdf.id}")
    assert download.status_code == 200 and download.data == _bytes(pdf.stored_file)
    assert "Maret 1977" in _pdf_text(download.data)

    again = officer.post("/arsip-laporan/buat", data={"laporan": "penempatan_bulanan", "bulan": "1977-03"},
                         follow_redirects=True)
    assert "sudah ada di arsip" in text_of(again) and len(_generations(db, "penempatan_bulanan", "1977-03")) == 1
    officer.post("/arsip-laporan/buat", data={"laporan": "penempatan_bulanan", "bulan": "1977-03",
                                              "buat_ulang": "1"})
    assert [g.status for g in _generations(db, "penempatan_bulanan", "1977-03")] == ["replaced", "done"]
    assert "Digantikan" in text_of(officer.get("/arsip-laporan/?laporan=penempatan_bulanan&bulan=1977-03"))


@pytest.mark.parametrize("data,message", [
    ({"laporan": "lowongan_bulanan", "bulan": "bukan-bulan"}, "Bulan tidak valid"),
    ({"laporan": "lowongan_bulanan", "bulan": "2999-12"}, "belum berakhir"),
    ({"laporan": "tidak_ada", "bulan": "1977-01"}, "Laporan tidak dikenal"),
    ({"laporan": "lowongan_bulanan"}, "Bulan tidak valid"),
])
def test_bad_input_gets_a_message_and_400(client_as, in_process, data, message):
    response = client_as("petugas.ak").post("/arsip-laporan/buat", data=data)
    assert response.status_code == 400 and message in text_of(response)


def test_bad_filters_get_a_message_and_400(client_as):
    officer = client_as("petugas.ak")
    assert officer.get("/arsip-laporan/?bulan=13-2026").status_code == 400
    assert officer.get("/arsip-laporan/?laporan=rekap_pkwt").status_code == 400  # not a report they read
    assert officer.get("/arsip-laporan/?halaman=abc").status_code == 200


@pytest.fixture()
def archived(db, in_process):
    """Archived files of a vacancy report, a PKWT recap and an AK-1 issued report, 1978."""
    from app.reporting.archive import generate

    found = {}
    for key, month in (("lowongan_bulanan", "1978-01"), ("rekap_pkwt", "1978-02"), ("ak1_terbit", "1978-03")):
        generate(key, month)
        (generation,) = _generations(db, key, month)
        found[key] = generation.files[0].id, generation.files[0].stored_file_id
    return found


def test_each_role_sees_and_downloads_only_the_reports_it_may_read(app, client_as, archived):
    readers = {"petugas.ak": {"lowongan_bulanan", "ak1_terbit"}, "petugas.hi": {"rekap_pkwt"},
               "kadis": {"lowongan_bulanan", "ak1_terbit", "rekap_pkwt"},
               "admin": {"lowongan_bulanan", "ak1_terbit", "rekap_pkwt"}}
    titles = {"lowongan_bulanan": "Laporan Bulanan Lowongan Kerja", "rekap_pkwt": "Rekap Bulanan Pencatatan PKWT",
              "ak1_terbit": "Laporan Bulanan Kartu AK/I Terbit"}
    for username, may in readers.items():
        client = client_as(username, ADMIN_PASSWORD) if username == "admin" else client_as(username)
        page = client.get("/arsip-laporan/?bulan=")
        assert page.status_code == 200, username
        for key, (file_id, stored_id) in archived.items():
            assert (f'id="buat-{key}"' in page.get_data(as_text=True)) == (key in may), (username, key)
            assert (titles[key] in text_of(page)) == (key in may), (username, key)
            expected = 200 if key in may else 404  # another report's file: not found, as another's row
            assert client.get(f"/arsip-laporan/berkas/{file_id}").status_code == expected, (username, key)
            assert (client.get(f"/files/{stored_id}").status_code == 200) == (key in may), (username, key)
    hi = client_as("petugas.hi")
    assert hi.post("/arsip-laporan/buat", data={"laporan": "lowongan_bulanan", "bulan": "1978-01"}).status_code == 403


@pytest.mark.parametrize("username", ["pengawas", "operator", "pencaker"])
def test_supervisors_operators_and_job_seekers_get_no_archive_and_403_on_its_files(client_as, archived, username):
    client = client_as(username)
    assert client.get("/arsip-laporan/").status_code == 403
    assert client.post("/arsip-laporan/buat", data={"laporan": "ak1_terbit", "bulan": "1978-03"}).status_code == 403
    for file_id, stored_id in archived.values():
        assert client.get(f"/arsip-laporan/berkas/{file_id}").status_code == 403
        assert client.get(f"/files/{stored_id}").status_code in (403, 404)  # the file route denies too
    assert "Arsip Laporan" not in text_of(client.get("/"))


# ---- the officer's path in Chromium ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width,month,label", [(1366, "1979-01", "Januari 1979"), (390, "1979-02", "Februari 1979")])
def test_officer_makes_a_report_watches_it_and_downloads_it_from_the_archive(app, people, width, month,  # noqa: F811
                                                                             label):
    """Pick the month, "Buat", watch the progress page, open the archive, read the hash, download the PDF."""
    page = people(width, "arsip-laporan")
    sign_in(page, "petugas.ak")
    page.goto("/arsip-laporan/")
    assert "Rekap Bulanan Pencatatan PKWT" not in page.inner_text("body")  # not theirs
    page.shot("buat")
    form = page.locator("#buat-ak1_terbit")
    form.locator("input[name=bulan]").fill(month)
    form.locator("button:not([name=buat_ulang])").click()
    page.wait_for_url("**/jobs/*/progress")
    drain_jobs(app)  # with Redis (TEST_REDIS_URL), a worker takes the job now; in-process it has run already
    expect(page.locator("#job-state")).to_have_text("Selesai.")
    page.wait_for_timeout(700)  # the bar's width transition
    page.shot("proses")
    page.get_by_role("link", name="Buka arsip laporan").click()
    page.wait_for_url(f"**/arsip-laporan/?laporan=ak1_terbit&bulan={month}")
    row = page.locator("#arsip-laporan tbody tr").first
    assert label in row.inner_text() and "Siti Rahmawati" in row.inner_text() and "Terbaru" in row.inner_text()
    page.locator("#arsip-laporan details.sha summary").first.click()  # the whole SHA-256, on a tap
    expect(page.locator("#arsip-laporan .sha-full").first).to_be_visible()
    page.shot("arsip")
    with page.expect_download() as download:
        page.locator("#arsip-laporan a.download", has_text="PDF").first.click()
    with open(download.value.path(), "rb") as pdf:
        assert f"Laporan Bulanan Kartu AK/I Terbit — {label}" in _pdf_text(pdf.read())
    # "Buat" again: the archive answers, with a word on "Buat ulang"
    page.goto("/arsip-laporan/")
    form = page.locator("#buat-ak1_terbit")
    form.locator("input[name=bulan]").fill(month)
    form.locator("button:not([name=buat_ulang])").click()
    page.wait_for_url(f"**/arsip-laporan/?laporan=ak1_terbit&bulan={month}")
    assert "sudah ada di arsip" in page.inner_text("body")
    page.shot("sudah-ada")
