"""Draft of the written warning to an employer that does not report vacancies (Perpres 57/2023 art. 17: the
bupati gives a written warning to an employer that does not report). A4 portrait in the document shell: the
office's letterhead, a number left blank for the registry ("Nomor: ……"), the date, the addressee, the legal basis
(art. 4–5: report every vacancy; art. 6: report it filled; art. 17: the warning), the facts found (PKWT registered,
placements, no vacancy reported since …), the request to report within N days, the signatory from the office
profile, and "DRAF" across the page: an officer reviews it, numbers it and has it signed outside the system.
No QR code: a draft is not an issued document. Needs an app context (office profile)."""
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.core.formatting import date_id
from app.core.validation import DomainError
from app.office.services import office_profile, signatory
from app.reporting.compliance import Finding, Window
from reports import shell
from reports.layout import BOLD, REG, Panel, fit_lines

PAGE_W, PAGE_H = A4
L, R = 25.0, 185.0  # mm
SIZE, LEADING = 10.0, 4.6
TITLE = "Draf Surat Teguran Wajib Lapor Lowongan Pekerjaan"
SUBJECT = "Teguran tertulis kewajiban lapor lowongan pekerjaan"
LEGAL_BASIS = (
    "Peraturan Presiden Nomor 57 Tahun 2023 tentang Wajib Lapor Lowongan Pekerjaan, Pasal 4 dan Pasal 5: "
    "Pemberi Kerja wajib melaporkan setiap lowongan pekerjaan, tanpa dipungut biaya, memuat identitas Pemberi "
    "Kerja, nama jabatan dan jumlah tenaga kerja yang dibutuhkan, masa berlaku lowongan, serta informasi jabatan "
    "(usia, jenis kelamin, pendidikan, keterampilan, pengalaman kerja, upah, domisili wilayah kerja);",
    "Pasal 6 Peraturan Presiden tersebut: dalam hal lowongan pekerjaan telah terisi, Pemberi Kerja wajib "
    "melaporkannya;",
    "Pasal 17 Peraturan Presiden tersebut: Menteri, Gubernur, atau Bupati/Wali Kota menjatuhkan sanksi "
    "administratif berupa peringatan tertulis kepada Pemberi Kerja yang tidak melaporkan lowongan pekerjaan.",
)


def render_letter(finding: Finding, window: Window, within_days: int, on_date=None) -> bytes:
    on_date = on_date or window.as_of
    return shell.render(lambda canvas: _draw(Panel(canvas, 0, PAGE_H), finding, window, within_days, on_date), A4,
                        f"{TITLE} — {finding.name}")


def facts(finding: Finding, window: Window) -> str:
    hired = []
    if finding.pkwt_registrations:
        hired.append(f"mencatatkan {finding.pkwt_registrations} pengajuan PKWT untuk {finding.pkwt_workers} orang "
                     "pekerja")
    if finding.placements:
        hired.append(f"menerima {finding.placements} orang tenaga kerja melalui penempatan yang tercatat")
    since = ("tidak pernah melaporkan lowongan pekerjaan" if finding.last_vacancy_at is None else
             f"tidak melaporkan lowongan pekerjaan sejak {date_id(finding.last_vacancy_at)}")
    return (f"Berdasarkan data pada {shell.office().full_name}, dalam 12 bulan terakhir ({window.label}) perusahaan "
            f"Saudara {' dan '.join(hired)}, namun {since}.")


def request_text(within_days: int) -> str:
    return (f"Sehubungan dengan hal tersebut, dengan ini Saudara diberi peringatan tertulis dan diminta melaporkan "
            f"lowongan pekerjaan yang ada dan yang telah terisi paling lambat {within_days} hari sejak surat ini "
            "diterima, melalui layanan d'naker DIGI atau Sistem Informasi Ketenagakerjaan (Karirhub). Apabila dalam "
            "periode tersebut memang tidak terdapat lowongan pekerjaan, mohon disampaikan keterangan tertulis.")


def _draw(h, finding, window, within_days, on_date):
    _watermark(h)
    top = shell.letterhead(h, L - 5, R + 5, 16)
    h.text(R, top + 3.5, "DRAF \u2014 belum ditandatangani", BOLD, 8.5, "right")
    top += 9
    place = f"{shell.office().city}, {date_id(on_date)}"
    h.text(R, top, place, REG, SIZE, "right")
    for label, value in (("Nomor", "........../........../Disnaker/" + str(on_date.year)), ("Sifat", "Penting"),
                         ("Lampiran", "-"), ("Hal", SUBJECT)):
        h.text(L, top, label, REG, SIZE)
        h.text(L + 22, top, ":", REG, SIZE)
        h.fit(L + 25, top, value, 85, BOLD if label == "Hal" else REG, SIZE, 8)
        top += LEADING + 0.4
    top += 3
    h.text(L, top, "Kepada Yth.", REG, SIZE)
    top += LEADING
    h.fit(L, top, f"Pimpinan {finding.name}", 100, BOLD, SIZE, 8)
    top += LEADING
    address = ", ".join(filter(None, [finding.address, f"Kecamatan {finding.kecamatan}" if finding.kecamatan
                                      else None]))
    top += _paragraph(h, L, top, address, 100, max_lines=3)
    h.text(L, top, "di tempat", REG, SIZE)
    top += LEADING + 4
    top += _paragraph(h, L, top, "Dasar:", R - L, font=BOLD)
    for i, text in enumerate(LEGAL_BASIS, start=1):
        h.text(L, top, f"{i}.", REG, SIZE)
        top += _paragraph(h, L + 6, top, text, R - L - 6, max_lines=6) + 0.8
    top += 2
    top += _paragraph(h, L, top, facts(finding, window), R - L, max_lines=6) + 2
    top += _paragraph(h, L, top, request_text(within_days), R - L, max_lines=6) + 2
    top += _paragraph(h, L, top, "Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan "
                                 "terima kasih.", R - L) + 6
    _signature(h, top)
    _copies(h, 252)
    shell.footer(h, L, R, 285, f"{TITLE} \u2014 {finding.name}")


def _paragraph(h, x, top, text, width, font=REG, max_lines=4) -> float:
    """Draws a wrapped paragraph; returns its height (mm)."""
    lines, size = fit_lines(text, font, SIZE, width * mm, max_lines, 8)
    for i, line in enumerate(lines):
        h.text(x, top + i * LEADING, line, font, size)
    return max(1, len(lines)) * LEADING


def _signature(h, top):
    """For the bupati (art. 17), signed by the head of office; the name from the office profile."""
    centre, width = 140.0, 80.0
    profile = office_profile()
    try:
        person = signatory()
        name, rank, nip = person.name, person.rank, f"NIP {person.nip}"
    except DomainError:
        name, rank, nip = "(nama kepala dinas belum diisi di Profil Kantor)", None, "NIP ...................."
    region = profile.region.replace("Kabupaten ", "") if profile.region else ""
    h.fit(centre, top, f"a.n. Bupati {region}".strip(), width, REG, SIZE, 8, "center")
    h.fit(centre, top + LEADING, f"Kepala {shell.office().full_name},", width, REG, SIZE, 7, "center")
    name_top = top + LEADING + 22
    h.fit(centre, name_top, name, width, BOLD, SIZE, 7, "center")
    below = [line for line in (rank, nip) if line]
    for i, line in enumerate(below, start=1):
        h.fit(centre, name_top + i * LEADING, line, width, REG, SIZE - 0.5, 7, "center")


def _copies(h, top):
    h.text(L, top, "Tembusan:", REG, 8.5)
    region = office_profile().region or ""
    for i, line in enumerate((f"Bupati {region.replace('Kabupaten ', '')} (sebagai laporan);", "Arsip."), start=1):
        h.text(L, top + i * 3.8, f"{i}. {line}", REG, 8.5)


def _watermark(h):
    c = h.c
    c.saveState()
    c.setFillGray(0.88)
    c.setFont(BOLD, 110)
    c.translate(PAGE_W / 2, PAGE_H / 2)
    c.rotate(45)
    c.drawCentredString(0, -35, "DRAF")
    c.restoreState()
