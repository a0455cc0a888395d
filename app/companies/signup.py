"""Company self-registration and the correction of a returned registration, answering alike whether or not
a username, e-mail, NIB or NPWP is registered already (app/security/signup.py)."""
from flask_babel import gettext as _

from app.companies.models import Company
from app.companies.services import register_company, resubmit_registration
from app.core.notifications import absolute_url, notify
from app.security.signup import QuietForm, submit_quietly

LABELS = {"nib": "NIB", "npwp": "NPWP"}

SIGN_UP = QuietForm(
    path="/daftar/perusahaan",
    not_done=lambda: _("Pendaftaran perusahaan belum dibuat"),
    letter=lambda field: _(
        "%(identifier)s yang Anda masukkan sudah terdaftar atas perusahaan lain, sehingga pendaftaran belum "
        "dibuat. Bila perusahaan Anda sudah terdaftar, minta operatornya atau Dinas Tenaga Kerja Kabupaten "
        "Tangerang menambahkan Anda sebagai operator. Bila belum pernah mendaftar, periksa kembali "
        "%(identifier)s Anda atau laporkan ke Dinas: %(identifier)s itu mungkin dipakai pihak lain.",
        identifier=LABELS[field]))

CORRECTION = QuietForm(
    path="/login/",
    not_done=lambda: _("Perbaikan pendaftaran perusahaan belum diajukan"),
    letter=lambda field: _(
        "%(identifier)s yang Anda masukkan pada perbaikan pendaftaran sudah terdaftar atas perusahaan lain, "
        "sehingga perbaikan belum diajukan. Periksa kembali %(identifier)s sesuai dokumen perusahaan, lalu masuk "
        "lagi untuk memperbaiki: %(link)s", identifier=LABELS[field], link=absolute_url("/login/")))


def sign_up(company: Company, username, email, first_name, last_name, password):
    """Register the company with its (inactive) operator, or tell the address why not (committed either
    way). Raises DomainError for a mistake in the data itself."""

    def attempt():
        user = register_company(company, username, email, first_name, last_name, password)
        notify(user.id, "account", f"company-registered:{company.id}", _("Pendaftaran perusahaan diterima"),
               _("Pendaftaran %(company)s sudah kami terima dan sedang menunggu verifikasi petugas Disnaker. "
                 "Hasilnya dikirim ke e-mail ini; setelah diverifikasi, masuk dengan nama pengguna %(username)s.",
                 company=company.name, username=username), link="/login/")

    submit_quietly(SIGN_UP, attempt, email, username, password)


def correct(company: Company, operator, values: dict):
    """Resubmit a returned registration with the operator's corrections, or tell the address given why not
    (committed either way). Raises DomainError for a mistake in the data itself."""

    def attempt():
        entry = resubmit_registration(company, operator, values)
        notify(operator.id, "account", f"company-resubmitted:{entry.id}", _("Perbaikan pendaftaran diajukan ulang"),
               _("Perbaikan pendaftaran %(company)s sudah diajukan ulang dan menunggu verifikasi petugas Disnaker. "
                 "Hasilnya dikirim ke e-mail ini.", company=company.name), link="/login/")

    submit_quietly(CORRECTION, attempt, values.get("email"))
