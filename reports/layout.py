"""Small drawing kit for documents drawn straight on a ReportLab canvas (fast, page by page): text fitted to
its box (smaller type, then cut with an ellipsis; never outside), panels measured in mm from the top, ruled
tables. Standard PDF fonts only (Helvetica): nothing to embed."""
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

REG, BOLD, OBLIQUE = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
ELLIPSIS = "\u2026"


@contextmanager
def binary_streams():
    """Compressed page streams without the ASCII85 layer ReportLab adds by default: encoding it in pure Python
    costs milliseconds per page and makes the file a quarter larger. ReportLab reads the setting when it writes
    the pages, at save; a document saved meanwhile in another thread gets either encoding, both valid."""
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


# ---- text fitting: every text stays inside its box --------------------------------------------------------

def _prefix_fitting(text, font, size, width) -> int:
    """The longest prefix of `text` not wider than `width` (at least one character)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def wrap(text, font, size, width) -> list[str]:
    """Lines at word breaks; a word longer than a line is cut."""
    lines = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width:
            cut = _prefix_fitting(line, font, size, width)
            lines.append(line[:cut])
            line = line[cut:].lstrip()
        if line:
            lines.append(line)
    return lines


def _ellipsize(line, font, size, width) -> str:
    while line and stringWidth(line + ELLIPSIS, font, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def fit_lines(text, font, size, width, max_lines=1, min_size=6.0) -> tuple[list[str], float]:
    """`text` in at most `max_lines` lines of `width` points: smaller type first, then cut with an ellipsis."""
    text = " ".join(str(text if text is not None else "").split())
    if not text:
        return [], size
    while True:
        lines = wrap(text, font, size, width)
        if len(lines) <= max_lines or size - 0.5 < min_size:
            break
        size -= 0.5
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], font, size, width)
    return lines, size


# ---- drawing ------------------------------------------------------------------------------------------

class Panel:
    """Drawing on a part of a page in millimetres from its top-left corner (`x` right, `top` down)."""

    def __init__(self, canvas, left_mm, page_height):
        self.c = canvas
        self.x0 = left_mm
        self.page_height = page_height

    def xy(self, x, top):
        """Page coordinates in points."""
        return (self.x0 + x) * mm, self.page_height - top * mm

    def text(self, x, top, s, font=REG, size=8.0, align="left"):
        if not s:
            return
        self.c.setFont(font, size)
        px, py = self.xy(x, top)
        if align == "center":
            self.c.drawCentredString(px, py, s)
        elif align == "right":
            self.c.drawRightString(px, py, s)
        else:
            self.c.drawString(px, py, s)

    def fit(self, x, top, s, width, font=REG, size=8.0, min_size=5.5, align="left"):
        """One line, shrunk or cut to `width` mm; `x` is the left edge, the centre or the right edge."""
        lines, size = fit_lines(s, font, size, width * mm, 1, min_size)
        if lines:
            self.text(x, top, lines[0], font, size, align)

    def lines(self, x, top, s, width, font=REG, size=8.0, leading=3.6, max_lines=2, min_size=6.0) -> int:
        """Wrapped text, first baseline at `top`; returns the number of lines drawn."""
        lines, size = fit_lines(s, font, size, width * mm, max_lines, min_size)
        for i, line in enumerate(lines):
            self.text(x, top + i * leading, line, font, size)
        return len(lines)

    def hline(self, x1, x2, top, width=0.5, dash=None, gray=0.0):
        c = self.c
        c.saveState()
        c.setLineWidth(width)
        c.setStrokeGray(gray)
        if dash:
            c.setDash(*dash)
        c.line(*self.xy(x1, top), *self.xy(x2, top))
        c.restoreState()

    def rect(self, x, top, w, h, width=0.5, fill_gray=None):
        c = self.c
        c.setLineWidth(width)
        px, py = self.xy(x, top + h)
        if fill_gray is not None:
            c.setFillGray(fill_gray)
            c.rect(px, py, w * mm, h * mm, stroke=1, fill=1)
            c.setFillGray(0)
        else:
            c.rect(px, py, w * mm, h * mm, stroke=1, fill=0)


def baseline(top, height, size):
    """Baseline that centres a line of `size` points in a row `height` mm high."""
    return top + height / 2 + size * 0.125


def table(h, left, top, columns, rows, n_rows, header_h=4.8, row_h=4.6, size=7.0):
    """A ruled table of `n_rows` rows (blank ones to fill by hand) with a shaded header; `columns` are
    (title, width mm, align), every cell one line fitted to its column. Returns its bottom (mm)."""
    width = sum(w for _, w, _ in columns)
    h.rect(left, top, width, header_h, width=0.5, fill_gray=0.88)
    h.rect(left, top, width, header_h + n_rows * row_h, width=0.7)
    segments, x = [], left
    for _, w, _ in columns[:-1]:
        x += w
        segments.append((*h.xy(x, top), *h.xy(x, top + header_h + n_rows * row_h)))
    for i in range(1, n_rows):
        y = top + header_h + i * row_h
        segments.append((*h.xy(left, y), *h.xy(left + width, y)))
    h.c.setLineWidth(0.35)
    h.c.lines(segments)
    for i, row in enumerate([None] + list(rows[:n_rows])):
        row_top, height = (top, header_h) if i == 0 else (top + header_h + (i - 1) * row_h, row_h)
        x = left
        for j, (title, w, align) in enumerate(columns):
            value = title if row is None else row[j]
            font = BOLD if row is None else REG
            anchor = {"left": x + 1.2, "center": x + w / 2, "right": x + w - 1.2}[align]
            h.fit(anchor, baseline(row_top, height, size), value, w - 2.4, font, size, 5.0, align)
            x += w
    return top + header_h + n_rows * row_h
