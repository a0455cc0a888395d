"""The shell every printed document shares (like Odoo's external_layout): the office's identity from the office
profile (letterhead, PDF author, the office named in the text, the place of signing), the signature block, the QR
code leading to /verify/<token> and the page footer. A renderer draws only its own content between them.

Drawn with reports.layout's Panel, in mm from the top of the page. Needs an app context (profile, token).
"""
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.documents import verification_url
from app.office.services import office_profile
from reports.layout import BOLD, REG, binary_streams, fit_lines
from reports.qr import draw_qr

CREATOR = "d'naker DIGI"
QR_CAPTION = "Pindai untuk verifikasi"


@dataclass(frozen=True)
class Office:
    government: str  # "Pemerintah Kabupaten Tangerang"
    name: str  # "Dinas Tenaga Kerja"
    full_name: str  # "Dinas Tenaga Kerja Kabupaten Tangerang": the office named in a sentence
    contact_line: str  # address, telephone, e-mail
    city: str  # where letters are signed


def office() -> Office:
    profile = office_profile()
    return Office(profile.government_name, profile.office_name, profile.office_full_name, profile.contact_line,
                  profile.city)


def new_canvas(out, pagesize, title: str) -> Canvas:
    """A compressed canvas whose metadata names the document and the office that issues it."""
    canvas = Canvas(out, pagesize=pagesize, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(office().full_name)
    canvas.setCreator(CREATOR)
    return canvas


def render(draw, pagesize, title: str) -> bytes:
    """`draw(canvas)` on a new canvas (binary streams), saved; the PDF's bytes."""
    out = BytesIO()
    canvas = new_canvas(out, pagesize, title)
    with binary_streams():
        draw(canvas)
        canvas.save()
    return out.getvalue()


def letterhead(h, left, right, top, size=13.0, margin=0.0) -> float:
    """Government, office, contact line and a double rule between `left` and `right` mm, the government's
    baseline at `top`; `size` is the government line's type size, everything else scales with it. The two
    names keep `margin` mm from both edges (clear of a label box). Returns where the content may start (mm)."""
    k, identity, mid = size / 13.0, office(), (left + right) / 2
    names_w = right - left - 2 * margin
    h.fit(mid, top, identity.government.upper(), names_w, BOLD, size, size * 0.6, "center")
    h.fit(mid, top + 7.5 * k, identity.name.upper(), names_w, BOLD, size * 1.27, size * 0.7, "center")
    h.fit(mid, top + 13 * k, identity.contact_line, right - left, REG, size * 0.7, 5, "center")
    return double_rule(h, left, right, top + 16.5 * k, 1.6 * min(k, 1))


def double_rule(h, left, right, top, width=1.6) -> float:
    """The letterhead's thick-and-thin rule; returns the thin line's position (mm)."""
    h.hline(left, right, top, width=width)
    h.hline(left, right, top + 1.1, width=0.5)
    return top + 1.1


def footer(h, left, right, baseline, label: str, page: int | None = None, pages: int | None = None, size=7.5,
           rule=True):
    """The document (title and number) on the left and, on a document of pages, "Halaman n dari N" on the
    right, at `baseline` mm; a thin rule above unless there is no room for one."""
    if rule:
        h.hline(left, right, baseline - 3.6, width=0.4, gray=0.5)
    room = right - left
    if page is not None:
        page_label = f"Halaman {page} dari {pages}"
        h.text(right, baseline, page_label, REG, size, "right")
        room -= stringWidth(page_label, REG, size) / mm + 4
    h.fit(left, baseline, f"{label} \u2014 {CREATOR}", room, REG, size, 5)


def signature(h, centre, top, width, role: str, name: str | None, below: list[str], on_date: str,
              size=9.5, leading=4.5, gap=21.5) -> float:
    """The signature block centred on `centre`: "<city>, <date>", the role, room to sign and stamp (`gap` mm),
    the name underlined, then `below` (rank, NIP). Returns its bottom (mm)."""
    h.fit(centre, top, f"{office().city}, {on_date}", width, REG, size, size * 0.75, "center")
    h.fit(centre, top + leading, f"{role},", width, REG, size, size * 0.75, "center")
    name_top = top + leading + gap
    lines, name_size = fit_lines(name, BOLD, size + 0.5, width * mm, 1, size * 0.75)
    if lines:
        h.text(centre, name_top, lines[0], BOLD, name_size, "center")
        half = stringWidth(lines[0], BOLD, name_size) / mm / 2
        h.hline(centre - half, centre + half, name_top + 0.9, width=0.5)
    for i, line in enumerate(filter(None, below), start=1):
        h.fit(centre, name_top + i * leading, line, width, REG, size, size * 0.75, "center")
    return name_top + len(below) * leading


def verification_qr(h, x, top, size, kind: str, ref_id, caption_size=7.5):
    """The QR code of the document's verification link, `size` mm square at (`x`, `top`), captioned."""
    draw_qr(h.c, verification_url(kind, ref_id), *h.xy(x, top + size), size * mm)
    h.text(x + size / 2, top + size + 3.2, QR_CAPTION, REG, caption_size, "center")
