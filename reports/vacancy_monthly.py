"""A monthly report (app/reporting: the vacancy report, the placement report; later the IPK) as an A4 landscape
PDF in the document shell: letterhead, title, summary lines, then each table ruled, split across pages with its
header repeated, its totals row kept with at least one row, and the basis of the numbers under the last table.

Drawn twice: the first pass counts the pages the footers name ("Halaman 1 dari 2"). Needs an app context (the
office profile)."""
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from app.core.formatting import datetime_id
from app.core.models import utcnow
from app.reporting.tables import TOTAL_LABEL, Report, number
from reports import shell
from reports.layout import BOLD, OBLIQUE, REG, Panel, baseline, fit_lines

PAGE_W, PAGE_H = landscape(A4)
LEFT = 15.0  # mm
WIDTH = PAGE_W / mm - 2 * LEFT  # 267 mm
BOTTOM = 193.0  # mm from the top: nothing below but the footer
FOOTER = 202.0
NO_W, NUMBER_W, NARROW_W, LABEL_MIN = 9.0, 19.0, 16.0, 70.0  # numbers narrower in a wide table
HEADER_SIZE, HEADER_LEADING, HEADER_LINES = 7.5, 3.1, 3
ROW_H, SIZE = 5.2, 8.0
HEADING_H = 8.0


def render_pdf(report: Report) -> bytes:
    printed_at, pages = datetime_id(utcnow()), []
    shell.render(lambda canvas: pages.append(_Writer(canvas, report, printed_at).write()), landscape(A4),
                 report.title)
    return shell.render(lambda canvas: _Writer(canvas, report, printed_at, pages[0]).write(), landscape(A4),
                        report.title)


def _columns(table):
    """(title, width mm, align): No, the label (what is left), the numbers."""
    if table.label_width:  # short labels (months): the numbers share the rest
        number_w = (WIDTH - NO_W - table.label_width) / max(len(table.columns), 1)
    else:
        widest = NUMBER_W if len(table.columns) <= 6 else NARROW_W
        number_w = min(widest, (WIDTH - NO_W - LABEL_MIN) / max(len(table.columns), 1))
    label_w = WIDTH - NO_W - number_w * len(table.columns)
    return [("No", NO_W, "right"), (table.header, label_w, "left")] + \
        [(title, number_w, "right") for title in table.columns]


class _Writer:
    def __init__(self, canvas, report, printed_at, pages=0):
        self.c, self.report, self.page, self.pages, self.printed_at = canvas, report, 1, pages, printed_at
        self.h = Panel(canvas, 0, PAGE_H)
        self.top = 0.0

    def write(self) -> int:
        self.top = self._first_page()
        for table in self.report.tables:
            self._table(table)
        self._basis()
        self._footer()
        return self.page

    def _first_page(self) -> float:
        h, mid = self.h, LEFT + WIDTH / 2
        top = shell.letterhead(h, LEFT, LEFT + WIDTH, 14, 12)
        h.fit(mid, top + 8, self.report.title, WIDTH, BOLD, 12, 9, "center")
        top += 14
        for line in self.report.summary:
            h.fit(LEFT, top, line, WIDTH, REG, 8.5, 6.5)
            top += 4.4
        return top + 1

    def _new_page(self):
        self._footer()
        self.c.showPage()
        self.page += 1
        self.h.fit(LEFT, 12, f"{self.report.title} (lanjutan)", WIDTH, BOLD, 8, 6)
        self.top = 17.0

    def _footer(self):
        shell.footer(self.h, LEFT, LEFT + WIDTH, FOOTER, f"{self.report.title}, dicetak {self.printed_at}",
                     self.page, self.pages, 7)

    def _table(self, table):
        columns = _columns(table)
        header_h = self._header_height(columns)
        rows = [(str(i), label, *(number(v) for v in values)) for i, (label, values) in
                enumerate(table.rows, start=1)] or [("", table.empty, *[""] * len(table.columns))]
        footer_rows = 1 if table.totals is not None else 0
        done = 0
        while True:
            capacity = int((BOTTOM - self.top - HEADING_H - header_h) // ROW_H)
            remaining = len(rows) - done
            # The totals row goes with at least one row; no heading over a stub of a table at a page foot.
            take = remaining if remaining + footer_rows <= capacity else min(capacity, remaining - 1)
            if take < min(3, remaining):
                self._new_page()
                continue
            self.h.text(LEFT, self.top + 5.5, table.title + (" (lanjutan)" if done else ""), BOLD, 10)
            top = self.top + HEADING_H - 1
            top = self._header(columns, top, header_h)
            top = self._rows(columns, rows[done:done + take], top)
            done += take
            if done >= len(rows):
                if table.totals is not None:
                    top = self._rows(columns, [("", TOTAL_LABEL, *(number(v) for v in table.totals))], top,
                                     BOLD, 0.92)
                self.top = top + 5
                return
            self._new_page()

    @staticmethod
    def _header_height(columns) -> float:
        lines = max(len(fit_lines(title, BOLD, HEADER_SIZE, (w - 2.4) * mm, HEADER_LINES, 6)[0])
                    for title, w, _ in columns)
        return max(lines, 1) * HEADER_LEADING + 2.4

    def _header(self, columns, top, height) -> float:
        h, x = self.h, LEFT
        h.rect(LEFT, top, WIDTH, height, width=0.7, fill_gray=0.88)
        for title, w, align in columns:
            lines, size = fit_lines(title, BOLD, HEADER_SIZE, (w - 2.4) * mm, HEADER_LINES, 6)
            for i, line in enumerate(lines):
                anchor = {"left": x + 1.2, "right": x + w - 1.2}[align]
                h.text(anchor, top + 1.2 + 2.5 + i * HEADER_LEADING, line, BOLD, size, align)
            if x > LEFT:
                h.c.setLineWidth(0.35)
                h.c.line(*h.xy(x, top), *h.xy(x, top + height))
            x += w
        return top + height

    def _rows(self, columns, rows, top, font=REG, fill=None) -> float:
        h = self.h
        for row in rows:
            if fill is not None:
                h.rect(LEFT, top, WIDTH, ROW_H, width=0.7, fill_gray=fill)
            else:
                h.rect(LEFT, top, WIDTH, ROW_H, width=0.35)
            x = LEFT
            for value, (_title, w, align) in zip(row, columns):
                anchor = {"left": x + 1.2, "right": x + w - 1.2}[align]
                h.fit(anchor, baseline(top, ROW_H, SIZE), value, w - 2.4, font, SIZE, 5.0, align)
                if x > LEFT:
                    h.c.setLineWidth(0.35)
                    h.c.line(*h.xy(x, top), *h.xy(x, top + ROW_H))
                x += w
            top += ROW_H
        return top

    def _basis(self):
        if not self.report.basis:
            return
        lines, _size = fit_lines(self.report.basis, OBLIQUE, 7.5, WIDTH * mm, 3, 6.5)
        if self.top + len(lines) * 3.4 > BOTTOM:
            self._new_page()
        self.h.lines(LEFT, self.top, self.report.basis, WIDTH, OBLIQUE, 7.5, 3.4, 3, 6.5)
