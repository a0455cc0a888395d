"""States and actions of a PKWT submission."""
from flask_babel import lazy_gettext as _l

from app.core.i18n import N_
from app.core.workflow import Action, Notice, Workflow, reject_action, resubmit_action, return_action

# Plain Indonesian (N_ marks them only): the registration letter and the monthly recap print them as they are;
# screens translate them with gettext when they show them.
KINDS = {"jangka_waktu": N_("Jangka waktu"), "selesai": N_("Selesainya suatu pekerjaan"),
         "harian": N_("Pekerjaan harian")}
END_REASONS = {"selesai": N_("Pekerjaan selesai / jangka waktu berakhir"),
               "diakhiri_pengusaha": N_("Diakhiri lebih awal oleh pengusaha"),
               "diakhiri_pekerja": N_("Diakhiri lebih awal oleh pekerja"),
               "menjadi_pkwtt": N_("Diangkat menjadi pekerja tetap (PKWTT)")}
WAGE_PAYMENTS = {"bulanan": _l("Bulanan"), "mingguan": _l("Mingguan"), "harian": _l("Harian")}
REJECTION_REASONS = {  # closed list, stored as a code
    "bukan_pkwt": _l("Pekerjaan bersifat tetap (tidak boleh PKWT)"),
    "dokumen": _l("Dokumen perjanjian tidak lengkap atau tidak terbaca"),
    "melebihi_batas": _l("Melebihi batas waktu PKWT"),
    "data_tidak_valid": _l("Data pekerja tidak valid"),
    "lainnya": _l("Lainnya"),
}


SUBMISSION_WORKFLOW = Workflow(
    states={"submitted": _l("Diajukan"), "returned": _l("Dikembalikan untuk perbaikan"), "approved": _l("Tercatat"),
            "rejected": _l("Ditolak")},
    actions=[
        Action("approve", ("submitted",), "approved", _l("Setujui dan catat"), permission="verify",
               deadline="DEADLINE_PKWT_VERIFY", style="success",
               notice=Notice("owner", N_("PKWT tercatat"),
                             N_("{subject} telah dicatat dengan nomor {number}. Bukti Pencatatan PKWT dapat "
                                "diunduh dari halaman pengajuan."))),
        return_action(Notice("owner", N_("Pengajuan PKWT perlu diperbaiki"),
                             N_("{subject} dikembalikan untuk diperbaiki. Catatan petugas: {note}."))),
        resubmit_action("write", Notice("office", N_("Pengajuan PKWT diajukan ulang"),
                                        N_("{subject} telah diperbaiki dan diajukan ulang."))),
        reject_action(REJECTION_REASONS, Notice("owner", N_("Pengajuan PKWT ditolak"),
                                                N_("{subject} ditolak. Alasan: {note}."))),
    ],
    resource="Pkwt", notice_kind="pkwt", note_column="note",
    subject=lambda submission: f"Pengajuan PKWT #{submission.id} ({submission.company.name})",
    link=lambda submission: f"/pkwtsubmissionview/show/{submission.id}",
)
