"""The registration of a company: states, decisions and who is told."""
from flask_babel import lazy_gettext as _l

from app.core.i18n import N_
from app.core.workflow import Action, Notice, Workflow, reject_action, resubmit_action, return_action

# Closed list of reasons an officer gives when rejecting a registration (stored as a code).
REJECTION_REASONS = {
    "data_tidak_valid": _l("Data perusahaan tidak valid"),
    "nib_tidak_ditemukan": _l("NIB tidak ditemukan di OSS"),
    "bukan_wilayah": _l("Perusahaan tidak berdomisili di Kabupaten Tangerang"),
    "duplikat": _l("Perusahaan sudah terdaftar"),
    "lainnya": _l("Lainnya"),
}


COMPANY_WORKFLOW = Workflow(
    states={"submitted": _l("Menunggu verifikasi"), "returned": _l("Dikembalikan untuk perbaikan"),
            "verified": _l("Terverifikasi"), "rejected": _l("Ditolak")},
    actions=[
        Action("verify", ("submitted",), "verified", _l("Verifikasi"), permission="verify", stamps=("verified_at",),
               deadline="DEADLINE_COMPANY_VERIFY", style="success",
               notice=Notice("owner", N_("Pendaftaran perusahaan terverifikasi"),
                             N_("Pendaftaran {subject} telah diverifikasi oleh Dinas Tenaga Kerja Kabupaten "
                                "Tangerang. Anda sekarang dapat masuk ke d'naker DIGI dengan nama pengguna dan "
                                "kata sandi yang didaftarkan."))),
        return_action(Notice("owner", N_("Pendaftaran perusahaan perlu diperbaiki"),
                             N_("Pendaftaran {subject} dikembalikan untuk diperbaiki. Catatan petugas: {note}. "
                                "Masuk dengan akun Anda untuk memperbaiki dan mengajukan ulang."))),
        resubmit_action("write", Notice("office", N_("Pendaftaran perusahaan diajukan ulang"),
                                        N_("{subject} telah memperbaiki dan mengajukan ulang pendaftarannya."))),
        reject_action(REJECTION_REASONS, Notice("owner", N_("Pendaftaran perusahaan ditolak"),
                                                N_("Pendaftaran {subject} ditolak. Alasan: {note}."))),
    ],
    resource="Company", notice_kind="account", note_column="status_note",
    subject=lambda company: company.name, link=lambda company: f"/companyview/show/{company.id}",
)
