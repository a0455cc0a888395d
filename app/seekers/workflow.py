"""States and actions of an AK-1 application and card."""
from flask_babel import lazy_gettext as _l, lazy_pgettext

from app.core.workflow import Action, Workflow

AK1_WORKFLOW = Workflow(
    states={"submitted": _l("Diajukan"), "returned": _l("Dikembalikan untuk perbaikan"),
            "verified": _l("Terverifikasi"), "rejected": _l("Ditolak"), "issued": _l("Berlaku"),
            "expired": _l("Kedaluwarsa"), "placed": _l("Ditempatkan"), "removed": _l("Dihapuskan"),
            "closed": _l("Diganti")},
    actions=[
        Action("verify", ("submitted",), "verified", _l("Verifikasi"), stamps=("verified_at",)),
        Action("return", ("submitted",), "returned", _l("Kembalikan untuk perbaikan"), needs_note=True),
        Action("resubmit", ("returned",), "submitted", _l("Ajukan ulang")),
        Action("reject", ("submitted", "returned"), "rejected", _l("Tolak"), needs_note=False),
        Action("issue", ("verified",), "issued", _l("Terbitkan kartu")),
        Action("place", ("issued",), "placed", _l("Tutup: ditempatkan")),
        Action("remove", ("issued",), "removed", _l("Hapuskan"), needs_note=True),
        Action("expire", ("issued",), "expired", lazy_pgettext("action", "Kedaluwarsa")),
        Action("supersede", ("issued",), "closed", _l("Diganti kartu baru")),
    ],
)

APPLICATION_TYPES = {"baru": _l("Baru"), "perbaikan": _l("Perbaikan"), "perpanjangan": _l("Perpanjangan")}

# Closed lists of reasons an officer gives. Shown in the reader's language; stored in Indonesian (services
# pass them through stored_text).
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
