"""Monthly recap of registered PKWT: counts per company, KBLI sector, kecamatan, sex and kind; XLSX and PDF; the
screen and who may open it.

Other tests share the database: this module registers its contracts, then moves their registration date to a
month of 1983 no one else uses."""
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import event

from tests.conftest import text_of
from tests.test_pkwt_reminders import new_contract, register

YEAR, MONTH = 1983, 9
PERIOD = "1983-09"
TITLE = "Rekap Pencatatan PKWT — September 1983"


@pytest.fixture(scope="module")
def companies(app):
    """Company 1: a man (by period) and a woman (daily work); company 2: a woman (completion of a job); in
    September 1983. Company 1 also has one in October 1983, outside the month."""
    from app.companies.models import Company
    from app.extensions import db
    from app.security.models import AppUser

    with app.app_context():
        placed = [
            ("operator", [new_contract(date(2026, 1, 5), date(2026, 12, 31)),
                          new_contract(date(2026, 1, 5), date(2026, 3, 31), sex="P", kind="harian")], date(1983, 9, 1)),
            ("operator2", [_completion(new_contract(date(2026, 2, 1), date(2026, 12, 31), sex="P", kind="selesai"))],
             date(1983, 9, 30)),
            ("operator", [new_contract(date(2026, 1, 5), date(2026, 6, 30))], date(1983, 10, 1)),
        ]
        for username, contracts, registered_at in placed:
            submission = register(db, *contracts, username=username)
            submission.registered_at = registered_at
            db.session.commit()
        ids = [db.session.query(AppUser.company_id).filter_by(username=name).scalar() for name in ("operator",
                                                                                                    "operator2")]
        found = {c.id: c for c in db.session.query(Company).filter(Company.id.in_(ids))}
        yield [_describe(found[i]) for i in ids]


def _completion(contract):
    contract.completion_criterion = "Pemasangan jalur produksi baru selesai"
    return contract


def _describe(company):
    """(name, sector label, kecamatan name) as the recap should show them."""
    from app.extensions import db
    from app.reference.models import Kbli

    kbli = company.kbli
    code = (kbli.parent_code or kbli.code) if kbli else None
    section = code and db.session.query(Kbli).filter_by(code=code, version=kbli.version, level="section").one()
    return company.name, f"{code} — {section.name}" if section else "Tidak diketahui", company.kecamatan.name


def _merge(pairs):
    """Expected rows from (label, L, P) pairs, adding up pairs with the same label, sorted by label."""
    rows = {}
    for label, male, female in pairs:
        m, f = rows.get(label, (0, 0))
        rows[label] = (m + male, f + female)
    return {label: (m, f, m + f) for label, (m, f) in rows.items()}


def _as_dict(breakdown):
    return {row.label: (row.male, row.female, row.total) for row in breakdown["rows"]}


def test_recap_counts_per_breakdown(db, companies):
    from app.contracts.recap import recap

    (name1, sector1, kec1), (name2, sector2, kec2) = companies
    data = recap(YEAR, MONTH)
    b = data["breakdowns"]

    assert data["title"] == TITLE and data["period"] == "September 1983"
    assert tuple(data["totals"]) == ("Jumlah", 1, 2, 3)
    assert _as_dict(b["company"]) == _merge([(name1, 1, 1), (name2, 0, 1)])
    assert _as_dict(b["sector"]) == _merge([(sector1, 1, 1), (sector2, 0, 1)])
    assert _as_dict(b["kecamatan"]) == _merge([(kec1, 1, 1), (kec2, 0, 1)])
    assert [tuple(r) for r in b["sex"]["rows"]] == [("Laki-laki", 1, 0, 1), ("Perempuan", 0, 2, 2)]
    assert [tuple(r) for r in b["kind"]["rows"]] == [("Jangka waktu", 1, 0, 1),
                                                     ("Selesainya suatu pekerjaan", 0, 1, 1),
                                                     ("Pekerjaan harian", 0, 1, 1)]
    for breakdown in b.values():
        assert tuple(breakdown["totals"]) == ("Jumlah", 1, 2, 3)

    october = recap(1983, 10)
    assert tuple(october["totals"]) == ("Jumlah", 1, 0, 1)
    assert recap(1983, 8)["breakdowns"]["company"]["rows"] == []


def test_recap_aggregates_in_sql(db, companies):
    """A fixed number of queries (one GROUP BY per breakdown), whatever the number of contracts."""
    from app.contracts.recap import recap

    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        recap(YEAR, MONTH)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 5 and all("GROUP BY" in s for s in statements)


def test_xlsx_has_a_sheet_per_breakdown_with_totals(db, companies):
    from app.contracts.recap import recap_xlsx

    workbook = openpyxl.load_workbook(BytesIO(recap_xlsx(YEAR, MONTH)))
    assert workbook.sheetnames == ["Perusahaan", "Sektor KBLI", "Kecamatan", "Jenis Kelamin", "Jenis PKWT"]
    for sheet in workbook.worksheets:
        rows = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
        assert rows[0][0] == TITLE
        assert rows[2][2:] == ("Laki-laki (L)", "Perempuan (P)", "Jumlah")
        assert rows[-1][1:] == ("Jumlah", 1, 2, 3)
    people = workbook["Jenis Kelamin"]
    assert [c.value for c in people[5]][1:] == ["Laki-laki", 1, 0, 1]
    assert [c.value for c in people[6]][1:] == ["Perempuan", 0, 2, 2]
    names = [row[1] for row in workbook["Perusahaan"].iter_rows(min_row=5, values_only=True)]
    assert {companies[0][0], companies[1][0]} <= set(names)


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def test_pdf_has_letterhead_title_and_totals(db, companies):
    from app.contracts.recap import recap_pdf

    content = recap_pdf(YEAR, MONTH)
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert "PEMERINTAH KABUPATEN TANGERANG" in text and "DINAS TENAGA KERJA" in text
    assert TITLE in text
    assert "September 1983: 3 pekerja — laki-laki 1, perempuan 2" in text
    assert text.count("Jumlah 1 2 3") == 5  # the totals row of each table
    assert companies[0][0] in text and "Pekerjaan harian" in text


def test_pdf_splits_long_tables_across_pages():
    from app.contracts.recap import Row
    from reports.pkwt_recap import render_pdf

    rows = [Row(f"PT Contoh Nomor {i}", i % 3, 1, i % 3 + 1) for i in range(1, 131)]
    totals = Row("Jumlah", sum(r.male for r in rows), len(rows), sum(r.total for r in rows))
    breakdown = {"title": "Per Perusahaan", "header": "Perusahaan", "rows": rows, "totals": totals}
    data = {"title": TITLE, "period": "September 1983", "totals": totals, "breakdowns": {"company": breakdown}}
    reader = PdfReader(BytesIO(render_pdf(data)))
    text = _pdf_text(render_pdf(data))

    assert len(reader.pages) >= 3
    assert "Per Perusahaan (lanjutan)" in text and "PT Contoh Nomor 130" in text
    assert f"Jumlah {totals.male} {totals.female} {totals.total}" in text


@pytest.mark.parametrize("username", ["petugas.hi", "kadis"])
def test_page_and_downloads_for_officers(client_as, companies, username):
    client = client_as(username)
    page = client.get(f"/pkwt/rekap/?bulan={PERIOD}")
    assert page.status_code == 200
    text = text_of(page)
    assert TITLE in text and companies[0][0] in text and "Per Kecamatan" in text
    html = page.get_data(as_text=True)
    assert f"/pkwt/rekap/xlsx?bulan={PERIOD}" in html and f"/pkwt/rekap/pdf?bulan={PERIOD}" in html

    xlsx = client.get(f"/pkwt/rekap/xlsx?bulan={PERIOD}")
    assert xlsx.status_code == 200 and "rekap-pkwt-1983-09.xlsx" in xlsx.headers["Content-Disposition"]
    assert openpyxl.load_workbook(BytesIO(xlsx.data))["Perusahaan"]["A1"].value == TITLE
    pdf = client.get(f"/pkwt/rekap/pdf?bulan={PERIOD}")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and TITLE in _pdf_text(pdf.data)
    assert client.get("/pkwt/rekap/").status_code == 200  # the current month by default
    assert "Rekap Bulanan PKWT" in client.get("/").get_data(as_text=True)  # in the menu


@pytest.mark.parametrize("value", ["2026-13", "abc", "2026", "0000-01", "2026-1-1", "9999-12"])
def test_bad_month_is_a_clear_message(client_as, value):
    client = client_as("petugas.hi")
    for path in ("/pkwt/rekap/", "/pkwt/rekap/xlsx", "/pkwt/rekap/pdf"):
        response = client.get(path, query_string={"bulan": value})
        assert response.status_code == 400, (path, value)
        text = text_of(response)
        assert "Bulan tidak valid" in text or "Tahun harus antara" in text


@pytest.mark.parametrize("username", ["operator", "pencaker"])
def test_refused_to_operators_and_job_seekers(client_as, username):
    client = client_as(username)
    for path in ("/pkwt/rekap/", f"/pkwt/rekap/xlsx?bulan={PERIOD}", f"/pkwt/rekap/pdf?bulan={PERIOD}"):
        assert client.get(path).status_code == 403, path
    assert "Rekap Bulanan PKWT" not in client.get("/").get_data(as_text=True)
