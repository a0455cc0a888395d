"""QR codes drawn straight on a ReportLab canvas, fast enough for batches of thousands of documents.

The code is the one ``app.core.documents.qr_drawing`` makes (ReportLab's encoder, level M, 4-module quiet
zone), module for module (tests/test_ak1_card.py compares). Two things make it several times faster:
- the choice of mask: ReportLab builds and scores the eight candidates module by module in Python (~10 ms a
  code); here the same penalty rules run over byte strings and integers;
- the drawing: one path written in module units instead of a Drawing of hundreds of shapes, each number
  formatted by ReportLab's pure-Python float formatter.
"""
import re
from itertools import groupby

from reportlab.graphics.barcode import qrencoder

_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER_LIKE = bytes([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0])
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


class FastQRCode(qrencoder.QRCode):
    """ReportLab's QRCode with a faster, equivalent `getBestMaskPattern`."""

    def getBestMaskPattern(self):
        self.makeImpl(True, 0)  # in test mode the eight candidates differ in their data modules only
        positions = self.dataPosIterator()
        bits = list(self.dataBitIterator(self.dataCache))
        bits += [False] * (len(positions) - len(bits))
        base = [bytearray(row) for row in self.modules]
        best, best_points = 0, None
        for pattern in range(8):
            mask = qrencoder.QRUtil.getMask(pattern)
            grid = [row[:] for row in base]
            for (col, row), dark in zip(positions, bits):
                grid[row][col] = dark ^ mask(row, col)
            points = lost_points(grid)
            if best_points is None or points < best_points:
                best, best_points = pattern, points
        return best


def lost_points(grid: list[bytearray]) -> int:
    """QRUtil.getLostPoint, rule for rule, including its quirks: the finder-like pattern is searched in one
    direction, along rows only, skipping the last position of each row."""
    size = len(grid)
    rows = [bytes(row) for row in grid]
    columns = [bytes(column) for column in zip(*grid)]
    points = sum(len(m.group()) - 2 for line in rows + columns for m in _RUN.finditer(line))  # runs of 5+
    numbers = [int(row.translate(_AS_DIGITS), 2) for row in rows]
    pairs = (1 << (size - 1)) - 1
    for upper, lower in zip(numbers, numbers[1:]):  # 2×2 blocks of one colour
        same = ~(upper ^ lower)
        points += 3 * (same & (same >> 1) & ~(upper ^ (upper >> 1)) & pairs).bit_count()
    last = size - len(_FINDER_LIKE)
    for row in rows:
        j = row.find(_FINDER_LIKE)
        while 0 <= j < last:
            points += 40
            j = row.find(_FINDER_LIKE, j + len(_FINDER_LIKE))
    dark = sum(row.count(1) for row in rows)
    return points + 10 * (abs(100 * dark // (size * size) - 50) // 5)


def qr_modules(value: str, level: str = "M") -> list[list[bool]]:
    qr = FastQRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    qr.addData(value)
    qr.make()
    return qr.modules


def draw_qr(canvas, value: str, x: float, y: float, size: float, level: str = "M", border: int = 4):
    """The QR code of `value` with its lower left corner at (x, y), `size` points square, quiet zone included."""
    modules = qr_modules(value, level)
    count = len(modules)
    box = size / (count + 2 * border)
    ops = [f"q 0 g {box:.5f} 0 0 {box:.5f} {x:.3f} {y:.3f} cm"]
    for r, row in enumerate(modules):
        bottom = count + border - 1 - r
        column = border
        for dark, run in groupby(row):
            length = sum(1 for _ in run)
            if dark:
                ops.append(f"{column} {bottom} {length} 1 re")
            column += length
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))

