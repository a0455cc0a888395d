"""States and decisions of an AK-1 application and card, and who is told."""
from flask_babel import lazy_gettext as _l, lazy_pgettext

from app.core.i18n import N_
from app.core.workflow import Action, Input, Notice, Workflow, reject_action, resubmit_action, return_action

APPLICATION_TYPES = {"baru": _l("Baru"), "perbaikan": _l("Perbaikan"), "perpanjangan": _l("Perpanjangan")}

# Closed lists of reasons an officer gives, stored as codes (counted by reason).
REJECTION_REASONS = {
    "data_tidak_valid": _l("Data tidak sesuai dokumen"),
    "dokumen_kurang": _l("Dokumen tidak lengkap atau tidak terbaca"),
    "duplikat": _l("Sudah terdaftar (data ganda)"),
    "bukan_pencari_kerja": _l("Sedang bekerja / bukan pencari kerja"),
    "lainnya": _l("Lainnya"),
}

REMOVAL_REASONS = {
    "pindah": _l("Pindah domisili"),
    "meninggal": _l("Meninggal dunia"),
    "duplikat": _l("Data ganda"),
    "permintaan": _l("Atas permintaan sendiri"),
    "tidak_lapor": _l("Tidak melapor ulang"),
    "lainnya": _l("Lainnya"),
}

CLOSING_DATE = Input("date", _l("Tanggal"), "date")


AK1_WORKFLOW = Workflow(
    states={"submitted": _l("Diajukan"), "returned": _l("Dikembalikan untuk perbaikan"),
            "verified": _l("Terverifikasi"), "rejected": _l("Ditolak"), "issued": _l("Berlaku"),
            "expired": _l("Kedaluwarsa"), "placed": _l("Ditempatkan"), "removed": _l("Dihapuskan"),
            "closed": _l("Diganti")},
    actions=[
        Action("verify", ("submitted",), "verified", _l("Verifikasi"), permission="verify", stamps=("verified_at",),
               deadline="DEADLINE_AK1_VERIFY", style="success",
               notice=Notice("owner", N_("Permohonan AK/I terverifikasi"),
                             N_("Data permohonan kartu AK/I Anda sudah diperiksa dan sesuai. Kartu akan segera "
                                "diterbitkan; Anda akan menerima pemberitahuan saat kartu dapat diunduh."))),
        return_action(Notice("owner", N_("Permohonan AK/I perlu diperbaiki"),
                             N_("Permohonan kartu AK/I Anda dikembalikan untuk diperbaiki. Catatan petugas: "
                                "{note}. Perbaiki profil Anda lalu ajukan ulang."))),
        resubmit_action("create", Notice("office", N_("Permohonan AK/I diajukan ulang"),
                                         N_("{subject} telah diperbaiki dan diajukan ulang."))),
        reject_action(REJECTION_REASONS, Notice("owner", N_("Permohonan AK/I ditolak"),
                                                N_("Permohonan kartu AK/I Anda ditolak. Alasan: {note}."))),
        Action("issue", ("verified",), "issued", _l("Terbitkan kartu"), permission="issue",
               deadline="DEADLINE_AK1_ISSUE", style="success",
               notice=Notice("owner", N_("Kartu AK/I Anda telah terbit"),
                             N_("Kartu AK/I Anda nomor {number} telah diterbitkan. Unduh kartu dari halaman "
                                "kartu AK/I dan lapor ulang setiap 6 bulan selama belum bekerja."))),
        Action("place", ("issued",), "placed", _l("Tutup: ditempatkan"), permission="close",
               inputs=(CLOSING_DATE, Input("employer", _l("Diterima bekerja di (pemberi kerja)"))),
               notice=Notice("owner", N_("Kartu AK/I ditutup: ditempatkan"),
                             N_("Kartu AK/I {number} ditutup karena Anda telah ditempatkan bekerja. Selamat!"))),
        Action("remove", ("issued",), "removed", _l("Hapuskan"), permission="close", reasons=REMOVAL_REASONS,
               inputs=(CLOSING_DATE,), style="danger",
               notice=Notice("owner", N_("Kartu AK/I dihapuskan"),
                             N_("Kartu AK/I {number} dihapuskan dari daftar pencari kerja. Alasan: {note}."))),
        Action("expire", ("issued",), "expired", lazy_pgettext("action", "Kedaluwarsa")),
        Action("supersede", ("issued",), "closed", _l("Diganti kartu baru")),
    ],
    resource="Ak1", notice_kind="ak1", note_column="note",
    subject=lambda card: f"Permohonan AK/I {card.job_seeker.full_name}",
    link=lambda card: f"/ak1cardview/show/{card.id}",
)
