"""States and actions of an AK-1 application and card."""
from app.core.workflow import Action, Workflow

AK1_WORKFLOW = Workflow(
    states={"submitted": "Diajukan", "returned": "Dikembalikan untuk perbaikan", "verified": "Terverifikasi",
            "rejected": "Ditolak", "issued": "Berlaku", "expired": "Kedaluwarsa", "placed": "Ditempatkan",
            "removed": "Dihapuskan", "closed": "Diganti"},
    actions=[
        Action("verify", ("submitted",), "verified", "Verifikasi", stamps=("verified_at",)),
        Action("return", ("submitted",), "returned", "Kembalikan untuk perbaikan", needs_note=True),
        Action("resubmit", ("returned",), "submitted", "Ajukan ulang"),
        Action("reject", ("submitted", "returned"), "rejected", "Tolak", needs_note=False),
        Action("issue", ("verified",), "issued", "Terbitkan kartu"),
        Action("place", ("issued",), "placed", "Tutup: ditempatkan"),
        Action("remove", ("issued",), "removed", "Hapuskan", needs_note=True),
        Action("expire", ("issued",), "expired", "Kedaluwarsa"),
        Action("supersede", ("issued",), "closed", "Diganti kartu baru"),
    ],
)

APPLICATION_TYPES = {"baru": "Baru", "perbaikan": "Perbaikan", "perpanjangan": "Perpanjangan"}

REJECTION_REASONS = {
    "data_tidak_valid": "Data tidak sesuai dokumen",
    "dokumen_kurang": "Dokumen tidak lengkap atau tidak terbaca",
    "duplikat": "Sudah terdaftar (data ganda)",
    "bukan_pencari_kerja": "Sedang bekerja / bukan pencari kerja",
    "lainnya": "Lainnya",
}

REMOVAL_REASONS = {
    "pindah": "Pindah domisili",
    "meninggal": "Meninggal dunia",
    "duplikat": "Data ganda",
    "permintaan": "Atas permintaan sendiri",
    "tidak_lapor": "Tidak melapor ulang",
    "lainnya": "Lainnya",
}
