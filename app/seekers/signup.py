"""Self-registration that does not tell a stranger who is registered: every sign-up that passes the form's
checks gets the same answer on the screen, and what happened is written to the e-mail address given (or,
when that address belongs to an account, to its holder)."""
import uuid

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import generate_password_hash

from app.core.notifications import absolute_url, mail_address, notify
from app.core.validation import AlreadyRegistered
from app.extensions import db
from app.seekers.models import JobSeeker
from app.seekers.services import register_with_account

SIGN_UP_PATH = "/daftar/pencari-kerja"


def sign_up(seeker: JobSeeker, username: str, password: str):
    """Register the job seeker with their account, or tell the address why not (committed either way).
    Raises DomainError for a mistake in the data itself (a form shows it at its field)."""
    try:
        register_with_account(seeker, username, password)
    except AlreadyRegistered as clash:
        db.session.rollback()
        generate_password_hash(password)  # as slow as a sign-up that went through: the time tells nothing
        _tell_why_not(clash.field, seeker.email, username)
        db.session.commit()
        return
    user = current_app.appbuilder.sm.find_user(username=username)
    notify(user.id, "account", f"seeker-registered:{user.id}", _("Pendaftaran berhasil"),
           _("Akun pencari kerja Anda sudah dibuat. Masuk dengan nama pengguna %(username)s, lengkapi profil "
             "(pendidikan, pelatihan, pengalaman kerja) lalu ajukan kartu AK/I.", username=username), link="/login/")
    db.session.commit()


def _tell_why_not(field: str, email: str, username: str):
    not_done = _("Pendaftaran pencari kerja belum dibuat")
    if field == "email":
        holder = current_app.appbuilder.sm.find_user(email=email)
        notify(holder.id, "account", f"sign-up-attempt:{uuid.uuid4().hex}",
               _("Percobaan pendaftaran dengan e-mail Anda"),
               _("Ada pendaftaran pencari kerja dengan alamat e-mail ini, yang sudah dipakai akun Anda (nama "
                 "pengguna: %(username)s). Bila itu Anda, masuk dengan akun tersebut. Bila bukan Anda, abaikan "
                 "pesan ini: akun Anda tidak berubah.", username=holder.username), link="/login/")
    elif field == "username":
        mail_address(email, not_done, _(
            "Nama pengguna %(username)s sudah dipakai, sehingga pendaftaran Anda belum dibuat. Silakan daftar lagi "
            "dengan nama pengguna lain: %(link)s", username=username, link=absolute_url(SIGN_UP_PATH)))
    else:
        mail_address(email, not_done, _(
            "NIK yang Anda masukkan sudah terdaftar sebagai pencari kerja, sehingga akun baru tidak dibuat. Bila "
            "Anda pernah mendaftar di loket Disnaker, datanglah dengan KTP untuk dibuatkan akun. Bila Anda belum "
            "pernah mendaftar, laporkan ke Dinas Tenaga Kerja Kabupaten Tangerang: NIK Anda mungkin dipakai orang "
            "lain."))
