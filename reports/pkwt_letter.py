"""The registration letter of a PKWT submission, "Bukti Pencatatan PKWT" (domain.md §5, PP 35/2021 art. 13–14).

A4 portrait: letterhead, title and number, legal basis, the company, a table of the registered workers (as many
pages as it needs, its header repeated on each), a closing sentence, the head of office's signature block and a
QR code leading to the public verification page. Drawn straight on a ReportLab canvas with reports.layout: the
whole letter is laid out first (pure measuring), so every page knows the page count, then drawn page by page.

Identity numbers are printed masked: the letter travels (HR files, workers' copies) and proves registration,
not identity. Needs an app context (the verification token). Helvetica only: nothing embedded.
"""
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.contracts.documents import KIND, register_documents
from app.contracts.workflow import KINDS
from app.core.documents import mask_nik
from app.core.formatting import date_id
from app.office.services import office_profile
from reports import shell
from reports.layout import BOLD, OBLIQUE, REG, Panel, baseline, binary_streams, fit_lines

PAGE_W, PAGE_H = A4
L, R = 20.0, 190.0  # content edges, mm
MID = (L + R) / 2
BOTTOM = 274.0  # nothing but the footer below this line
INTRO_TOP = 59.0  # below the letterhead, title and number
CONTINUATION_TOP = 25.0  # where the table resumes on later pages

TITLE = "BUKTI PENCATATAN PERJANJIAN KERJA WAKTU TERTENTU (PKWT)"
SHORT_TITLE = "Bukti Pencatatan PKWT"
LEGAL_BASIS = (
    "Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah dengan Undang-Undang "
    "Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 "
    "tentang Cipta Kerja menjadi Undang-Undang;",
    "Peraturan Pemerintah Nomor 35 Tahun 2021 tentang Perjanjian Kerja Waktu Tertentu, Alih Daya, Waktu Kerja "
    "dan Waktu Istirahat, dan Pemutusan Hubungan Kerja, Pasal 13 dan Pasal 14.",
)
CLOSING = ("Bukti pencatatan ini menerangkan bahwa perjanjian kerja waktu tertentu tersebut telah dicatatkan pada "
           "{office} dan bukan merupakan pengesahan atas isi perjanjian kerja. Hak dan kewajiban para pihak tetap "
           "berlaku sebagaimana diatur dalam perjanjian kerja dan peraturan perundang-undangan. Demikian bukti "
           "pencatatan ini diberikan untuk dipergunakan sebagaimana mestinya.")

# The workers' table: (title, width mm, align, max lines of a cell). Widths add up to R - L.
COLUMNS = [("No.", 10, "center", 1), ("Nama pekerja", 39, "left", 3), ("NIK / No. paspor", 29, "left", 1),
           ("Jabatan", 32, "left", 2), ("Jenis PKWT", 24, "left", 2), ("Jangka waktu", 36, "left", 4)]
CELL_SIZE, CELL_MIN, CELL_LEADING, CELL_PAD = 7.5, 6.0, 3.1, 0.8
HEADER_H = 6.0
TEXT_SIZE, TEXT_LEADING = 9.5, 4.3
TABLE_GAP = 7.0  # between the table and the closing sentence
SIGNATURE_H = 42.0  # the signature block and QR code, below the closing sentence


# ---- public ----------------------------------------------------------------------------------------------

def render_letter(submission, out) -> int:
    """Write the letter of an approved submission to the binary file-like `out`; returns the page count."""
    register_documents()  # the QR token needs the "pkwt" kind
    layout = _layout(submission)
    canvas = shell.new_canvas(out, A4, f"{SHORT_TITLE} {submission.number or ''}".strip())
    with binary_streams():
        for number in range(1, layout.pages + 1):
            _draw_page(Panel(canvas, 0, PAGE_H), submission, layout, number)
            canvas.showPage()
        canvas.save()
    return layout.pages


def render_letter_bytes(submission) -> bytes:
    buffer = BytesIO()
    render_letter(submission, buffer)
    return buffer.getvalue()


# ---- what is printed -----------------------------------------------------------------------------------

def masked_identity(contract) -> str:
    """NIK for Indonesians, passport number for foreign workers, both masked."""
    if contract.nik:
        return mask_nik(contract.nik)
    passport = (contract.passport_number or "").strip()
    keep = 2 if len(passport) >= 6 else 0  # like a NIK, the ends only; a short number is hidden whole
    return "Paspor " + passport[:keep] + "*" * (len(passport) - 2 * keep) + passport[len(passport) - keep:]


def period(contract) -> str:
    """Start and end on lines of their own (a date split over two lines reads badly)."""
    start = f"{date_id(contract.start_date)} \u2013"
    if contract.kind == "selesai":
        estimate = f"\n(perkiraan {date_id(contract.end_date)})" if contract.end_date else ""  # PP 35/2021 9(2)b
        return f"{start}\nselesainya {(contract.completion_criterion or '').strip()}{estimate}"
    return f"{start}\n{date_id(contract.end_date)}"


def _worker_cells(number, contract) -> list[str]:
    return [f"{number}.", contract.full_name, masked_identity(contract), contract.position,
            KINDS.get(contract.kind, contract.kind), period(contract)]


def _company_fields(company) -> list[tuple[str, str, str, int]]:
    """(label, value, font, max lines)."""
    kbli = f"{company.kbli.code} \u2013 {company.kbli.name}" if company.kbli else "-"
    return [("Nama perusahaan", company.name, BOLD, 2), ("Alamat", company.address, REG, 2),
            ("NIB", company.nib, REG, 1), ("KBLI", kbli, REG, 2)]


# ---- layout: measured before anything is drawn -----------------------------------------------------------

@dataclass
class Text:
    """A paragraph, a numbered item (label "1.") or a field (label + colon), wrapped in the text column."""

    text: str
    label: str = ""
    label_w: float = 0.0  # mm before the text starts
    colon: bool = False
    font: str = REG
    max_lines: int = 4
    gap: float = 1.2  # mm after it


@dataclass
class Row:
    cells: list[tuple[list[str], float]]  # (lines, type size) per column
    height: float


@dataclass
class Layout:
    intro: list[Text]
    closing: list[Text]
    pages_of_rows: list[list[Row]]  # the last page may have none: the closing block alone

    @property
    def pages(self) -> int:
        return len(self.pages_of_rows)


def _intro(submission) -> list[Text]:
    count = len(submission.contracts)
    items = [Text("Dasar hukum:", font=BOLD, gap=0.6)]
    items += [Text(text, f"{i}.", 5, max_lines=3, gap=0.6) for i, text in enumerate(LEGAL_BASIS, start=1)]
    items[-1].gap = 2.5
    items.append(Text(f"{shell.office().full_name} menerangkan bahwa perjanjian kerja waktu tertentu "
                      "(PKWT) yang dibuat oleh pemberi kerja:", gap=1.5))
    items += [Text(value or "-", label, 34, True, font, lines, 0.4)
              for label, value, font, lines in _company_fields(submission.company)]
    items[-1].gap = 2.5
    items.append(Text(f"telah dicatatkan pada tanggal {date_id(submission.registered_at)} dengan nomor pencatatan "
                      f"{submission.number}, untuk {count} orang pekerja sebagai berikut:", gap=2.5))
    return items


def _flow(h, top, items) -> float:
    """Draws `items` from `top` (or only measures them when `h` is None); returns the top below them."""
    for item in items:
        x = L + item.label_w + (2.5 if item.colon else 0)
        lines, size = fit_lines(item.text, item.font, TEXT_SIZE, (R - x) * mm, item.max_lines, 7)
        if h is not None:
            h.text(L, top, item.label, REG, TEXT_SIZE)
            if item.colon:
                h.text(L + item.label_w, top, ":", REG, TEXT_SIZE)
            for i, line in enumerate(lines):
                h.text(x, top + i * TEXT_LEADING, line, item.font, size)
        top += max(1, len(lines)) * TEXT_LEADING + item.gap
    return top


def _fit_cell(text, width, max_lines) -> tuple[list[str], float]:
    """Like layout.fit_lines, keeping the hard breaks ("\n") of `text`; all its lines in one type size."""
    parts = [part for part in str(text or "").split("\n") if part.strip()]
    if len(parts) <= 1:
        return fit_lines(text, REG, CELL_SIZE, width, max_lines, CELL_MIN)
    size = CELL_SIZE
    while True:
        fitted = [fit_lines(part, REG, size, width, max_lines, size) for part in parts]
        lines = [line for part_lines, _ in fitted for line in part_lines]
        if len(lines) <= max_lines or size - 0.5 < CELL_MIN:
            break
        size -= 0.5
    if len(lines) > max_lines:  # the last part is cut, as fit_lines would
        last, _ = fit_lines(" ".join(lines[max_lines - 1:]), REG, size, width, 1, size)
        lines = lines[:max_lines - 1] + last
    return lines, size


def _row(cells: list[str]) -> Row:
    fitted = [_fit_cell(text, (w - 2.4) * mm, max_lines) for text, (_, w, _, max_lines) in zip(cells, COLUMNS)]
    lines = max(max(len(cell_lines) for cell_lines, _ in fitted), 1)
    return Row(fitted, lines * CELL_LEADING + 2 * CELL_PAD)


def _paginate(rows: list[Row], first_top: float, closing_h: float) -> list[list[Row]]:
    """Rows per page, the table header repeated on each. The closing block goes below the last row; when it
    does not fit there, the last row goes over with it, so the signature never stands on a page of its own."""
    pages, top = [[]], first_top + HEADER_H
    for row in rows:
        if top + row.height > BOTTOM and pages[-1]:
            pages.append([])
            top = CONTINUATION_TOP + HEADER_H
        pages[-1].append(row)
        top += row.height
    if top + closing_h > BOTTOM:
        last = pages[-1]
        pages[-1:] = [last[:-1], last[-1:]] if len(last) > 1 else [last, []]
    return pages


def _layout(submission) -> Layout:
    intro = _intro(submission)
    closing = [Text(CLOSING.format(office=shell.office().full_name), max_lines=5, gap=4)]
    table_top = _flow(None, INTRO_TOP, intro)
    closing_h = TABLE_GAP + _flow(None, 0, closing) + SIGNATURE_H
    rows = [_row(_worker_cells(i, contract)) for i, contract in enumerate(submission.contracts, start=1)]
    return Layout(intro, closing, _paginate(rows, table_top, closing_h))


# ---- drawing ------------------------------------------------------------------------------------------

def _continuation_header(h, submission):
    h.fit(L, 16, f"Lanjutan {SHORT_TITLE} Nomor {submission.number}", R - L, OBLIQUE, 8.5, 7)
    h.hline(L, R, 18.5, width=0.5)


def _table_header(h, top) -> float:
    h.rect(L, top, R - L, HEADER_H, width=0.7, fill_gray=0.88)
    x = L
    for title, w, align, _ in COLUMNS:
        anchor = {"left": x + 1.2, "center": x + w / 2}[align]
        h.fit(anchor, baseline(top, HEADER_H, CELL_SIZE), title, w - 2.4, BOLD, CELL_SIZE, 6, align)
        x += w
    return top + HEADER_H


def _table_rows(h, top, rows: list[Row]) -> float:
    """Rows below the header: one outer frame, the rules drawn as one path, each cell's lines top-aligned."""
    bottom = top + sum(row.height for row in rows)
    segments, x = [], L
    for _, w, _, _ in COLUMNS[:-1]:
        x += w
        segments.append((*h.xy(x, top - HEADER_H), *h.xy(x, bottom)))
    y = top
    for row in rows:
        x = L
        for (lines, size), (_, w, align, _) in zip(row.cells, COLUMNS):
            anchor = x + w / 2 if align == "center" else x + 1.2
            for i, line in enumerate(lines):
                h.text(anchor, y + CELL_PAD + 2.45 + i * CELL_LEADING, line, REG, size, align)
            x += w
        y += row.height
        if y < bottom:
            segments.append((*h.xy(L, y), *h.xy(R, y)))
    h.c.setLineWidth(0.35)
    h.c.lines(segments)
    h.rect(L, top - HEADER_H, R - L, bottom - top + HEADER_H, width=0.7)
    return bottom


def _signature(h, submission, top):
    """QR code on the left, the head of office on the right."""
    shell.signature(h, 148.0, top + 4, 84, f"Kepala {shell.office().full_name}", submission.signed_by_name,
                    [_signer_rank(submission), f"NIP {submission.signed_by_nip or '-'}"],
                    date_id(submission.registered_at), TEXT_SIZE)
    size = 27.0
    shell.verification_qr(h, L, top, size, KIND, submission.id)
    h.lines(L + size + 2, top + 8, "Keaslian bukti pencatatan ini dapat diperiksa dengan memindai kode QR di "
            "samping.", 54, OBLIQUE, 7.5, 3.3, 3, 6.5)


def _signer_rank(submission) -> str:
    """The rank stored with the letter when there is one, else the office profile's while the same person
    heads the office (a former head's rank is not known: nothing is printed)."""
    stored = getattr(submission, "signed_by_rank", None)
    if stored:
        return stored
    profile = office_profile()
    return (profile.head_rank or "") if profile.head_name == submission.signed_by_name else ""


def _draw_page(h, submission, layout, number):
    if number == 1:
        shell.letterhead(h, L, R, 18)
        h.fit(MID, 45, TITLE, R - L, BOLD, 12, 9, "center")
        h.fit(MID, 51, f"Nomor: {submission.number}", R - L, REG, 10, 8, "center")
        top = _flow(h, INTRO_TOP, layout.intro)
    else:
        _continuation_header(h, submission)
        top = CONTINUATION_TOP
    rows = layout.pages_of_rows[number - 1]
    if rows or number == 1:
        top = _table_rows(h, _table_header(h, top), rows) + TABLE_GAP
    if number == layout.pages:
        top = _flow(h, top, layout.closing)
        _signature(h, submission, top)
    shell.footer(h, L, R, 285, f"{SHORT_TITLE} Nomor {submission.number}", number, layout.pages)
