"""The monthly PKWT recap (app/contracts/recap.py: recap()) as an A4 PDF in the document shell: letterhead,
title and summary, then each breakdown as a ruled table split across pages with its header repeated."""
from reportlab.lib.pagesizes import A4

from app.contracts.recap import TOTAL_LABEL, Row
from app.core.formatting import datetime_id
from app.core.models import utcnow
from reports import shell
from reports.layout import BOLD, REG, Panel, baseline, table

PAGE_W, PAGE_H = A4
LEFT = 15.0  # mm
WIDTH = 180.0
BOTTOM = 279.0  # mm from the top: nothing below but the footer
HEADER_H, ROW_H, SIZE = 5.6, 5.0, 8.0
HEADING_H = 8.0


def render_pdf(data: dict) -> bytes:
    """A recap() as an A4 document: letterhead, title, summary, one table per breakdown. Drawn twice: the
    first pass counts the pages the footers name ("Halaman 1 dari 3"); a recap is a few pages."""
    printed_at, pages = datetime_id(utcnow()), []
    shell.render(lambda canvas: pages.append(_PdfWriter(canvas, data, printed_at).write()), A4, data["title"])
    return shell.render(lambda canvas: _PdfWriter(canvas, data, printed_at, pages[0]).write(), A4, data["title"])


def _number(value) -> str:
    return f"{value:,}".replace(",", ".")


class _PdfWriter:
    """Letterhead and title on the first page, then each breakdown as a ruled table, split across pages with
    its header repeated."""

    def __init__(self, canvas, data, printed_at, pages=0):
        self.c, self.data, self.page, self.pages, self.printed_at = canvas, data, 1, pages, printed_at
        self.h = Panel(canvas, 0, PAGE_H)
        self.top = 0.0

    def write(self) -> int:
        """Draws the recap; returns its page count."""
        self.top = self._letterhead()
        for breakdown in self.data["breakdowns"].values():
            self._breakdown(breakdown)
        self._footer()
        return self.page

    def _letterhead(self) -> float:
        h, mid = self.h, LEFT + WIDTH / 2
        top = shell.letterhead(h, LEFT, LEFT + WIDTH, 16, 12)
        h.text(mid, top + 9, self.data["title"], BOLD, 12, "center")
        totals = self.data["totals"]
        h.text(mid, top + 15, f"PKWT yang dicatat (pengajuan disetujui) pada bulan {self.data['period']}: "
                        f"{_number(totals.total)} pekerja — laki-laki {_number(totals.male)}, perempuan "
                        f"{_number(totals.female)}", REG, 8.5, "center")
        return top + 22

    def _new_page(self):
        self._footer()
        self.c.showPage()
        self.page += 1
        self.h.text(LEFT, 14, f"{self.data['title']} (lanjutan)", BOLD, 8)
        self.top = 20.0

    def _footer(self):
        shell.footer(self.h, LEFT, LEFT + WIDTH, 287, f"{self.data['title']}, dicetak {self.printed_at}", self.page,
                     self.pages, 7)

    def _breakdown(self, breakdown):
        columns = [("No", 10, "right"), (breakdown["header"], 110, "left"), ("L", 20, "right"), ("P", 20, "right"),
                   ("Jumlah", 20, "right")]
        rows = [(str(i), r.label, _number(r.male), _number(r.female), _number(r.total))
                for i, r in enumerate(breakdown["rows"], start=1)] or [("", "Tidak ada PKWT yang dicatat.", "", "", "")]
        done = 0
        while True:
            capacity = int((BOTTOM - self.top - HEADING_H - HEADER_H) // ROW_H)
            remaining = len(rows) - done
            # The totals row goes with at least one row; no heading over a stub of a table at a page foot.
            take = remaining if remaining + 1 <= capacity else min(capacity, remaining - 1)
            if take < min(3, remaining):
                self._new_page()
                continue
            self.h.text(LEFT, self.top + 5.5, breakdown["title"] + (" (lanjutan)" if done else ""), BOLD, 10)
            bottom = table(self.h, LEFT, self.top + HEADING_H - 1, columns, rows[done:done + take], take, HEADER_H,
                           ROW_H, SIZE)
            done += take
            if done >= len(rows):
                self.top = self._total_row(columns, breakdown["totals"], bottom) + 4
                return
            self._new_page()

    def _total_row(self, columns, totals: Row, top) -> float:
        h = self.h
        h.rect(LEFT, top, WIDTH, ROW_H, width=0.7, fill_gray=0.92)
        values = ("", TOTAL_LABEL, _number(totals.male), _number(totals.female), _number(totals.total))
        x = LEFT
        for value, (_title, width, align) in zip(values, columns):
            anchor = {"left": x + 1.2, "center": x + width / 2, "right": x + width - 1.2}[align]
            h.fit(anchor, baseline(top, ROW_H, SIZE), value, width - 2.4, BOLD, SIZE, 5.0, align)
            x += width
        return top + ROW_H
