"""The foreign-worker recap: workers present on a date and arrivals/departures of a month, by nationality, KBJI
major group, company, KBLI section and kecamatan (a worker in two kecamatan counted in each), on a hand-made
dataset in May 2036 that no other test uses; page, XLSX and PDF; who may read it; the registry's declaration.

Other tests' workers (present, with no events) are present in 2036 too, so the numbers asserted are what this
test's workers add: the report before and after they are stored."""
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import text_of, unique

MONTH = "2036-05"
AS_OF = date(2036, 5, 31)


def _report():
    from app.foreign_workers.recap import tka_report
    from app.reporting.tables import Month

    return tka_report(Month.parse(MONTH), AS_OF)


def _values(report):
    return {table.key: {label: values for label, values in table.rows} for table in report.tables}


def _delta(before, after):
    found = {}
    for key, rows in after.items():
        for label, values in rows.items():
            old = before.get(key, {}).get(label, [0] * len(values))
            change = [a - b for a, b in zip(values, old)]
            if any(change):
                found.setdefault(key, {})[label] = change
    return found


@pytest.fixture(scope="module")
def dataset(app):
    """Six workers of two companies; yields (before, after, facts); removed at the end (other tests list the demo
    companies' registers page by page)."""
    from app.companies.models import Company
    from app.extensions import db
    from app.foreign_workers.models import ForeignWorker, ForeignWorkerEvent, ForeignWorkerLocation
    from app.reference.models import Kbji, Region
    from app.security.models import AppUser

    with app.app_context():
        before = _values(_report())
        company_a, company_b = (db.session.get(Company, db.session.query(AppUser.company_id).filter_by(
            username=name).scalar()) for name in ("operator", "operator2"))
        kec1, kec2 = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).limit(2).all()
        kbji = db.session.query(Kbji).filter_by(level=4).order_by(Kbji.code).first()
        created = []

        def worker(company, nationality, sex, places, arrived_on=None, departed_on=None, moves=()):
            w = ForeignWorker(company_id=company.id, full_name=unique("Rekap "), sex=sex, birth_date=date(1980, 1, 1),
                              nationality=nationality, passport_number=unique("R")[:9].upper(),
                              position="Ahli", kbji_code=kbji.code, rptka_number="R/1",
                              rptka_start=date(2036, 6, 1) if arrived_on is None and not moves else date(2035, 1, 1),
                              rptka_end=date(2037, 12, 31), arrived_on=arrived_on, departed_on=departed_on,
                              status="departed" if departed_on else "present")
            for place in places:
                if place == "outside":
                    w.locations.append(ForeignWorkerLocation(company_id=company.id, province_code="36",
                                                             regency_code="36.71", regency_name="Kota Tangerang"))
                else:
                    w.locations.append(ForeignWorkerLocation(company_id=company.id, kecamatan_code=place.code,
                                                             province_code="36", regency_code="36.03",
                                                             regency_name="Kabupaten Tangerang"))
            db.session.add(w)
            db.session.flush()
            created.append(w.id)
            for on, kind in moves:
                db.session.add(ForeignWorkerEvent(worker_id=w.id, company_id=company.id, kind=kind, occurred_on=on,
                                                  recorded_at=date(2036, 6, 15)))
            return w

        # W1: arrived in May by an event, works in two kecamatan: present.
        worker(company_a, "FJ", "L", [kec1, kec2], date(2036, 5, 10), moves=[(date(2036, 5, 10), "arrival")])
        # W2: arrival typed in the register in January, no event: present, no move in May.
        worker(company_b, "FJ", "P", [kec1], date(2036, 1, 5))
        # W3: departure event in May: gone.
        worker(company_a, "IS", "L", [kec2], date(2036, 1, 1), date(2036, 5, 20),
               moves=[(date(2036, 5, 20), "departure")])
        # W4: left in February, came back in June (after the date): not present, nothing in May.
        worker(company_a, "IS", "P", ["outside"], date(2036, 6, 10),
               moves=[(date(2035, 12, 1), "arrival"), (date(2036, 2, 1), "departure"), (date(2036, 6, 10), "arrival")])
        # W5: no arrival and the RPTKA starts in June: not present.
        worker(company_b, "FJ", "L", [kec1])
        # W6: arrived and left in May, typed in the register only: an arrival and a departure, not present.
        worker(company_a, "FJ", "L", [kec1], date(2036, 5, 2), date(2036, 5, 30))
        db.session.commit()
        after = _values(_report())
        facts = {"a": company_a.name, "b": company_b.name, "kec1": kec1.name, "kec2": kec2.name,
                 "kbji": kbji.code[0], "sections": (_section(company_a), _section(company_b))}
    yield before, after, facts
    with app.app_context():
        for worker_id in created:
            db.session.delete(db.session.get(ForeignWorker, worker_id))
        db.session.commit()


def _section(company):
    kbli = company.kbli
    if kbli is None:
        return None
    return kbli.code if kbli.level == "section" else kbli.parent_code


def test_numbers_per_breakdown(dataset):
    from app.foreign_workers.services import country_name

    before, after, facts = dataset
    delta = _delta(before, after)
    # columns: present men, present women, present, arrivals in May, departures in May
    assert delta["kewarganegaraan"] == {country_name("FJ"): [1, 1, 2, 2, 1], country_name("IS"): [0, 0, 0, 0, 1]}
    assert delta["perusahaan"] == {facts["a"]: [1, 0, 1, 2, 2], facts["b"]: [0, 1, 1, 0, 0]}
    assert delta["kecamatan"] == {facts["kec1"]: [1, 1, 2, 2, 1], facts["kec2"]: [1, 0, 1, 1, 1]}  # W1 in both
    [(label, values)] = delta["jabatan"].items()
    assert label.startswith(facts["kbji"] + " — ") and values == [1, 1, 2, 2, 2]
    a, b = facts["sections"]
    if a != b:
        assert [v for label, v in delta["sektor"].items() if label.startswith(a or "Tidak")] == [[1, 0, 1, 2, 2]]
    else:
        assert list(delta["sektor"].values()) == [[1, 1, 2, 2, 2]]


def test_summary_and_the_kecamatan_note(app, dataset):
    with app.app_context():
        report = _report()
    assert report.summary[0].startswith("TKA hadir pada 31 Mei 2036: ")
    assert "dihitung di setiap kecamatannya" in report.summary[2]


def test_xlsx_and_pdf_hold_the_same_numbers(app, dataset):
    from app.foreign_workers.recap import tka_recap_files
    from app.foreign_workers.services import country_name
    from app.reporting.tables import Month

    with app.app_context():
        report = _report()
        files = tka_recap_files(Month.parse(MONTH))
    names = [name for name, _mime, _data in files]
    assert names == ["rekap-tka-2036-05.pdf", "rekap-tka-2036-05.xlsx"]
    workbook = load_workbook(BytesIO(files[1][2]))
    sheet = workbook["Kewarganegaraan"]
    rows = {row[1]: list(row[2:7]) for row in sheet.iter_rows(values_only=True) if len(row) > 2 and row[1]}
    fiji = country_name("FJ")
    assert rows[fiji] == report.table("kewarganegaraan").row(fiji)
    assert any("dihitung di setiap kecamatannya" in str(cell) for row in workbook["Kecamatan"].iter_rows(
        values_only=True) for cell in row if cell)
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(files[0][2])).pages)
    assert "Rekap Tenaga Kerja Asing — Mei 2036" in text and fiji in text
    assert "dihitung di setiap kecamatannya" in " ".join(text.split())


@pytest.mark.parametrize("username", ["petugas.tka", "kadis", "admin"])
def test_page_and_downloads_for_officers(client_as, dataset, username):
    from app.foreign_workers.services import country_name

    from tests.conftest import ADMIN_PASSWORD

    client = client_as(username, ADMIN_PASSWORD) if username == "admin" else client_as(username)
    page = client.get(f"/tka/rekap/?bulan={MONTH}&tanggal=2036-05-31")
    assert page.status_code == 200
    text = text_of(page)
    assert "Rekap TKA — Mei 2036" in text and country_name("FJ") in text and "31 Mei 2036" in text
    xlsx = client.get(f"/tka/rekap/xlsx?bulan={MONTH}&tanggal=31-05-2036")
    assert xlsx.status_code == 200 and "rekap-tka-2036-05.xlsx" in xlsx.headers["Content-Disposition"]
    pdf = client.get(f"/tka/rekap/pdf?bulan={MONTH}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get("/tka/rekap/").status_code == 200  # this month by default


@pytest.mark.parametrize("query", ["bulan=2036-13", "bulan=abc", "bulan=2036-05&tanggal=31-02-2036",
                                   "tanggal=kemarin"])
def test_bad_input_is_a_clear_message(client_as, query):
    client = client_as("petugas.tka")
    for path in ("/tka/rekap/", "/tka/rekap/xlsx", "/tka/rekap/pdf"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        assert "tidak valid" in text_of(response)


@pytest.mark.parametrize("username", ["operator", "bendahara", "pencaker", "petugas.ak"])
def test_refused_to_others(client_as, username):
    client = client_as(username)
    for path in ("/tka/rekap/", "/tka/rekap/xlsx", "/tka/rekap/pdf"):
        response = client.get(path)
        assert response.status_code in (302, 403), (path, response.status_code)
        assert response.status_code == 403 or "/login" in response.headers["Location"]


def test_declared_in_the_registry_for_its_readers():
    from app.reporting import registry
    from app.security.roles import KEPALA_DINAS, OPERATOR, PETUGAS_TKA, allows

    declaration = registry.get("rekap_tka")
    assert declaration is not None and declaration.available() and declaration.resource == "TkaRecap"
    assert allows(PETUGAS_TKA, "read", "TkaRecap") and allows(KEPALA_DINAS, "read", "TkaRecap")
    assert not allows(OPERATOR, "read", "TkaRecap")
