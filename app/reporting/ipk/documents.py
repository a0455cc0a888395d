"""The IPK files of a month: a form or the whole set as PDF (reports/ipk.py) or XLSX (xlsx.py), and the flat
national export. `ipk_files(month)` is what the report registry calls for the whole set. Needs an app context."""
from io import BytesIO

import xlsxwriter

from app.core.exports import XLSX_MIMETYPE
from app.reporting.ipk import closing
from app.reporting.ipk import layouts as L
from app.reporting.ipk.compute import MonthFigures
from app.reporting.ipk.grids import grid, grids
from app.reporting.ipk.models import CLOSED
from app.reporting.tables import Month

PDF_MIMETYPE = "application/pdf"


def _grids(figures: MonthFigures, forms) -> list:
    return [(form, [grid(form, part, figures) for part in form.parts]) for form in forms]


def _stem(month: Month, forms) -> str:
    which = "iii-1-8" if len(forms) == len(L.FORMS) else forms[0].slug
    return f"laporan-ipk-{which}-{month.value}"


def render(month: Month, fmt: str, forms=L.FORMS, preparer: str | None = None) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of `forms` of the month in `fmt` (pdf | xlsx)."""
    forms_grids = _grids(closing.figures(month), forms)
    if fmt == "pdf":
        from reports.ipk import render_pdf

        if preparer is None:
            row = closing.record(month)
            preparer = row.closed_by_name if row is not None and row.status == CLOSED else ""
        return f"{_stem(month, forms)}.pdf", PDF_MIMETYPE, render_pdf(month, forms_grids, preparer)
    from app.reporting.ipk.xlsx import render_xlsx
    from reports.shell import office

    return f"{_stem(month, forms)}.xlsx", XLSX_MIMETYPE, render_xlsx(month, forms_grids, office().full_name)


def ipk_files(month: Month) -> list[tuple[str, str, bytes]]:
    """The whole set: one PDF with every form, one XLSX with a sheet per form."""
    return [render(month, "pdf"), render(month, "xlsx")]


# ---- the national export (layouts.NATIONAL_COLUMNS) --------------------------------------------------------------

def national_rows(month: Month) -> list[list]:
    """One row per form × data row × sex of the balances (III/1–III/7; III/8's placements by type in the
    "tempat" column, its row code "<row>/<type>")."""
    out = []
    for form, form_grids in grids(closing.figures(month)):
        for part, g in zip(form.parts, form_grids):
            if part.shape == "summary":
                out += _summary_rows(form, part, g)
                continue
            for row in g.rows:
                if row.kind != "data":
                    continue
                if part.shape == "placements":
                    for c, column in enumerate(g.columns):
                        if column.sum_of:
                            continue
                        out.append([form.code, f"{part.key}/{row.code or row.label}/{column.group}", row.label,
                                    column.label, None, None, row.values[c], None, None])
                    continue
                for sex in L.SEXES[part.subject]:
                    values = [row.values[c] for c, column in enumerate(g.columns)
                              if column.label == L.SEX_LABELS[sex] and not column.sum_of]
                    out.append([form.code, f"{part.key}/{row.code or row.label}", row.label, L.SEX_LABELS[sex],
                                *values])
    return out


def _summary_rows(form, part, g) -> list[list]:
    """III/1: the measure rows 1–4 and 5 read per column (age group × sex, or the requested sex)."""
    measure_rows = {row.code: row for row in g.rows}
    out = []
    for c, column in enumerate(g.columns):
        if column.sum_of:
            continue
        values = [measure_rows[code].values[c] for code in ("1", "2", "3", "4", "5")]
        out.append([form.code, f"{part.key}/{column.group}", f"{part.title} — {column.group}", column.label,
                    *values])
    return out


def national_file(month: Month) -> tuple[str, str, bytes]:
    out = BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = workbook.add_worksheet("IPK")
    bold = workbook.add_format({"bold": True})
    for c, (name, _label) in enumerate(L.NATIONAL_COLUMNS):
        sheet.write_string(0, c, name, bold)
    for r, row in enumerate(national_rows(month), start=1):
        for c, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, str(value))
    workbook.close()
    return f"ipk-nasional-{month.value}.xlsx", XLSX_MIMETYPE, out.getvalue()


def national_files(month: Month) -> list[tuple[str, str, bytes]]:
    """The national export as a registry generator (app/reporting/registry.py)."""
    return [national_file(month)]
