"""The IPK forms as an XLSX workbook: one sheet per form, its parts one under the other, laid out as on the page
(two header rows: the measure or group over its L / P / Jml columns). Figures read from the facts are numbers;
every derived cell is a formula (=SUM of the L and P cells, of a subtotal's rows, III/1's A = 1+2, B = 3+4,
5 = A − B), with its value cached so a viewer without recalculation shows it too. Printed A4 landscape, fitted to
the page width, the header rows repeated on every page."""
from io import BytesIO

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from app.reporting.ipk.grids import Grid

FIRST_VALUE_COLUMN = 2  # A: code, B: label


def render_xlsx(month, forms_grids, office_name: str) -> bytes:
    out = BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    f = {"title": workbook.add_format({"bold": True, "font_size": 13}),
         "sub": workbook.add_format({"italic": True}),
         "part": workbook.add_format({"bold": True, "font_size": 11}),
         "head": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                      "align": "center", "valign": "vcenter"}),
         "cell": workbook.add_format({"border": 1, "num_format": "#,##0"}),
         "text": workbook.add_format({"border": 1}),
         "sum": workbook.add_format({"border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0"}),
         "sumtext": workbook.add_format({"border": 1, "bold": True, "bg_color": "#F2F2F2"})}
    for form, grids in forms_grids:
        sheet = workbook.add_worksheet(form.code.replace("/", "-"))
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # the page width; as many pages down as it takes
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 1, 44)
        sheet.set_column(FIRST_VALUE_COLUMN, FIRST_VALUE_COLUMN + max(len(g.columns) for g in grids), 9)
        sheet.write_string(0, 0, f"IPK {form.code} — {form.title}", f["title"])
        sheet.write_string(1, 0, f"{office_name} — Bulan {month.label}", f["sub"])
        top = 3
        for index, grid in enumerate(grids):
            header_top = top + 1
            top = _write_grid(sheet, grid, top, f)
            if index == 0:
                sheet.repeat_rows(header_top, header_top + 1)
            top += 1
    workbook.close()
    return out.getvalue()


def _write_grid(sheet, grid: Grid, top: int, f) -> int:
    """The part's title, two header rows and its rows from row `top`; returns the next free row."""
    sheet.write_string(top, 0, grid.part.title, f["part"])
    head = top + 1
    sheet.merge_range(head, 0, head + 1, 0, "Kode", f["head"])
    sheet.merge_range(head, 1, head + 1, 1, grid.part.header, f["head"])
    column = FIRST_VALUE_COLUMN
    for group, span in grid.groups:
        if span > 1:
            sheet.merge_range(head, column, head, column + span - 1, group, f["head"])
        else:
            sheet.write_string(head, column, group, f["head"])
        column += span
    for c, col in enumerate(grid.columns):
        sheet.write_string(head + 1, FIRST_VALUE_COLUMN + c, col.label, f["head"])
    first = head + 2
    for r, row in enumerate(grid.rows):
        y = first + r
        derived = bool(row.terms)
        sheet.write_string(y, 0, row.code, f["sumtext"] if derived else f["text"])
        sheet.write_string(y, 1, row.label, f["sumtext"] if derived else f["text"])
        for c, col in enumerate(grid.columns):
            x = FIRST_VALUE_COLUMN + c
            value = row.values[c]
            if derived:
                sheet.write_formula(y, x, _row_formula(row.terms, first, x), f["sum"], value)
            elif col.sum_of:
                cells = ",".join(xl_rowcol_to_cell(y, FIRST_VALUE_COLUMN + i) for i in col.sum_of)
                sheet.write_formula(y, x, f"=SUM({cells})", f["sum"], value)
            else:
                sheet.write_number(y, x, value, f["cell"])
    return first + len(grid.rows)


def _row_formula(terms, first: int, x: int) -> str:
    if all(sign > 0 for sign, _ in terms):
        return "=SUM(" + ",".join(xl_rowcol_to_cell(first + i, x) for _sign, i in terms) + ")"
    out = ""
    for sign, i in terms:
        out += ("+" if sign > 0 else "-") + xl_rowcol_to_cell(first + i, x)
    return "=" + out.lstrip("+")
