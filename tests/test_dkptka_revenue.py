"""The treasurer's DKPTKA revenue per month (issue 12 part 5): hand-built payments in 2037, a year no other test
uses (received on different days, one at 23:30 WIB on a month's last day, one ten minutes into the next month,
returned, rejected, validated, received the year before and after), every cell of the page, of the XLSX (values
and formulas) and the PDF text; the registry's generator; who may read it; the treasurer's home button; the page
at 1366 and 390 px."""
import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import ADMIN_PASSWORD, text_of, unique
from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401 (fixtures)

YEAR = 2037
WIB = timezone(timedelta(hours=7))
MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember"]
# Per month: received, USD, rupiah, validated, validated rupiah, rejected, returned by the treasurer.
EXPECTED = {1: [2, 1800, 29_250_300, 2, 29_250_300, 0, 0], 2: [1, 2400, 39_001_200, 0, 0, 0, 0],
            3: [1, 100, 1_625_050, 0, 0, 1, 1], 4: [0, 0, 0, 0, 0, 0, 1], 5: [1, 1200, 19_500_000, 1, 19_500_000, 0, 0]}
ROWS = [EXPECTED.get(m, [0] * 7) for m in range(1, 13)]
TOTALS = [5, 5500, 89_376_550, 3, 48_750_300, 1, 2]


def wib(*parts):
    return datetime(*parts, tzinfo=WIB).astimezone(UTC)


@pytest.fixture(scope="module")
def payments(app):
    """One worker of the demo operator's company and its payments in and around 2037; removed at the end."""
    from app.core.workflow import TransitionLog, decide
    from app.extensions import db
    from app.foreign_workers import services
    from app.foreign_workers.models import ForeignWorker
    from app.foreign_workers.payments import DkptkaPayment
    from app.reference.models import Region

    with app.app_context():
        company_id = app.appbuilder.sm.find_user(username="operator").company_id
        kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).first()
        worker = ForeignWorker(company_id=company_id, full_name="Pendapatan " + unique(), sex="L",
                               birth_date=date(1980, 1, 1), nationality="CN", passport_number=unique("E"),
                               position="Ahli", rptka_number="B.3/2037/PK", rptka_start=date(2037, 1, 1),
                               rptka_end=date(2037, 12, 31))
        services.set_locations(worker, [services.Place(kecamatan_code=kecamatan.code)])
        db.session.add(worker)
        db.session.flush()

        def pay(usd, idr, status, received=None, validated=None):
            payment = DkptkaPayment(
                company_id=company_id, worker_id=worker.id, rptka_number="B.3/2037/PK", rptka_start=date(2037, 1, 1),
                rptka_end=date(2037, 12, 31), months=usd // 100, positions=1, usd_amount=usd,
                exchange_rate=Decimal("16250.5"), rate_date=date(2036, 12, 1), idr_amount=idr,
                billing_code="2037" + unique(), bank_reference="BJB-" + unique(), status=status,
                submitted_at=wib(2036, 12, 1, 9), received_at=received, validated_at=validated)
            db.session.add(payment)
            db.session.flush()
            return payment

        pay(1200, 19_500_000, "validated", wib(2037, 1, 10, 10), wib(2037, 1, 11, 9))
        pay(600, 9_750_300, "validated", wib(2037, 1, 31, 23, 30), wib(2037, 2, 2, 9))  # 23:30 WIB: still January
        pay(2400, 39_001_200, "received", wib(2037, 2, 1, 0, 10))  # 17:10 UTC on 31 January: February
        pay(100, 1_625_050, "rejected", wib(2037, 3, 15, 14))
        pay(300, 4_875_150, "submitted")  # not received: no revenue
        pay(500, 8_125_250, "validated", wib(2036, 12, 31, 23, 59), wib(2037, 1, 2, 9))  # the year before
        pay(700, 11_375_350, "received", wib(2038, 1, 1, 0, 0))  # the year after
        back = pay(300, 4_875_150, "submitted")
        decide(back, "return", reason="belum_masuk", note="Belum masuk", at=wib(2037, 3, 31, 23, 45))  # March
        again = pay(1200, 19_500_000, "submitted")
        decide(again, "return", reason="jumlah_berbeda", note="Kurang", at=wib(2037, 4, 1, 7))  # April
        # corrected, then received in May and validated
        again.status, again.received_at, again.validated_at = "validated", wib(2037, 5, 2, 8), wib(2037, 5, 3, 8)
        db.session.commit()
        worker_id = worker.id
    yield worker_id
    with app.app_context():
        made = [p for (p,) in db.session.query(DkptkaPayment.id).filter_by(worker_id=worker_id)]
        db.session.query(TransitionLog).filter(TransitionLog.table_name == "dkptka_payment",
                                               TransitionLog.row_id.in_([str(p) for p in made])).delete(
            synchronize_session=False)
        db.session.query(DkptkaPayment).filter_by(worker_id=worker_id).delete(synchronize_session=False)
        db.session.delete(db.session.get(ForeignWorker, worker_id))
        db.session.commit()


class _Cells(HTMLParser):
    """The text of every cell of the table #pendapatan-bulan, row by row."""

    def __init__(self):
        super().__init__()
        self.rows, self.inside, self.cell = [], False, None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("id", "pendapatan-bulan") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def dotted(value):
    return f"{value:,}".replace(",", ".")


def test_report_numbers(app, payments):
    from app.foreign_workers.revenue import revenue_report

    with app.app_context():
        report = revenue_report(YEAR)
    (table,) = report.tables
    assert [label for label, _values in table.rows] == MONTH_NAMES
    assert [values for _label, values in table.rows] == ROWS
    assert table.totals == TOTALS
    assert report.title == "Pendapatan DKPTKA per Bulan — Tahun 2037"
    assert report.summary == [
        "Dana DKPTKA diterima di kas daerah, Tahun 2037: 5 pembayaran, Rp89.376.550 (USD 5.500).",
        "Tervalidasi: 3 pembayaran, Rp48.750.300; ditolak: 1; dikembalikan bendahara: 2."]


def test_page_every_cell(client_as, payments):
    response = client_as("bendahara").get(f"/dkptka/pendapatan/?tahun={YEAR}")
    assert response.status_code == 200
    cells = _Cells()
    cells.feed(response.get_data(as_text=True))
    header, *body, total = cells.rows
    assert header == ["Bulan", "Pembayaran diterima", "Jumlah USD", "Jumlah rupiah", "Tervalidasi",
                      "Rupiah tervalidasi", "Ditolak", "Dikembalikan bendahara"]
    assert body == [[name, *map(dotted, values)] for name, values in zip(MONTH_NAMES, ROWS)]
    assert total == ["Jumlah setahun", *map(dotted, TOTALS)]
    text = text_of(response)
    assert "Pendapatan DKPTKA — Tahun 2037" in text and "Rp89.376.550 (USD 5.500)" in text
    assert "tanggal bendahara penerimaan mengonfirmasi dana masuk ke kas daerah" in text


def test_this_year_by_default_and_a_clear_message_for_a_bad_year(client_as):
    from app.core.formatting import today_jakarta

    client = client_as("bendahara")
    assert f"Tahun {today_jakarta().year}" in text_of(client.get("/dkptka/pendapatan/"))
    for path in ("/dkptka/pendapatan/", "/dkptka/pendapatan/xlsx", "/dkptka/pendapatan/pdf"):
        for value in ("20x7", "1999", "99999", "-1"):
            response = client.get(f"{path}?tahun={value}")
            assert response.status_code == 400, (path, value)
            assert "Tahun tidak valid" in text_of(response)


def test_xlsx_values_and_formulas(client_as, payments):
    response = client_as("bendahara").get(f"/dkptka/pendapatan/xlsx?tahun={YEAR}")
    assert response.status_code == 200
    assert "pendapatan-dkptka-2037.xlsx" in response.headers["Content-Disposition"]
    formulas = load_workbook(BytesIO(response.data))["Pendapatan DKPTKA"]
    values = load_workbook(BytesIO(response.data), data_only=True)["Pendapatan DKPTKA"]
    assert values["A1"].value == "Pendapatan DKPTKA per Bulan — Tahun 2037"
    assert values["A3"].value.startswith("Dana DKPTKA diterima di kas daerah, Tahun 2037: 5 pembayaran")
    header = 6  # title, table title, two summary lines, a blank row
    assert [c.value for c in values[header]][:9] == ["No", "Bulan", "Pembayaran diterima", "Jumlah USD",
                                                     "Jumlah rupiah", "Tervalidasi", "Rupiah tervalidasi",
                                                     "Ditolak", "Dikembalikan bendahara"]
    for i, (name, expected) in enumerate(zip(MONTH_NAMES, ROWS), start=1):
        assert [c.value for c in values[header + i]][:9] == [i, name, *expected]
    total = header + 13
    assert [c.value for c in values[total]][1:9] == ["Jumlah", *TOTALS]  # cached values
    letters = "CDEFGHI"
    assert [formulas[f"{x}{total}"].value for x in letters] == [f"=SUM({x}7:{x}18)" for x in letters]
    assert isinstance(formulas[f"C{header + 1}"].value, int)  # the months are numbers, not formulas


def _pdf_text(content):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def test_pdf_text(client_as, payments):
    response = client_as("bendahara").get(f"/dkptka/pendapatan/pdf?tahun={YEAR}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "pendapatan-dkptka-2037.pdf" in response.headers["Content-Disposition"]
    text = _pdf_text(response.data)
    assert "DINAS TENAGA KERJA" in text  # the letterhead
    assert "Pendapatan DKPTKA per Bulan — Tahun 2037" in text
    assert "5 pembayaran, Rp89.376.550 (USD 5.500)" in text
    for i, (name, values) in enumerate(zip(MONTH_NAMES, ROWS), start=1):
        assert f"{i} {name} " + " ".join(map(dotted, values)) in text, name
    assert "Jumlah " + " ".join(map(dotted, TOTALS)) in text
    assert "mengonfirmasi dana masuk ke kas daerah" in text


def test_registry_generates_the_year_to_date_of_a_month(app, payments):
    from app.core.files import KIND_RESOURCES
    from app.reporting import registry
    from app.reporting.tables import Month

    declaration = registry.get("pendapatan_dkptka")
    assert declaration is not None and declaration.available() and declaration.scheduled
    assert declaration.resource == "DkptkaRevenue" and KIND_RESOURCES["report:pendapatan_dkptka"] == "DkptkaRevenue"
    with app.app_context():
        files = declaration.generate(Month(YEAR, 3), {})
    assert [(name, mime) for name, mime, _data in files] == [
        ("pendapatan-dkptka-2037-03.pdf", "application/pdf"),
        ("pendapatan-dkptka-2037-03.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    text = _pdf_text(files[0][2])
    assert "Pendapatan DKPTKA per Bulan — Januari–Maret 2037" in text
    assert "Jumlah 4 4.300 69.876.550 2 29.250.300 1 1" in text
    assert "April" not in text
    sheet = load_workbook(BytesIO(files[1][2]), data_only=True)["Pendapatan DKPTKA"]
    assert [c.value for c in sheet[10]][1:9] == ["Jumlah", 4, 4300, 69_876_550, 2, 29_250_300, 1, 1]


def test_who_may_read_it():
    from app.security import roles as R

    for role in (R.BENDAHARA, R.PETUGAS_TKA, R.KEPALA_DINAS, R.ADMIN):
        assert R.allows(role, "read", "DkptkaRevenue"), role
    for role in (R.OPERATOR, R.PENCARI_KERJA, R.PETUGAS_ANTARKERJA, R.PETUGAS_HI, R.PENGAWAS):
        assert not R.allows(role, "read", "DkptkaRevenue"), role
    assert R.allows(R.BENDAHARA, "read", "ReportArchive")  # the archived months


@pytest.mark.parametrize("username", ["bendahara", "petugas.tka", "kadis", "admin"])
def test_page_and_downloads_for_its_readers(client_as, payments, username):
    client = client_as(username, ADMIN_PASSWORD) if username == "admin" else client_as(username)
    for path in ("/dkptka/pendapatan/", "/dkptka/pendapatan/xlsx", "/dkptka/pendapatan/pdf"):
        assert client.get(f"{path}?tahun={YEAR}").status_code == 200, (username, path)


@pytest.mark.parametrize("username", ["operator", "pencaker", "petugas.ak", "petugas.hi", "pengawas"])
def test_refused_to_others(client_as, username):
    client = client_as(username)
    for path in ("/dkptka/pendapatan/", "/dkptka/pendapatan/xlsx", "/dkptka/pendapatan/pdf"):
        response = client.get(f"{path}?tahun={YEAR}")
        assert response.status_code in (302, 403), (username, path, response.status_code)
        assert response.status_code == 403 or "/login" in response.headers["Location"]


def test_the_treasurer_home_links_to_it(client_as):
    home = client_as("bendahara").get("/").get_data(as_text=True)
    assert re.search(r'href="/dkptka/pendapatan/"[^>]*data-test="shortcut-dkptka_revenue"', home)
    assert 'data-test="shortcut-' not in client_as("petugas.tka").get("/").get_data(as_text=True)


def test_the_archive_offers_it_to_the_treasurer_only_among_its_reports(client_as):
    page = text_of(client_as("bendahara").get("/arsip-laporan/"))
    assert "Pendapatan DKPTKA per Bulan" in page and "Rekap Tenaga Kerja Asing" not in page


SIZES = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.browser
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_treasurer_opens_it_from_home(new_page, shots, payments, size):
    page = new_page()
    page.set_viewport_size(SIZES[size])
    log_in(page, "bendahara")
    page.goto("/")
    page.screenshot(path=str(shots / f"revenue-home-{size}.png"), full_page=True)
    page.locator('[data-test="shortcut-dkptka_revenue"]').click()
    page.wait_for_load_state()
    page.locator("#tahun").fill(str(YEAR))
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Rp89.376.550 (USD 5.500)")
    expect(page.locator("#pendapatan-bulan tfoot")).to_contain_text("89.376.550")
    expect(page.get_by_role("link", name="Unduh XLSX")).to_be_visible()
    page.screenshot(path=str(shots / f"revenue-{size}.png"), full_page=True)
    page.goto("/arsip-laporan/")
    expect(page.locator("body")).to_contain_text("Pendapatan DKPTKA per Bulan")
    page.screenshot(path=str(shots / f"revenue-archive-{size}.png"), full_page=True)
