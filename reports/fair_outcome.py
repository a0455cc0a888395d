"""The outcome of a job fair (app.vacancies.fairs.outcome): registered, attended, applications, interviews and
placements, in totals and per company; as an A4 PDF in the document shell and as an XLSX workbook."""
from io import BytesIO

import xlsxwriter
from reportlab.lib.pagesizes import A4

from app.core.formatting import date_id, datetime_id, label_of
from app.core.models import utcnow
from app.vacancies.workflow import FAIR_MODES
from reports import shell
from reports.layout import BOLD, REG, Panel, table

PAGE_W, PAGE_H = A4
LEFT, WIDTH, BOTTOM = 15.0, 180.0, 279.0
HEADER_H, ROW_H, SIZE = 5.6, 5.0, 8.0
TOTAL_LABELS = [("registered", "Pencari kerja terdaftar"), ("attended", "Hadir (check-in)"),
                ("applications", "Lamaran di bursa"), ("interviews", "Sampai tahap wawancara"),
                ("placements", "Ditempatkan (penempatan)"), ("companies", "Perusahaan peserta (disetujui)"),
                ("quota", "Kuota lowongan yang dibawa (orang)")]
COMPANY_HEADERS = ["No", "Perusahaan", "Stan", "Kuota", "Lamaran", "Wawancara", "Penempatan"]
UNREGISTERED = "Pemberi kerja tidak terdaftar di sistem"


def _number(value) -> str:
    return f"{value:,}".replace(",", ".")


def _period(fair) -> str:
    if fair.starts_on == fair.ends_on:
        return date_id(fair.starts_on)
    return f"{date_id(fair.starts_on)} \u2013 {date_id(fair.ends_on)}"


def _place(fair) -> str:
    parts = [label_of(FAIR_MODES, fair.mode)]
    if fair.venue:
        parts.append(fair.venue + (f", Kec. {fair.kecamatan.name}" if fair.kecamatan is not None else ""))
    return " \u2014 ".join(parts)


def company_rows(data) -> list[tuple]:
    rows = [(str(i), c.name, c.booth or "\u2013", _number(c.quota), _number(c.applications), _number(c.interviews),
             _number(c.placements)) for i, c in enumerate(data["companies"], start=1)]
    if data["unregistered_placements"]:
        rows.append(("", UNREGISTERED, "\u2013", "", "", "", _number(data["unregistered_placements"])))
    return rows


# ---- PDF ---------------------------------------------------------------------------------------------------

def render_pdf(data: dict) -> bytes:
    printed = datetime_id(utcnow())
    pages = []
    shell.render(lambda canvas: pages.append(_Writer(canvas, data, printed).write()), A4, data["title"])
    return shell.render(lambda canvas: _Writer(canvas, data, printed, pages[0]).write(), A4, data["title"])


class _Writer:
    def __init__(self, canvas, data, printed, pages=0):
        self.c, self.data, self.printed, self.pages, self.page = canvas, data, printed, pages, 1
        self.h = Panel(canvas, 0, PAGE_H)

    def write(self) -> int:
        h, fair, mid = self.h, self.data["fair"], LEFT + WIDTH / 2
        top = shell.letterhead(h, LEFT, LEFT + WIDTH, 16, 12)
        h.text(mid, top + 9, "LAPORAN HASIL BURSA KERJA", BOLD, 12, "center")
        h.fit(mid, top + 15, fair.name, WIDTH, BOLD, 10, 7, "center")
        h.fit(mid, top + 20.5, f"{_period(fair)} \u2014 {_place(fair)}", WIDTH, REG, 8.5, 6, "center")
        totals = self.data["totals"]
        y = top + 28
        h.text(LEFT, y, "Ringkasan", BOLD, 10)
        rows = [(label, _number(totals[key])) for key, label in TOTAL_LABELS]
        y = table(h, LEFT, y + 2.5, [("Uraian", 120, "left"), ("Jumlah", 30, "right")], rows, len(rows), HEADER_H,
                  ROW_H, SIZE) + 8
        h.text(LEFT, y, "Per perusahaan", BOLD, 10)
        columns = [("No", 10, "right"), ("Perusahaan", 78, "left"), ("Stan", 18, "center"), ("Kuota", 16, "right"),
                   ("Lamaran", 19, "right"), ("Wawancara", 20, "right"), ("Penempatan", 19, "right")]
        body = company_rows(self.data) or [("", "Belum ada perusahaan peserta.", "", "", "", "", "")]
        done, y = 0, y + 2.5
        while done < len(body):
            capacity = max(1, int((BOTTOM - y - HEADER_H) // ROW_H))
            take = min(capacity, len(body) - done)
            y = table(h, LEFT, y, columns, body[done:done + take], take, HEADER_H, ROW_H, SIZE)
            done += take
            if done < len(body):
                self._footer()
                self.c.showPage()
                self.page += 1
                h.text(LEFT, 14, f"{self.data['title']} (lanjutan)", BOLD, 8)
                y = 20.0
        h.lines(LEFT, min(y + 7, BOTTOM), "Lamaran: lamaran yang dibuat di bursa (tercatat dengan bursa ini). "
                "Wawancara: lamaran yang sampai tahap wawancara. Penempatan: penempatan yang dicatat untuk bursa ini "
                "atau berasal dari lamaran di bursa.", WIDTH, REG, 7, 3.2, 3, 5.5)
        self._footer()
        return self.page

    def _footer(self):
        shell.footer(self.h, LEFT, LEFT + WIDTH, 287, f"{self.data['title']}, dicetak {self.printed}", self.page,
                     self.pages, 7)


# ---- XLSX --------------------------------------------------------------------------------------------------

def render_xlsx(data: dict) -> bytes:
    """Two sheets: Ringkasan (the totals) and Per perusahaan. Names are written as text, never as formulas."""
    out = BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    title = workbook.add_format({"bold": True, "font_size": 13})
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    cell = workbook.add_format({"border": 1})
    total = workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
    fair = data["fair"]

    summary = workbook.add_worksheet("Ringkasan")
    summary.set_column(0, 0, 42)
    summary.set_column(1, 1, 14)
    summary.write_string(0, 0, data["title"], title)
    summary.write_string(1, 0, f"{_period(fair)} \u2014 {_place(fair)}")
    summary.write_string(3, 0, "Uraian", header)
    summary.write_string(3, 1, "Jumlah", header)
    for i, (key, label) in enumerate(TOTAL_LABELS, start=4):
        summary.write_string(i, 0, label, cell)
        summary.write_number(i, 1, data["totals"][key], cell)

    sheet = workbook.add_worksheet("Per perusahaan")
    for column, width in enumerate((6, 48, 10, 10, 12, 12, 12)):
        sheet.set_column(column, column, width)
    sheet.write_string(0, 0, data["title"], title)
    for column, text in enumerate(COMPANY_HEADERS):
        sheet.write_string(2, column, text, header)
    row = 3
    for i, company in enumerate(data["companies"], start=1):
        sheet.write_number(row, 0, i, cell)
        sheet.write_string(row, 1, company.name, cell)
        sheet.write_string(row, 2, company.booth or "", cell)
        for column, value in enumerate((company.quota, company.applications, company.interviews,
                                        company.placements), start=3):
            sheet.write_number(row, column, value, cell)
        row += 1
    if data["unregistered_placements"]:
        sheet.write_blank(row, 0, None, cell)
        sheet.write_string(row, 1, UNREGISTERED, cell)
        for column in (2, 3, 4, 5):
            sheet.write_blank(row, column, None, cell)
        sheet.write_number(row, 6, data["unregistered_placements"], cell)
        row += 1
    sheet.write_blank(row, 0, None, total)
    sheet.write_string(row, 1, "Jumlah", total)
    sheet.write_blank(row, 2, None, total)
    for column, key in ((3, "quota"), (4, "applications"), (5, "interviews"), (6, "placements")):
        sheet.write_number(row, column, data["totals"][key], total)
    sheet.freeze_panes(3, 0)
    workbook.close()
    return out.getvalue()
