"""Any list exports to XLSX with its search filters, order, tenancy and the row limit."""
import glob
import io
import os
import re
import tempfile
from datetime import date, datetime, timezone
from decimal import Decimal

import openpyxl
import pytest

from app.core.exports import XLSX_MIMETYPE
from tests.conftest import text_of

COMPANY_HEADERS = ["Nama perusahaan", "Bentuk badan usaha", "NIB", "NPWP", "Kecamatan", "Jenis pemberi kerja",
                   "Status"]


def export(client, query=""):
    response = client.get(f"/companyview/export/{query}")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == XLSX_MIMETYPE
    return response, openpyxl.load_workbook(io.BytesIO(response.data))


def data_rows(workbook):
    rows = list(workbook["Data"].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_staff_exports_every_company_with_labels_as_header(client_as, db, tmp_path, monkeypatch):
    from app.companies.models import Company

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's own temp dir: others' files are not ours
    response, workbook = export(client_as("kadis"))
    header, rows = data_rows(workbook)

    assert header == tuple(COMPANY_HEADERS)
    assert len(rows) == db.session.query(Company).count()
    assert workbook.sheetnames == ["Data"]  # no note: nothing was cut
    assert re.fullmatch(r'attachment; filename=company-\d{8}-\d{4}\.xlsx',
                        response.headers["Content-Disposition"])
    assert not glob.glob(os.path.join(tmp_path, "export-*.xlsx"))  # the temporary file is removed


def test_values_read_like_the_list(client_as, db):
    from app.companies.models import Company

    first = db.session.query(Company).order_by(Company.id).first()
    _, workbook = export(client_as("kadis"))
    _, rows = data_rows(workbook)

    # Without an order in the query string rows follow the primary key.
    assert rows[0] == (first.name, str(first.legal_form), first.nib, first.npwp_formatted, str(first.kecamatan),
                       str(first.employer_type), first.status_label)


def test_search_filter_and_order_of_the_list_apply(client_as, db):
    from app.companies.models import Company

    total = db.session.query(Company).count()
    word = db.session.query(Company).order_by(Company.id).first().name.split()[1]  # e.g. "Tekstil"
    expected = [c.name for c in db.session.query(Company).filter(Company.name.ilike(f"%{word}%"))
                .order_by(Company.name.desc(), Company.id.desc())]
    assert 0 < len(expected) < total

    _, workbook = export(client_as("kadis"), f"?_flt_2_name={word}&_oc_CompanyView=name&_od_CompanyView=desc")
    _, rows = data_rows(workbook)

    assert [row[0] for row in rows] == expected


def test_operator_exports_only_own_company(client_as, db):
    from app.security.models import AppUser

    own = db.session.query(AppUser).filter_by(username="operator").one().company

    _, workbook = export(client_as("operator"))
    _, rows = data_rows(workbook)

    assert [row[0] for row in rows] == [own.name]


def test_row_limit_cuts_and_says_so(app, client_as, db, monkeypatch):
    from app.companies.models import Company

    monkeypatch.setitem(app.config, "EXPORT_MAX_ROWS", 5)
    total = db.session.query(Company).count()

    _, workbook = export(client_as("kadis"))
    _, rows = data_rows(workbook)

    assert len(rows) == 5
    note = workbook["Catatan"]["A1"].value
    assert note.startswith("Ekspor dipotong") and f"berisi {total} baris" in note and "hanya 5 baris" in note


def test_user_without_read_permission_is_refused(client_as):
    response = client_as("pencaker").get("/companyview/export/")

    assert response.status_code in (302, 403)
    assert response.mimetype != XLSX_MIMETYPE


def test_list_page_offers_export_with_current_query(client_as):
    page = client_as("kadis").get("/companyview/list/?_flt_2_name=Jaya&_oc_CompanyView=name&_od_CompanyView=asc")

    assert "Ekspor XLSX" in text_of(page)
    assert ('href="/companyview/export/?_flt_2_name=Jaya&amp;_oc_CompanyView=name&amp;_od_CompanyView=asc"'
            in page.get_data(as_text=True))


def test_cells_are_typed_for_people_and_never_formulas(tmp_path):
    from app.core.exports import write_workbook

    path = tmp_path / "cells.xlsx"
    values = ["=HYPERLINK(\"http://x\")", True, False, 12, Decimal("2.5"), date(2026, 3, 1),
              datetime(2026, 3, 1, 1, 30, tzinfo=timezone.utc), None, ["Cabang A", "Cabang B"], "0123"]
    write_workbook(path, [f"k{i}" for i in range(len(values))], iter([values]))

    cells = next(openpyxl.load_workbook(path)["Data"].iter_rows(min_row=2))
    assert cells[0].data_type == "s" and cells[0].value == values[0]
    assert [c.value for c in cells[1:5]] == ["Ya", "Tidak", 12, 2.5]
    assert cells[5].value == datetime(2026, 3, 1) and cells[5].is_date
    assert cells[6].value == datetime(2026, 3, 1, 8, 30)  # shown in Jakarta time
    assert cells[7].value is None
    assert cells[8].value == "Cabang A, Cabang B"
    assert cells[9].value == "0123"


@pytest.mark.parametrize("query", ["?_oc_CompanyView=nonexistent&_od_CompanyView=asc",
                                   "?_oc_CompanyView=name);drop&_od_CompanyView=desc"])
def test_unknown_order_column_is_refused_before_sql(client_as, query):
    # issue 8 §2.5: an order the list does not offer answers 400 with the reason, as the list itself does
    response = client_as("kadis").get(f"/companyview/export/{query}")
    assert response.status_code == 400
    assert "tidak dapat diurutkan" in text_of(response)
