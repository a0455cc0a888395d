"""States and actions of a PKWT submission."""
from app.core.workflow import Action, Workflow

SUBMISSION_WORKFLOW = Workflow(
    states={"submitted": "Diajukan", "returned": "Dikembalikan untuk perbaikan", "approved": "Tercatat",
            "rejected": "Ditolak"},
    actions=[
        Action("approve", ("submitted",), "approved", "Setujui dan catat"),
        Action("return", ("submitted",), "returned", "Kembalikan untuk perbaikan", needs_note=True),
        Action("resubmit", ("returned",), "submitted", "Ajukan ulang"),
        Action("reject", ("submitted", "returned"), "rejected", "Tolak"),
    ],
)

KINDS = {"jangka_waktu": "Jangka waktu", "selesai": "Selesainya suatu pekerjaan", "harian": "Pekerjaan harian"}
WAGE_PAYMENTS = {"bulanan": "Bulanan", "mingguan": "Mingguan", "harian": "Harian"}
REJECTION_REASONS = {
    "bukan_pkwt": "Pekerjaan bersifat tetap (tidak boleh PKWT)",
    "dokumen": "Dokumen perjanjian tidak lengkap atau tidak terbaca",
    "melebihi_batas": "Melebihi batas waktu PKWT",
    "data_tidak_valid": "Data pekerja tidak valid",
    "lainnya": "Lainnya",
}
