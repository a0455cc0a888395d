"""States and decisions of vacancies (Perpres 57/2023), applications and job-fair participation, and who is told.

Plain Indonesian labels (N_) where documents or exports print them as they are; screens translate them."""
from flask_babel import lazy_gettext as _l

from app.core.i18n import N_
from app.core.workflow import Action, Input, Notice, Workflow, reject_action, resubmit_action, return_action

WORK_TYPES = {"penuh_waktu": N_("Penuh waktu"), "paruh_waktu": N_("Paruh waktu"), "kontrak": N_("Kontrak (PKWT)"),
              "harian": N_("Harian lepas"), "magang": N_("Magang")}
# Slot buckets: the vacancy asks for men, women, or either (IPK counts vacancies in persons by requested sex).
SLOT_SEXES = {"L": N_("Laki-laki"), "P": N_("Perempuan"), "X": N_("Laki-laki/perempuan")}
PLACEMENT_TYPES = {"AKL": N_("AKL (antarkerja lokal)"), "AKAD": N_("AKAD (antarkerja antardaerah)"),
                   "AKAN": N_("AKAN (antarkerja antarnegara)")}
# Why unfilled slots left the register (IPK "dihapuskan"): a dated fact per slot bucket.
SLOT_REMOVAL_REASONS = {"kedaluwarsa": N_("Masa berlaku berakhir"), "ditarik": N_("Ditarik oleh perusahaan"),
                        "ditolak": N_("Ditolak petugas"), "lainnya": N_("Lainnya")}

VACANCY_REJECTION_REASONS = {
    "diskriminatif": _l("Persyaratan diskriminatif (jenis kelamin, usia, agama) tanpa alasan pekerjaan"),
    "data_tidak_valid": _l("Data lowongan tidak lengkap atau tidak benar"),
    "bukan_lowongan": _l("Bukan lowongan kerja (iklan, pelatihan berbayar, dsb.)"),
    "duplikat": _l("Lowongan yang sama sudah dilaporkan"),
    "lainnya": _l("Lainnya"),
}
VACANCY_CLOSE_REASONS = {"ditarik": _l("Ditarik oleh perusahaan"), "lainnya": _l("Lainnya")}

VACANCY_WORKFLOW = Workflow(
    states={"submitted": _l("Menunggu verifikasi"), "returned": _l("Dikembalikan untuk perbaikan"),
            "published": _l("Tayang"), "rejected": _l("Ditolak"), "closed": _l("Ditutup"),
            "filled": _l("Terpenuhi")},
    actions=[
        Action("verify", ("submitted",), "published", _l("Verifikasi dan tayangkan"), permission="verify",
               stamps=("published_at",), deadline="DEADLINE_VACANCY_VERIFY", style="success",
               notice=Notice("owner", N_("Lowongan tayang"),
                             N_("{subject} telah diverifikasi dan tayang di portal lowongan."))),
        return_action(Notice("owner", N_("Laporan lowongan perlu diperbaiki"),
                             N_("{subject} dikembalikan untuk diperbaiki. Catatan petugas: {note}."))),
        resubmit_action("write", Notice("office", N_("Laporan lowongan diajukan ulang"),
                                        N_("{subject} telah diperbaiki dan diajukan ulang."))),
        reject_action(VACANCY_REJECTION_REASONS, Notice("owner", N_("Laporan lowongan ditolak"),
                                                        N_("{subject} ditolak. Alasan: {note}."))),
        Action("close", ("published",), "closed", _l("Tutup lowongan"), permission="write",
               reasons=VACANCY_CLOSE_REASONS, keeps_note=True, style="warning", stamps=("closed_at",)),
        Action("expire", ("published",), "closed", _l("Masa berlaku berakhir"), stamps=("closed_at",),
               notice=Notice("owner", N_("Lowongan ditutup: masa berlaku berakhir"),
                             N_("{subject} ditutup karena masa berlakunya berakhir. Jika masih membutuhkan "
                                "pekerja, laporkan lowongan baru."))),
        Action("fill", ("published",), "filled", _l("Terpenuhi"), stamps=("closed_at",)),
    ],
    resource="Vacancy", notice_kind="vacancy", note_column="note",
    subject=lambda vacancy: f"Lowongan {vacancy.title} ({vacancy.company.name})",
    link=lambda vacancy: f"/vacancyview/show/{vacancy.id}",
)

# Closed list of refusal reasons (comparable public services), stored as a code.
REFUSAL_REASONS = {
    "tidak_dapat_dihubungi": _l("Tidak dapat dihubungi"),
    "tidak_hadir": _l("Tidak hadir"),
    "sudah_bekerja": _l("Sudah diterima bekerja di tempat lain"),
    "tidak_memenuhi": _l("Kualifikasi atau keterampilan tidak memenuhi"),
    "tidak_bersedia_pindah": _l("Tidak bersedia ditempatkan di lokasi kerja"),
    "posisi_terisi": _l("Posisi sudah terisi"),
    "duplikat": _l("Lamaran ganda"),
    "lainnya": _l("Lainnya"),
}
APPLICATION_SOURCES = {"portal": N_("Portal"), "undangan": N_("Undangan petugas"), "bursa": N_("Bursa kerja"),
                       "petugas": N_("Dicatat petugas")}

APPLICATION_WORKFLOW = Workflow(
    states={"new": _l("Baru"), "in_review": _l("Diperiksa"), "interview": _l("Wawancara"),
            "accepted": _l("Diterima"), "refused": _l("Tidak diterima"), "withdrawn": _l("Dibatalkan pelamar")},
    actions=[
        Action("review", ("new",), "in_review", _l("Periksa"), permission="decide",
               notice=Notice("owner", N_("Lamaran sedang diperiksa"), N_("{subject} sedang diperiksa perusahaan."))),
        Action("interview", ("new", "in_review"), "interview", _l("Undang wawancara"), permission="decide",
               inputs=(Input("interview_at", _l("Tanggal wawancara"), "date"),), keeps_note=True,
               notice=Notice("owner", N_("Undangan wawancara"),
                             N_("{subject}: Anda diundang wawancara. Catatan perusahaan: {note}."))),
        Action("accept", ("in_review", "interview"), "accepted", _l("Terima"), permission="decide", style="success",
               inputs=(Input("placed_on", _l("Tanggal mulai bekerja"), "date"),), stamps=("decided_at",),
               notice=Notice("owner", N_("Lamaran diterima"), N_("{subject} diterima. Selamat!"))),
        Action("refuse", ("new", "in_review", "interview"), "refused", _l("Tidak diterima"), permission="decide",
               reasons=REFUSAL_REASONS, keeps_note=True, style="danger", stamps=("decided_at",),
               notice=Notice("owner", N_("Lamaran tidak diterima"), N_("{subject} tidak diterima. Alasan: {note}."))),
        Action("withdraw", ("new", "in_review", "interview"), "withdrawn", _l("Batalkan lamaran"),
               permission="withdraw", style="warning", stamps=("decided_at",),
               notice=Notice("owner", N_("Lamaran dibatalkan"), N_("{subject} dibatalkan oleh pelamar."))),
    ],
    resource="Application", notice_kind="application", note_column="note",
    subject=lambda app: f"Lamaran {app.job_seeker.full_name} untuk {app.vacancy.title} ({app.vacancy.company.name})",
    link=lambda app: f"/applicationview/show/{app.id}",
)

FAIR_MODES = {"daring": N_("Daring (online)"), "luring": N_("Luring (di lokasi)"), "hybrid": N_("Hybrid")}
FAIR_REJECTION_REASONS = {"kuota_penuh": _l("Kuota peserta bursa sudah penuh"),
                          "lowongan_tidak_sesuai": _l("Lowongan belum terverifikasi atau tidak sesuai"),
                          "lainnya": _l("Lainnya")}

FAIR_COMPANY_WORKFLOW = Workflow(
    states={"submitted": _l("Menunggu persetujuan"), "returned": _l("Dikembalikan untuk perbaikan"),
            "approved": _l("Disetujui"), "rejected": _l("Ditolak")},
    actions=[
        Action("approve", ("submitted",), "approved", _l("Setujui"), permission="verify", style="success",
               stamps=("approved_at",), inputs=(Input("booth", _l("Nomor stan"), "text"),),
               notice=Notice("owner", N_("Keikutsertaan bursa kerja disetujui"),
                             N_("{subject} disetujui. Lihat nomor stan dan kuota di halaman keikutsertaan."))),
        return_action(Notice("owner", N_("Keikutsertaan bursa kerja perlu diperbaiki"),
                             N_("{subject} dikembalikan. Catatan petugas: {note}."))),
        resubmit_action("join", Notice("office", N_("Keikutsertaan bursa kerja diajukan ulang"),
                                        N_("{subject} diajukan ulang."))),
        reject_action(FAIR_REJECTION_REASONS, Notice("owner", N_("Keikutsertaan bursa kerja ditolak"),
                                                     N_("{subject} ditolak. Alasan: {note}."))),
    ],
    resource="JobFair", notice_kind="vacancy", note_column="note",
    subject=lambda part: f"Keikutsertaan {part.company.name} di {part.fair.name}",
    link=lambda part: f"/faircompanyview/show/{part.id}",
)


def _register_notice_kinds():
    from app.core.notifications import register_kind

    register_kind("vacancy", _l("Lowongan dan bursa kerja"))
    register_kind("application", _l("Lamaran kerja"))
    register_kind("match_digest", _l("Ringkasan lowongan yang cocok (harian)"))


_register_notice_kinds()
