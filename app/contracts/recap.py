"""Monthly recap of registered PKWT (domain.md §5): the contracts of submissions approved in a month, broken down
by company, KBLI sector, kecamatan, sex and kind of PKWT, each split by sex; on screen, as XLSX and as PDF (drawn by reports/pkwt_recap.py).

Counted in SQL (GROUP BY): a month may hold tens of thousands of contracts, Python only sees the groups.
"""
from collections import namedtuple
from datetime import date
from io import BytesIO

import xlsxwriter
from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from app.companies.models import Company
from app.contracts.models import PkwtContract, PkwtSubmission
from app.contracts.workflow import KINDS
from app.core.formatting import MONTHS
from app.core.i18n import N_
from app.core.validation import DomainError
from app.extensions import db
from app.reference.lists import SEX_LABELS
from app.reference.models import Kbli, Region

Row = namedtuple("Row", "label male female total")  # male/female: the L and P columns
UNKNOWN = "Tidak diketahui"
TOTAL_LABEL = "Jumlah"
YEARS = (1900, 2999)


# ---- the month ---------------------------------------------------------------------------------------------

def parse_period(value) -> tuple[int, int]:
    """(2026, 1) from "2026-01"; anything else is a DomainError users can read."""
    try:
        year, month = (int(part) for part in str(value).strip().split("-"))
        date(year, month, 1)
    except (TypeError, ValueError):
        raise DomainError(_("Bulan tidak valid: pilih bulan dan tahun (format TTTT-BB, misalnya "
                            "2026-01).")) from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise DomainError(_("Tahun harus antara %(first)s dan %(last)s.", first=YEARS[0], last=YEARS[1]))
    return year, month


def period_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def title_of(year: int, month: int) -> str:
    return f"Rekap Pencatatan PKWT — {period_label(year, month)}"


# ---- counting ----------------------------------------------------------------------------------------------

def recap(year: int, month: int) -> dict:
    """{"title", "period", "year", "month", "totals": Row, "breakdowns": {key: {"title", "header", "rows",
    "totals"}}}, rows being Row(label, male, female, total)."""
    parse_period(f"{year}-{month}")
    first = date(year, month, 1)
    registered = and_(PkwtSubmission.status == "approved", PkwtSubmission.registered_at >= first,
                      PkwtSubmission.registered_at < first + relativedelta(months=1))
    breakdowns = {}
    for key, title, header, query in _breakdown_queries():
        rows = query(registered)
        breakdowns[key] = {"title": title, "header": header, "rows": rows, "totals": _sum(rows)}
    return {"year": year, "month": month, "period": period_label(year, month), "title": title_of(year, month),
            "totals": breakdowns["sex"]["totals"], "breakdowns": breakdowns}


def _counts():
    male = func.sum(case((PkwtContract.sex == "L", 1), else_=0))
    female = func.sum(case((PkwtContract.sex == "P", 1), else_=0))
    return male, female, func.count(PkwtContract.id)


def _registered_contracts(*columns):
    return (select(*columns, *_counts()).select_from(PkwtContract)
            .join(PkwtSubmission, PkwtSubmission.id == PkwtContract.submission_id))


def _rows(statement, label=lambda *key: key[-1]) -> list[Row]:
    """Result rows (…key columns, male, female, total) as Row, the label made from the key columns."""
    return [Row(label(*row[:-3]), int(row[-3] or 0), int(row[-2] or 0), int(row[-1])) for row in
            db.session.execute(statement)]


def _by_company(registered):
    statement = (_registered_contracts(Company.id, Company.name)
                 .join(Company, Company.id == PkwtContract.company_id).where(registered)
                 .group_by(Company.id, Company.name).order_by(Company.name, Company.id))
    return _rows(statement)


def _by_sector(registered):
    # A company's KBLI is a division (its parent_code is the section letter) or, rarely, the section itself.
    section = aliased(Kbli)
    code = func.coalesce(Kbli.parent_code, Kbli.code)
    statement = (_registered_contracts(code, section.name)
                 .join(Company, Company.id == PkwtContract.company_id)
                 .outerjoin(Kbli, Kbli.id == Company.kbli_id)
                 .outerjoin(section, and_(section.code == code, section.version == Kbli.version,
                                          section.level == "section"))
                 .where(registered).group_by(code, section.name).order_by(code))
    return _rows(statement, lambda code, name: f"{code} — {name}" if code and name else code or UNKNOWN)


def _by_kecamatan(registered):
    statement = (_registered_contracts(Region.code, Region.name)
                 .join(Company, Company.id == PkwtContract.company_id)
                 .join(Region, Region.code == Company.kecamatan_code)
                 .where(registered).group_by(Region.code, Region.name).order_by(Region.name))
    return _rows(statement)


def _by_sex(registered):
    found = {row.label: row for row in _rows(_registered_contracts(PkwtContract.sex).where(registered)
                                             .group_by(PkwtContract.sex))}
    return [Row(SEX_LABELS[sex], *found[sex][1:]) if sex in found else Row(SEX_LABELS[sex], 0, 0, 0)
            for sex in SEX_LABELS] + [found[sex] for sex in found if sex not in SEX_LABELS]


def _by_kind(registered):
    found = {row.label: row for row in _rows(_registered_contracts(PkwtContract.kind).where(registered)
                                             .group_by(PkwtContract.kind))}
    return [Row(KINDS.get(kind, kind), *found[kind][1:]) for kind in [*KINDS, *sorted(set(found) - set(KINDS))]
            if kind in found]


def _breakdown_queries():
    # Plain Indonesian in the documents; N_ marks them for the screen, which translates them (recap.html).
    return [("company", N_("Per Perusahaan"), N_("Perusahaan"), _by_company),
            ("sector", N_("Per Sektor Usaha (KBLI)"), N_("Sektor (kategori KBLI)"), _by_sector),
            ("kecamatan", N_("Per Kecamatan"), N_("Kecamatan"), _by_kecamatan),
            ("sex", N_("Per Jenis Kelamin"), N_("Jenis kelamin"), _by_sex),
            ("kind", N_("Per Jenis PKWT"), N_("Jenis PKWT"), _by_kind)]


def _sum(rows) -> Row:
    return Row(TOTAL_LABEL, sum(r.male for r in rows), sum(r.female for r in rows), sum(r.total for r in rows))


# ---- XLSX --------------------------------------------------------------------------------------------------

SHEET_NAMES = {"company": "Perusahaan", "sector": "Sektor KBLI", "kecamatan": "Kecamatan", "sex": "Jenis Kelamin",
               "kind": "Jenis PKWT"}
NUMBER_HEADERS = ("Laki-laki (L)", "Perempuan (P)", "Jumlah")


def recap_xlsx(year: int, month: int) -> bytes:
    return render_xlsx(recap(year, month))


def render_xlsx(data: dict) -> bytes:
    """One sheet per breakdown of a recap()."""
    out = BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = {"title": workbook.add_format({"bold": True, "font_size": 13}),
               "subtitle": workbook.add_format({"italic": True}),
               "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
               "cell": workbook.add_format({"border": 1}),
               "total": workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})}
    for key, breakdown in data["breakdowns"].items():
        _write_sheet(workbook.add_worksheet(SHEET_NAMES[key]), data, breakdown, formats)
    workbook.close()
    return out.getvalue()


def _write_sheet(sheet, data, breakdown, formats):
    """Title, breakdown, header, one row per group, the totals row. Labels are written as text: never a
    formula (a company name starting with "=")."""
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 4, 15)
    sheet.write_string(0, 0, data["title"], formats["title"])
    sheet.write_string(1, 0, breakdown["title"], formats["subtitle"])
    for column, header in enumerate(("No", breakdown["header"], *NUMBER_HEADERS)):
        sheet.write_string(3, column, header, formats["header"])
    for index, row in enumerate(breakdown["rows"], start=1):
        sheet.write_number(3 + index, 0, index, formats["cell"])
        _write_row(sheet, 3 + index, row, formats["cell"])
    total_row = 4 + len(breakdown["rows"])
    sheet.write_blank(total_row, 0, None, formats["total"])
    _write_row(sheet, total_row, breakdown["totals"], formats["total"])
    sheet.freeze_panes(4, 0)


def _write_row(sheet, row_index, row: Row, cell_format):
    sheet.write_string(row_index, 1, str(row.label), cell_format)
    for column, value in enumerate((row.male, row.female, row.total), start=2):
        sheet.write_number(row_index, column, value, cell_format)


# ---- PDF ---------------------------------------------------------------------------------------------------

def recap_pdf(year: int, month: int) -> bytes:
    from reports.pkwt_recap import render_pdf  # the renderer imports this module's Row

    return render_pdf(recap(year, month))
