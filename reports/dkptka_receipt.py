"""The DKPTKA validation receipt, "Tanda Terima Validasi Pembayaran DKPTKA" (PP 34/2021 art. 24; Permenaker
8/2021): one A4 page with the office's letterhead (reports.shell), the receipt number, the company, the foreign
worker, the RPTKA period, the amounts with the rate and its date, the payment references, the head of office who
signed at validation and a QR code leading to /verify/<token>. Needs an app context (profile, token)."""
from reportlab.lib.pagesizes import A4

from app.core.formatting import date_id, local, number, rupiah
from app.foreign_workers.payments import DOCUMENT_KIND, rate_text, register_documents
from reports import shell
from reports.layout import BOLD, REG, Panel

PAGE_W, PAGE_H = A4
L, R = 20.0, 190.0
MID = (L + R) / 2
TITLE = "TANDA TERIMA VALIDASI PEMBAYARAN DANA KOMPENSASI PENGGUNAAN TENAGA KERJA ASING (DKPTKA)"
SHORT_TITLE = "Tanda Terima Validasi DKPTKA"
LEGAL_BASIS = ("Peraturan Pemerintah Nomor 34 Tahun 2021 tentang Penggunaan Tenaga Kerja Asing, Pasal 24, dan "
               "Peraturan Menteri Ketenagakerjaan Nomor 8 Tahun 2021.")
CLOSING = ("Pembayaran DKPTKA perpanjangan tersebut telah diterima di kas daerah Kabupaten Tangerang dan "
           "divalidasi oleh {office}. Tanda terima ini bukan izin penggunaan tenaga kerja asing.")
LABEL_W = 52.0
SIZE, LEADING = 9.5, 5.2


def masked_passport(passport) -> str:
    """The ends only, like a NIK on the PKWT letter: the receipt proves payment, not identity."""
    passport = (passport or "").strip()
    keep = 2 if len(passport) >= 6 else 0
    return passport[:keep] + "*" * (len(passport) - 2 * keep) + passport[len(passport) - keep:]


def fields(payment) -> list[tuple[str, str]]:
    worker, company = payment.worker, payment.company
    period = f"{date_id(payment.rptka_start)} \u2013 {date_id(payment.rptka_end)}"
    return [
        ("Nama perusahaan", company.name), ("Tenaga kerja asing", worker.full_name),
        ("Nomor paspor", masked_passport(worker.passport_number)),
        ("Jabatan", worker.position), ("Lokasi kerja", payment.work_locations or "-"),
        ("Nomor RPTKA", payment.rptka_number), ("Masa RPTKA", period),
        ("Jumlah bulan \u00d7 jabatan", f"{payment.months} bulan \u00d7 {payment.positions} jabatan"),
        ("Jumlah USD", f"USD {number(payment.usd_amount)}"),
        ("Kurs", f"{rate_text(payment.exchange_rate)} per USD ({date_id(payment.rate_date)})"),
        ("Jumlah rupiah", rupiah(payment.idr_amount)),
        ("Kode billing", payment.billing_code), ("Referensi bank", payment.bank_reference),
        ("Dana diterima", date_id(local(payment.received_at).date()) if payment.received_at else "-"),
        ("Tanggal validasi", date_id(local(payment.validated_at).date()) if payment.validated_at else "-"),
    ]


def _draw(canvas, payment):
    h = Panel(canvas, 0, PAGE_H)
    top = shell.letterhead(h, L, R, 18.0) + 9
    used = h.lines(L + 10, top, TITLE, R - L - 20, BOLD, 11.0, 5.0, 3)
    top += max(used, 1) * 5.0 + 2
    h.text(MID, top, f"Nomor: {payment.number}", REG, 10.5, "center")
    top += 9
    used = h.lines(L, top, "Dasar: " + LEGAL_BASIS, R - L, REG, SIZE, 4.3, 3)
    top += max(used, 1) * 4.3 + 4
    for label, value in fields(payment):
        h.text(L, top, label, REG, SIZE)
        h.text(L + LABEL_W - 2, top, ":", REG, SIZE)
        font = BOLD if label in ("Jumlah rupiah", "Nama perusahaan") else REG
        used = h.lines(L + LABEL_W, top, str(value), R - L - LABEL_W, font, SIZE, 4.3, 2)
        top += max(used, 1) * 4.3 + (LEADING - 4.3) + 0.6
    top += 3
    closing = CLOSING.format(office=shell.office().full_name)
    used = h.lines(L, top, closing, R - L, REG, SIZE, 4.3, 4)
    top += max(used, 1) * 4.3 + 8
    below = [payment.signed_by_rank or "", f"NIP {payment.signed_by_nip}" if payment.signed_by_nip else ""]
    on = date_id(local(payment.validated_at).date()) if payment.validated_at else ""
    shell.signature(h, 145.0, top, 70.0, "Kepala Dinas", payment.signed_by_name, below, on)
    shell.verification_qr(h, L, top, 28.0, DOCUMENT_KIND, payment.id)
    shell.footer(h, L, R, 287.0, f"{SHORT_TITLE} {payment.number}")
    canvas.showPage()


def render_receipt_bytes(payment) -> bytes:
    """The receipt of a validated payment as PDF bytes."""
    register_documents()  # the QR token needs the "dkptka" kind
    return shell.render(lambda canvas: _draw(canvas, payment), A4, f"{SHORT_TITLE} {payment.number}")
