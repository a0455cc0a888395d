"""Any `Report` (app/reporting/tables.py) as an XLSX workbook: one sheet per table, each with the report's title,
the table's title, the summary lines, the header, one row per group and the totals row. Numbers are numbers (they
add up in the sheet); labels are written as text, never as a formula; a table that asks (`Table.formulas`) has its
totals as =SUM() formulas over its rows, their values cached."""
from io import BytesIO

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from app.reporting.tables import TOTAL_LABEL, Report

SHEET_NAME_MAX = 31  # Excel's limit
HEADER_ROW = 3  # zero-based row of the table header, when the report has no summary lines


def render_xlsx(report: Report) -> bytes:
    out = BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = {"title": workbook.add_format({"bold": True, "font_size": 13}),
               "subtitle": workbook.add_format({"italic": True}),
               "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                              "valign": "top"}),
               "cell": workbook.add_format({"border": 1}),
               "total": workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"}),
               "note": workbook.add_format({"italic": True, "font_color": "#555555"})}
    for table in report.tables:
        sheet = workbook.add_worksheet(_sheet_name(table.sheet or table.title))
        _write_table(sheet, report, table, formats)
    workbook.close()
    return out.getvalue()


def header_row(report: Report) -> int:
    """Zero-based row of a table's header in its sheet (titles and summary lines above it)."""
    return HEADER_ROW + len(report.summary)


def _sheet_name(title: str) -> str:
    name = title.replace("Per ", "", 1)
    for character in "[]:*?/\\":
        name = name.replace(character, " ")
    return name[:SHEET_NAME_MAX].strip()


def _write_table(sheet, report, table, formats):
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 1 + len(table.columns), 13)
    sheet.write_string(0, 0, report.title, formats["title"])
    sheet.write_string(1, 0, table.title, formats["subtitle"])
    for i, line in enumerate(report.summary):
        sheet.write_string(2 + i, 0, line)
    top = header_row(report)
    for column, header in enumerate(("No", table.header, *table.columns)):
        sheet.write_string(top, column, str(header), formats["header"])
    for index, (label, values) in enumerate(table.rows, start=1):
        sheet.write_number(top + index, 0, index, formats["cell"])
        sheet.write_string(top + index, 1, str(label), formats["cell"])
        for column, value in enumerate(values, start=2):
            sheet.write_number(top + index, column, value, formats["cell"])
    bottom = top + len(table.rows) + 1
    if not table.rows:
        sheet.write_string(bottom, 1, table.empty)
        bottom += 1
    if table.totals is not None:
        sheet.write_blank(bottom, 0, None, formats["total"])
        sheet.write_string(bottom, 1, TOTAL_LABEL, formats["total"])
        for column, value in enumerate(table.totals, start=2):
            if table.formulas and table.rows:  # the column's sum, its value cached for readers that do not compute
                cells = f"{xl_rowcol_to_cell(top + 1, column)}:{xl_rowcol_to_cell(bottom - 1, column)}"
                sheet.write_formula(bottom, column, f"=SUM({cells})", formats["total"], value)
            else:
                sheet.write_number(bottom, column, value, formats["total"])
        bottom += 1
    if report.basis:
        sheet.write_string(bottom + 1, 0, report.basis, formats["note"])
    sheet.freeze_panes(top + 1, 2)
