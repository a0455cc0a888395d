"""The AK-1 card (Kartu Tanda Bukti Pendaftaran Pencari Kerja, domain.md §3).

One A4 landscape sheet per card, folded in two: the left half is the front, the right half the back. Drawn
straight on a ReportLab canvas one page at a time (no flowables kept across cards), so a batch of thousands of
cards streams with flat memory. The holder's data comes from the card's snapshot frozen at issue; the card's
own fields (number, dates, officer, re-reports, placement) from the card row.

Needs an app context (configuration, stored photos, the verification token). Helvetica only: nothing embedded.
"""
from datetime import date
from io import BytesIO

from flask import current_app
from PIL import Image, ImageOps
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from werkzeug.exceptions import NotFound

from app.core.files import StoredFile, open_file
from app.core.formatting import date_id
from app.extensions import db
from app.seekers.documents import KIND, card_data, register_documents
from app.reference.lists import SEX_LABELS
from app.seekers.rules import report_due_dates
from reports import shell
from reports.layout import BOLD, OBLIQUE, REG, Panel, binary_streams, table

PAGE_W, PAGE_H = landscape(A4)
HALF = PAGE_W / 2 / mm  # one half of the sheet, in mm (148.5)
L, R = 11.0, HALF - 11.0  # content edges within a half, mm
MID = (L + R) / 2
PHOTO_PX = (360, 480)  # 3×4 cm at 300 dpi: larger uploads are scaled down, the PDF stays small
SPELLED = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 12: "dua belas"}

TITLE = "KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA"
LABEL = "AK/I"


# ---- public ----------------------------------------------------------------------------------------------

def render_cards(cards, out, on_card=None) -> int:
    """Write one PDF with a sheet per card to the binary file-like `out`; `cards` may be a generator (it is
    consumed once, card by card). `on_card(n)` is called after each sheet. Returns the number of sheets."""
    register_documents()  # the QR token needs the "ak1" kind
    canvas = shell.new_canvas(out, (PAGE_W, PAGE_H), "Kartu AK/I")
    count = 0
    with binary_streams():
        for card in cards:
            _draw_sheet(canvas, card, current_app.config)
            canvas.showPage()
            count += 1
            if on_card:
                on_card(count)
        canvas.save()
    return count


def render_card(card) -> bytes:
    buffer = BytesIO()
    render_cards([card], buffer)
    return buffer.getvalue()


# ---- the card's frame ----------------------------------------------------------------------------------

def _border(h):
    h.rect(6, 6, HALF - 12, 198, width=1.2)
    h.rect(7.2, 7.2, HALF - 14.4, 195.6, width=0.4)


def _field(h, top, label, value, label_w, font=REG, size=8.0, width=None, max_lines=1, leading=3.6,
           dotted=False) -> int:
    """`label : value`, the value wrapped in its column; returns the lines used (at least one)."""
    h.text(L, top, label, REG, 8)
    h.text(L + label_w, top, ":", REG, 8)
    x = L + label_w + 2
    width = width or R - x
    if dotted:  # a blank to fill by hand when there is nothing yet
        for i in range(max_lines):
            h.hline(x, x + width, top + 0.8 + i * leading, width=0.4, dash=(0.6, 1.6), gray=0.4)
    return max(1, h.lines(x, top, value, width, font, size, leading, max_lines, min(size, 6.5)))


# ---- the two halves ----------------------------------------------------------------------------------------

def _spelled(n) -> str:
    return f"{n} ({SPELLED[n]})" if n in SPELLED else str(n)


def _rules(config, office) -> list[str]:
    years, months = config["AK1_VALID_YEARS"], config["AK1_REPORT_MONTHS"]
    interval = months[0] if months else 6
    return [
        f"Kartu ini berlaku secara nasional selama {_spelled(years)} tahun sejak tanggal diterbitkan.",
        f"Selama belum ditempatkan, pemegang kartu wajib melapor ulang setiap {_spelled(interval)} bulan "
        "sekali (lihat tabel lapor ulang).",
        f"Setiap perubahan data diri atau penempatan kerja wajib dilaporkan kepada {office.name} paling "
        "lambat 1 (satu) minggu sesudahnya.",
        f"Apabila pemegang kartu diterima bekerja, pemberi kerja wajib mengembalikan kartu ini kepada "
        f"{office.full_name}.",
    ]


def _report_rows(card, config) -> list[list[str]]:
    """One row per scheduled re-report: due date, date reported, officer (or online)."""
    done = {report.sequence: report for report in card.reports}
    dues = report_due_dates(card.issued_at, config["AK1_REPORT_MONTHS"]) if card.issued_at else []
    rows = []
    for sequence, due in enumerate(dues, start=1):
        report = done.get(sequence)
        officer = ""
        if report is not None:
            officer = report.officer_name or ("online" if report.channel == "online" else "loket")
        rows.append([f"Ke-{sequence}", date_id(due), date_id(report.reported_at) if report else "", officer])
    return rows


def _front(h, card, data, photo, config):
    office = shell.office()
    _border(h)
    shell.letterhead(h, L, R, 14.5, 10.5, margin=20)
    h.rect(R - 19, 9.5, 19, 12.5, width=1.2)
    h.text(R - 9.5, 18.2, LABEL, BOLD, 14, "center")
    h.fit(MID, 33.5, TITLE, R - L, BOLD, 10, 7, "center")

    _field(h, 41, "Nomor Pendaftaran", card.number, 32, BOLD, 11)
    _field(h, 47.5, "NIK", data.get("nik"), 32, BOLD, 11)

    # Photo and the holder's signature
    h.rect(L + 2, 54, 30, 40, width=0.6)
    if photo is not None:
        px, py = h.xy(L + 2.4, 93.6)
        h.c.drawImage(photo, px, py, 29.2 * mm, 39.2 * mm, preserveAspectRatio=True, anchor="c")
    else:
        h.text(L + 17, 73, "Pas foto", REG, 7, "center")
        h.text(L + 17, 76.5, "3\u00d74", REG, 7, "center")
    h.hline(L, L + 34, 106.5, width=0.5)
    h.text(L + 17, 110, "Tanda tangan pemegang kartu", REG, 6, "center")

    # Rules
    x = L + 39
    h.text(x, 56.5, "KETENTUAN", BOLD, 8)
    top = 61.0
    for number, rule in enumerate(_rules(config, office), start=1):
        h.text(x, top, f"{number}.", REG, 7)
        used = h.lines(x + 4, top, rule, R - x - 4, REG, 7, 3.05, 4, 6)
        top += used * 3.05 + 0.9

    # Re-reports
    h.text(L, 118, "LAPOR ULANG", BOLD, 8)
    h.text(L + 21, 118, "(wajib selama belum ditempatkan)", REG, 6.5)
    rows = _report_rows(card, config)
    n_rows = max(len(rows), 3)
    table(h, L, 120.5, [("Laporan", 21, "center"), ("Batas lapor", 31, "center"), ("Tanggal lapor", 31, "center"),
                      ("Petugas / paraf", R - L - 83, "left")], rows, n_rows, 5.5, 21 / n_rows, 7.5)

    # Placement
    _field(h, 154, "Diterima penempatan di", card.placement_employer, 32, BOLD, 8, max_lines=2, dotted=True)
    _field(h, 165, "Tanggal penempatan", date_id(card.placed_at), 32, BOLD, 8, dotted=True)

    # Verification
    shell.verification_qr(h, R - 25, 171, 25, KIND, card.id, 6.5)
    for i, note in enumerate(("Kartu ini diberikan tanpa dipungut biaya.",
                              "Keaslian kartu dapat diperiksa dengan memindai kode QR di samping.",
                              f"Bawalah kartu ini setiap kali melapor ke {office.name}.")):
        h.fit(L, 186 + i * 3.4, note, R - L - 29, OBLIQUE, 6.5, 5.5)
    # Inside the frame (the card is cut along it), level with the QR caption; one card, no page numbers.
    shell.footer(h, L, R - 29, 199.2, f"Kartu AK/I Nomor {card.number or '-'}", size=6, rule=False)


def _years(experience) -> str:
    start, end = experience.get("from"), experience.get("to")
    if end is None:
        return f"{start}\u2013sekarang"
    return str(start) if start == end else f"{start}\u2013{end}"


def _personal_rows(data) -> list[tuple[str, str, str, int]]:
    """(label, value, font, max lines) as printed on the back."""
    born = date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None
    birth = ", ".join(part for part in (data.get("birth_place"), date_id(born)) if part)
    return [
        ("Nama lengkap", data.get("full_name"), BOLD, 2),
        ("Tempat, tanggal lahir", birth, REG, 2),
        ("Jenis kelamin", SEX_LABELS.get(data.get("sex"), data.get("sex")), REG, 1),
        ("Status perkawinan", data.get("marital_status"), REG, 1),
        ("Agama", data.get("religion"), REG, 1),
        ("Alamat", data.get("address"), REG, 3),
        ("Desa/Kelurahan", data.get("desa"), REG, 1),
        ("Kecamatan", data.get("kecamatan"), REG, 1),
        ("Nomor telepon", data.get("phone"), REG, 1),
    ]


def _back(h, card, data):
    _border(h)
    h.text(MID, 15.5, "DATA PENCARI KERJA", BOLD, 11, "center")
    h.fit(MID, 20.5, f"{LABEL} Nomor {card.number or '-'}", R - L, REG, 8, 6, "center")
    shell.double_rule(h, L, R, 23.5)

    # Worst case (every value at its maximum lines) ends near 88 mm, so the tables below end above ~172 mm,
    # clear of the signature block.
    top = 30.0
    for label, value, font, max_lines in _personal_rows(data):
        used = _field(h, top, label, value, 33, font, 8.5, max_lines=max_lines, leading=3.7)
        top += used * 3.7 + 1.1

    sections = [
        ("PENDIDIKAN FORMAL", [("Jenjang", 17, "center"), ("Nama sekolah / perguruan tinggi", 50, "left"),
                               ("Jurusan", 42, "left"), ("Tahun lulus", R - L - 109, "center")],
         [[e.get("level"), e.get("school"), e.get("major"), e.get("year") or ""]
          for e in data.get("educations", [])], 5),
        ("PELATIHAN", [("Jenis pelatihan", 52, "left"), ("Lembaga", 56.5, "left"), ("Tahun", R - L - 108.5, "center")],
         [[t.get("kind"), t.get("institution"), t.get("year") or ""] for t in data.get("trainings", [])], 3),
        ("PENGALAMAN KERJA", [("Jabatan", 42, "left"), ("Perusahaan", 58, "left"), ("Tahun", R - L - 100, "center")],
         [[x.get("position"), x.get("company"), _years(x)] for x in data.get("experiences", [])], 3),
    ]
    for title, columns, rows, n_rows in sections:
        h.text(L, top + 4.5, title, BOLD, 8)
        rows = [[str(v) if v is not None else "" for v in row] for row in rows[-n_rows:]]  # the latest ones
        top = table(h, L, top + 6, columns, rows, n_rows) + 1

    # Issue and signature
    _field(h, 183, "Diterbitkan tanggal", date_id(card.issued_at), 30, BOLD, 8, width=R - 56 - L - 32)
    _field(h, 188, "Berlaku sampai", date_id(card.valid_until), 30, BOLD, 8, width=R - 56 - L - 32)
    shell.signature(h, R - 26, 177, 52, "Pengantar Kerja", card.signed_by_name,
                    [f"NIP. {card.signed_by_nip}" if card.signed_by_nip else "NIP."], date_id(card.issued_at),
                    7.5, leading=4, gap=14.5)


def _fold_line(canvas):
    canvas.saveState()
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    canvas.line(PAGE_W / 2, 3 * mm, PAGE_W / 2, PAGE_H - 3 * mm)
    canvas.restoreState()


def _draw_sheet(canvas, card, config):
    data = card_data(card)
    _fold_line(canvas)
    _front(Panel(canvas, 0, PAGE_H), card, data, _photo(data.get("photo_file_id")), config)
    _back(Panel(canvas, HALF, PAGE_H), card, data)


# ---- photo -----------------------------------------------------------------------------------------

def _photo(file_id):
    """The holder's photo as a small JPEG, or None (an empty box is printed) when missing or unreadable."""
    if not file_id:
        return None
    stored = db.session.get(StoredFile, file_id)
    if stored is None:
        return None
    try:
        with open_file(stored) as handle:
            data = handle.read()
        return ImageReader(BytesIO(_small_jpeg(data)))
    except (NotFound, OSError, ValueError, Image.DecompressionBombError):
        current_app.logger.warning("AK/I photo %s unreadable; printed without photo", file_id)
        return None


def _small_jpeg(data: bytes) -> bytes:
    """JPEG at most PHOTO_PX, upright. A small upright JPEG passes as it is (embedded without re-encoding)."""
    with Image.open(BytesIO(data)) as image:
        upright = image.getexif().get(0x0112, 1) == 1
        if (image.format == "JPEG" and image.mode in ("RGB", "L") and upright
                and image.width <= PHOTO_PX[0] * 1.25 and image.height <= PHOTO_PX[1] * 1.25):
            return data
        image.draft("RGB", PHOTO_PX)  # JPEG: decode at a reduced scale, much faster for camera photos
        small = ImageOps.exif_transpose(image).convert("RGB")
    small.thumbnail(PHOTO_PX)
    out = BytesIO()
    small.save(out, "JPEG", quality=85)
    return out.getvalue()
