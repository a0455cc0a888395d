"""Job-seeker self-registration that does not tell a stranger who is registered (app/security/signup.py)."""
from flask import current_app
from flask_babel import gettext as _

from app.core.notifications import notify
from app.security.signup import QuietForm, submit_quietly
from app.seekers.models import JobSeeker
from app.seekers.services import register_with_account

SIGN_UP = QuietForm(
    path="/daftar/pencari-kerja",
    not_done=lambda: _("Pendaftaran pencari kerja belum dibuat"),
    letter=lambda field: _(
        "NIK yang Anda masukkan sudah terdaftar sebagai pencari kerja, sehingga akun baru tidak dibuat. Bila "
        "Anda pernah mendaftar di loket Disnaker, datanglah dengan KTP untuk dibuatkan akun. Bila Anda belum "
        "pernah mendaftar, laporkan ke Dinas Tenaga Kerja Kabupaten Tangerang: NIK Anda mungkin dipakai orang "
        "lain."))


def sign_up(seeker: JobSeeker, username: str, password: str):
    """Register the job seeker with their account, or tell the address why not (committed either way).
    Raises DomainError for a mistake in the data itself (a form shows it at its field)."""

    def attempt():
        register_with_account(seeker, username, password)
        user = current_app.appbuilder.sm.find_user(username=username)
        notify(user.id, "account", f"seeker-registered:{user.id}", _("Pendaftaran berhasil"),
               _("Akun pencari kerja Anda sudah dibuat. Masuk dengan nama pengguna %(username)s, lengkapi profil "
                 "(pendidikan, pelatihan, pengalaman kerja) lalu ajukan kartu AK/I.", username=username),
               link="/login/")

    submit_quietly(SIGN_UP, attempt, seeker.email, username, password)
