"""The IPK forms III/1–III/8 as an A4 landscape PDF: each form from a new page under the office's letterhead, its
parts as ruled tables with the two header rows of the layout (the measure or group over its L / P / Jml columns),
derived rows bold, continued on further pages with the header repeated; under the last part the "Mengetahui"
block (the head of office, from the office profile) beside the preparer's.

Drawn twice: the first pass counts the pages the footers name. Needs an app context (the office profile)."""
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from app.core.formatting import date_id, datetime_id, today_jakarta
from app.core.models import utcnow
from app.office.services import office_profile
from app.reporting.tables import number
from reports import shell
from reports.layout import BOLD, REG, Panel, baseline, fit_lines

PAGE_W, PAGE_H = landscape(A4)
LEFT = 12.0
WIDTH = PAGE_W / mm - 2 * LEFT  # 273 mm
BOTTOM, FOOTER = 196.0, 203.0
CODE_W, LABEL_MIN, NUMBER_MAX = 10.0, 58.0, 16.0
ROW_H, HEAD_H = 4.6, 5.0
SIGNATURE_H = 34.0


def render_pdf(month, forms_grids, preparer: str) -> bytes:
    title = f"Laporan IPK III/1–III/8 — {month.label}"
    printed_at, pages = datetime_id(utcnow()), []
    shell.render(lambda c: pages.append(_Writer(c, month, forms_grids, preparer, title, printed_at).write()),
                 landscape(A4), title)
    return shell.render(lambda c: _Writer(c, month, forms_grids, preparer, title, printed_at, pages[0]).write(),
                        landscape(A4), title)


class _Writer:
    def __init__(self, canvas, month, forms_grids, preparer, title, printed_at, pages=0):
        self.c, self.month, self.forms_grids, self.preparer = canvas, month, forms_grids, preparer
        self.title, self.printed_at, self.page, self.pages = title, printed_at, 1, pages
        self.h = Panel(canvas, 0, PAGE_H)
        self.top, self.form = 0.0, None

    def write(self) -> int:
        for index, (form, grids) in enumerate(self.forms_grids):
            if index:
                self._break()
            self.form = form
            self._form_head(form)
            for grid in grids:
                self._grid(grid)
            self._signatures()
        self._footer()
        return self.page

    def _break(self):
        self._footer()
        self.c.showPage()
        self.page += 1

    def _continued(self):
        self._break()
        self.h.fit(LEFT, 10, f"IPK {self.form.code} — {self.form.title} — {self.month.label} (lanjutan)", WIDTH,
                   BOLD, 8, 6)
        self.top = 14.0

    def _footer(self):
        shell.footer(self.h, LEFT, LEFT + WIDTH, FOOTER, f"{self.title}, dicetak {self.printed_at}", self.page,
                     self.pages, 7)

    def _form_head(self, form):
        h, mid = self.h, LEFT + WIDTH / 2
        top = shell.letterhead(h, LEFT, LEFT + WIDTH, 11, 10)
        h.text(LEFT + WIDTH, top + 5, f"IPK {form.code}", BOLD, 11, "right")
        h.fit(mid, top + 5.5, form.title.upper(), WIDTH - 60, BOLD, 11, 8, "center")
        h.fit(mid, top + 10.5, f"Bulan {self.month.label}", WIDTH, REG, 9, 7, "center")
        self.top = top + 14

    def _columns(self, grid):
        count = len(grid.columns)
        number_w = min(NUMBER_MAX, (WIDTH - CODE_W - LABEL_MIN) / count)
        return CODE_W, WIDTH - CODE_W - number_w * count, number_w

    def _grid(self, grid):
        widths = self._columns(grid)
        size = 7.0 if len(grid.columns) <= 15 else 6.3
        done, rows = 0, grid.rows
        while done < len(rows):
            room = int((BOTTOM - self.top - 6 - 2 * HEAD_H) // ROW_H)
            if room < min(3, len(rows) - done):
                self._continued()
                continue
            self.h.fit(LEFT, self.top + 4, grid.part.title + (" (lanjutan)" if done else ""), WIDTH, BOLD, 9, 7)
            top = self._header(grid, self.top + 6, widths)
            take = rows[done:done + room]
            top = self._rows(grid, take, top, widths, size)
            done += len(take)
            self.top = top + 4
            if done < len(rows):
                self._continued()

    def _header(self, grid, top, widths) -> float:
        code_w, label_w, number_w = widths
        h = self.h
        h.rect(LEFT, top, WIDTH, 2 * HEAD_H, width=0.7, fill_gray=0.88)
        h.fit(LEFT + code_w / 2, top + HEAD_H + 1.5, "Kode", code_w - 1, BOLD, 7, 5, "center")
        h.fit(LEFT + code_w + 1.2, top + HEAD_H + 1.5, grid.part.header, label_w - 2.4, BOLD, 7, 5)
        x = LEFT + code_w + label_w
        h.c.setLineWidth(0.35)
        for edge in (LEFT + code_w, x):
            h.c.line(*h.xy(edge, top), *h.xy(edge, top + 2 * HEAD_H))
        h.c.line(*h.xy(x, top + HEAD_H), *h.xy(LEFT + WIDTH, top + HEAD_H))
        for group, span in grid.groups:
            w = span * number_w
            lines, group_size = fit_lines(group, BOLD, 6.5, (w - 1.5) * mm, 2, 4.5)
            for i, line in enumerate(lines):
                h.text(x + w / 2, top + (3.4 if len(lines) == 1 else 2.2 + i * 2.4), line, BOLD, group_size,
                       "center")
            h.c.line(*h.xy(x, top), *h.xy(x, top + 2 * HEAD_H))
            x += w
        x = LEFT + code_w + label_w
        for column in grid.columns:
            h.fit(x + number_w / 2, top + HEAD_H + 3.5, column.label, number_w - 1, BOLD, 6.5, 4.5, "center")
            h.c.line(*h.xy(x, top + HEAD_H), *h.xy(x, top + 2 * HEAD_H))
            x += number_w
        return top + 2 * HEAD_H

    def _rows(self, grid, rows, top, widths, size) -> float:
        code_w, label_w, number_w = widths
        h = self.h
        for row in rows:
            derived = bool(row.terms)
            font = BOLD if derived else REG
            h.rect(LEFT, top, WIDTH, ROW_H, width=0.35, fill_gray=0.94 if derived else None)
            y = baseline(top, ROW_H, size)
            h.fit(LEFT + code_w / 2, y, row.code, code_w - 1, font, size, 4.5, "center")
            h.fit(LEFT + code_w + 1.2, y, row.label, label_w - 2.4, font, size, 5, "left")
            x = LEFT + code_w + label_w
            h.c.setLineWidth(0.35)
            h.c.line(*h.xy(LEFT + code_w, top), *h.xy(LEFT + code_w, top + ROW_H))
            for value in row.values:
                h.c.line(*h.xy(x, top), *h.xy(x, top + ROW_H))
                h.fit(x + number_w - 1.6, y, number(value), number_w - 2.0, font, size, 4.5, "right")
                x += number_w
            top += ROW_H
        return top

    def _signatures(self):
        if self.top + SIGNATURE_H > BOTTOM:
            self._continued()
        profile, h, top = office_profile(), self.h, self.top + 2
        quarter = WIDTH / 4
        h.text(LEFT + quarter, top, "Mengetahui,", REG, 9, "center")
        shell.signature(h, LEFT + quarter, top + 4.5, WIDTH / 2 - 10, f"Kepala {shell.office().full_name}",
                        profile.head_name or None, [profile.head_rank, f"NIP {profile.head_nip}"
                                                    if profile.head_nip else None], date_id(today_jakarta()),
                        size=8.5, gap=12)
        h.text(LEFT + 3 * quarter, top, "Dibuat oleh,", REG, 9, "center")
        shell.signature(h, LEFT + 3 * quarter, top + 4.5, WIDTH / 2 - 10, "Petugas Antarkerja", self.preparer, [],
                        date_id(today_jakarta()), size=8.5, gap=12)
        self.top = top + SIGNATURE_H
