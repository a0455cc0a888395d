"""XLSX export of any list screen: the same rows the user sees (search filters, base filters, order, tenancy),
written row by row so memory stays flat whatever the size."""
import os
import re
import tempfile
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from flask import current_app, send_file
from flask_babel import gettext as _
from flask_appbuilder.urltools import get_filter_args, get_order_args

from app.core.formatting import JAKARTA, column_meaning, label_of, local

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCH_SIZE = 1000
DATA_SHEET = "Data"
NOTE_SHEET = "Catatan"


def export_list(view):
    """The view's current list as an XLSX download named <resource>-<YYYYMMDD-HHMM>.xlsx."""
    datamodel = view.datamodel
    get_filter_args(view._filters)
    filters = view._filters.get_joined_filters(view._base_filters)
    order_column, order_direction = _order(view)
    limit = current_app.config["EXPORT_MAX_ROWS"]
    base = datamodel.session.query(datamodel.obj)
    total = datamodel.query_count(base, filters)  # TenantInterface scopes the count and the rows
    # yield_per streams the rows in batches (a server-side cursor on PostgreSQL).
    items = datamodel.apply_all(base, filters, order_column, order_direction, page_size=limit).yield_per(BATCH_SIZE)
    columns = view.export_columns or view.list_columns
    meanings = [column_meaning(datamodel.obj, column) for column in columns]
    rows = ([_cell(row[column], meaning) for column, meaning in zip(columns, meanings)]
            for row in datamodel.get_values(items, columns))
    headers = [str(view.label_columns.get(column, column)) for column in columns]  # labels may be lazy strings
    note = _cut_note(limit, total) if total > limit else None
    return send_workbook(headers, rows, _file_name(view.class_permission_name), note)


class Money(int):
    """An amount of rupiah: a number in the sheet, shown as Rp1.234.567 (the list's display, kept summable)."""


def _cell(value, meaning):
    """A value as the list shows it (app.core.formatting.display): codes as labels, money marked."""
    if value is None or value == "":
        return None
    if meaning["labels"] is not None:
        return label_of(meaning["labels"], value)
    if meaning["money"] and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Money(value)
    return value


def _order(view):
    """The list's order from the query string, else the view's base order, else the primary key (so that
    "the first N rows" is well defined). Only orderable columns: anything else would reach SQL."""
    column, direction = get_order_args().get(view.__class__.__name__, ("", ""))
    if column in view.order_columns:
        return column, direction
    return view.base_order or (view.datamodel.get_pk_name(), "asc")


def _cut_note(limit, total):
    def number(n):
        return f"{n:,}".replace(",", ".")

    return _("Ekspor dipotong: hasil pencarian berisi %(total)s baris, yang diekspor hanya %(limit)s baris "
             "pertama. Persempit pencarian lalu ekspor lagi.", total=number(total), limit=number(limit))


def _file_name(resource):
    slug = re.sub(r"[^a-z0-9]+", "-", resource.lower()).strip("-") or "data"
    return f"{slug}-{datetime.now(JAKARTA):%Y%m%d-%H%M}.xlsx"


def send_workbook(headers, rows, download_name, note=None):
    """Write the rows to a temporary XLSX file and send it; the file is gone once the response is closed."""
    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="export-")
    os.close(handle)
    try:
        write_workbook(path, headers, rows, note)
        content = open(path, "rb")
    finally:
        os.unlink(path)  # the open handle keeps the content readable until send_file closes it
    return send_file(content, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=download_name,
                     max_age=0)


def write_workbook(path, headers, rows, note=None):
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})  # rows go to disk as they are written
    formats = {"header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
               "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
               "datetime": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
               "money": workbook.add_format({"num_format": '"Rp"#,##0'})}
    sheet = workbook.add_worksheet(DATA_SHEET)
    for index, header in enumerate(headers):
        sheet.set_column(index, index, max(12, min(len(header) + 4, 50)))
        sheet.write_string(0, index, header, formats["header"])
    sheet.freeze_panes(1, 0)
    for row_index, values in enumerate(rows, start=1):
        for column_index, value in enumerate(values):
            _write_cell(sheet, row_index, column_index, value, formats)
    if note:
        note_sheet = workbook.add_worksheet(NOTE_SHEET)
        note_sheet.set_column(0, 0, 100)
        note_sheet.write_string(0, 0, note, formats["header"])
        note_sheet.activate()  # the cut is the first thing the user sees
    workbook.close()


def _write_cell(sheet, row, column, value, formats):
    """Values as people read them: dates as dates (Jakarta time), Ya/Tidak, related rows by their name.
    Text is written as text: never a formula (spreadsheet injection), a link or a number (NIB, NPWP)."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_string(row, column, _("Ya") if value else _("Tidak"))
    elif isinstance(value, Money):
        sheet.write_number(row, column, int(value), formats["money"])
    elif isinstance(value, (int, float, Decimal)):
        sheet.write_number(row, column, float(value) if isinstance(value, Decimal) else value)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, local(value).replace(tzinfo=None), formats["datetime"])
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, formats["date"])
    elif isinstance(value, (list, tuple, set)):  # a to-many relation
        sheet.write_string(row, column, ", ".join(str(item) for item in value))
    else:
        sheet.write_string(row, column, str(value))
