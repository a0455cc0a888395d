"""A job seeker's job-fair ticket: A5 portrait in the document shell (letterhead, footer), the fair, the holder
(NIK masked), the ticket code in large type and a QR code of the check-in link (app.vacancies.fairs.checkin_url)
that the door scanner reads."""
from reportlab.lib.pagesizes import A5

from app.core.documents import mask_nik
from app.core.formatting import date_id, datetime_id, label_of
from app.core.models import utcnow
from app.vacancies.fairs import ONLINE, ON_SITE, checkin_url
from app.vacancies.workflow import FAIR_MODES
from reports import shell
from reports.layout import BOLD, REG, Panel
from reports.qr import draw_qr

PAGE_W, PAGE_H = A5  # 148 × 210 mm
LEFT, WIDTH = 12.0, 124.0
TITLE = "TIKET BURSA KERJA"


def _dates(fair) -> str:
    if fair.starts_on == fair.ends_on:
        return date_id(fair.starts_on)
    return f"{date_id(fair.starts_on)} \u2013 {date_id(fair.ends_on)}"


def render_ticket(registration) -> bytes:
    fair, seeker = registration.fair, registration.job_seeker
    printed = datetime_id(utcnow())

    def draw(canvas):
        from reportlab.lib.units import mm

        h = Panel(canvas, 0, PAGE_H)
        mid = LEFT + WIDTH / 2
        top = shell.letterhead(h, LEFT, LEFT + WIDTH, 14, 10)
        h.text(mid, top + 9, TITLE, BOLD, 14, "center")
        h.fit(mid, top + 16, fair.name, WIDTH, BOLD, 11, 7, "center")
        y = top + 24
        rows = [("Tanggal", _dates(fair)), ("Bentuk", label_of(FAIR_MODES, fair.mode))]
        if fair.mode in ON_SITE:
            place = fair.venue or ""
            if fair.kecamatan is not None:
                place += f", Kec. {fair.kecamatan.name}"
            rows.append(("Tempat", place))
        if fair.mode in ONLINE and fair.online_url:
            rows.append(("Tautan daring", fair.online_url))
        rows += [("Nama", seeker.full_name), ("NIK", mask_nik(seeker.nik)),
                 ("Terdaftar", datetime_id(registration.registered_at))]
        for label, value in rows:
            h.text(LEFT, y, label, REG, 9)
            h.text(LEFT + 28, y, ":", REG, 9)
            lines = h.lines(LEFT + 31, y, value, WIDTH - 31, REG, 9, 4.2, 2, 6.5)
            y += 4.2 * max(1, lines) + 1.2
        # The code and its QR, in a box the door reads
        box_top = y + 3
        h.rect(LEFT, box_top, WIDTH, 66, width=0.8)
        qr = 52.0
        draw_qr(canvas, checkin_url(registration), *h.xy(LEFT + 4, box_top + 7 + qr), qr * mm)
        text_x = LEFT + 4 + qr + 6
        h.text(text_x, box_top + 14, "Kode tiket", REG, 9)
        h.text(text_x, box_top + 25, registration.ticket_code, BOLD, 20)
        h.lines(text_x, box_top + 34, "Tunjukkan kode QR ini kepada petugas di pintu masuk. Bila kode QR tidak "
                "terbaca, petugas mengetik kode tiket.", WIDTH - (text_x - LEFT) - 4, REG, 8, 3.6, 5, 6)
        y = box_top + 66 + 7
        h.lines(LEFT, y, "Satu tiket untuk satu orang; tiket tidak dapat dipindahtangankan. Untuk melamar lowongan "
                "di bursa, bawa kartu AK/I yang masih berlaku (dapat diajukan di loket AK/I bursa).", WIDTH, REG, 8,
                3.6, 3, 6)
        shell.footer(h, LEFT, LEFT + WIDTH, 201, f"Tiket {registration.ticket_code}, dicetak {printed}", size=6.5)

    return shell.render(draw, A5, f"Tiket Bursa Kerja {registration.ticket_code}")
