"""States and actions of a PKWT submission."""
from flask_babel import lazy_gettext as _l

from app.core.i18n import N_
from app.core.workflow import Action, Workflow

SUBMISSION_WORKFLOW = Workflow(
    states={"submitted": _l("Diajukan"), "returned": _l("Dikembalikan untuk perbaikan"), "approved": _l("Tercatat"),
            "rejected": _l("Ditolak")},
    actions=[
        Action("approve", ("submitted",), "approved", _l("Setujui dan catat")),
        Action("return", ("submitted",), "returned", _l("Kembalikan untuk perbaikan"), needs_note=True),
        Action("resubmit", ("returned",), "submitted", _l("Ajukan ulang")),
        Action("reject", ("submitted", "returned"), "rejected", _l("Tolak")),
    ],
)

# Plain Indonesian (N_ marks them only): the registration letter and the monthly recap print them as they are;
# screens translate them with gettext when they show them.
KINDS = {"jangka_waktu": N_("Jangka waktu"), "selesai": N_("Selesainya suatu pekerjaan"),
         "harian": N_("Pekerjaan harian")}
WAGE_PAYMENTS = {"bulanan": _l("Bulanan"), "mingguan": _l("Mingguan"), "harian": _l("Harian")}
REJECTION_REASONS = {  # shown in the officer's language; stored as a note in Indonesian (services.decide)
    "bukan_pkwt": _l("Pekerjaan bersifat tetap (tidak boleh PKWT)"),
    "dokumen": _l("Dokumen perjanjian tidak lengkap atau tidak terbaca"),
    "melebihi_batas": _l("Melebihi batas waktu PKWT"),
    "data_tidak_valid": _l("Data pekerja tidak valid"),
    "lainnya": _l("Lainnya"),
}
