"""Public forms that do not tell a stranger who is registered (issue 8 §2.6): every attempt that passes the
form's checks gets the same answer on the screen, and what happened is written to the e-mail address given
or, when an account holds that address, to its holder. Used by the job-seeker and company sign-ups and by
the correction of a returned company registration."""
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import generate_password_hash

from app.core.notifications import absolute_url, mail_address, notify
from app.core.validation import AlreadyRegistered
from app.extensions import db


@dataclass(frozen=True)
class QuietForm:
    """A public form that answers alike. `letter(field)` is the body written to the address given when the
    value of `field` (nik, nib, npwp …) is registered already; `path` is where to try again."""
    path: str
    not_done: Callable[[], str]  # subject of that letter
    letter: Callable[[str], str]


def submit_quietly(form: QuietForm, attempt: Callable[[], object], email: str, username: str | None = None,
                   password: str | None = None):
    """Run `attempt()` (the registration and its own notice, not committed) and commit. When it clashes with
    something registered (AlreadyRegistered), undo it and write why to the address instead: the caller shows
    the same page either way. Returns attempt()'s result, or None when it did not go through. A DomainError
    for a mistake in the data itself passes through (the form shows it at its field)."""
    try:
        result = attempt()
    except AlreadyRegistered as clash:
        db.session.rollback()
        if password is not None:
            generate_password_hash(password)  # as slow as an attempt that went through: the time tells nothing
        _tell_why_not(form, clash.field, email, username)
        db.session.commit()
        return None
    db.session.commit()
    return result


def _tell_why_not(form: QuietForm, field: str, email: str, username: str | None):
    if field == "email":
        holder = current_app.appbuilder.sm.find_user(email=email)
        notify(holder.id, "account", f"sign-up-attempt:{uuid.uuid4().hex}",
               _("Percobaan pendaftaran dengan e-mail Anda"),
               _("Ada pendaftaran di d'naker DIGI dengan alamat e-mail ini, yang sudah dipakai akun Anda (nama "
                 "pengguna: %(username)s). Bila itu Anda, masuk dengan akun tersebut. Bila bukan Anda, abaikan "
                 "pesan ini: akun Anda tidak berubah.", username=holder.username), link="/login/")
    elif field == "username":
        mail_address(email, form.not_done(), _(
            "Nama pengguna %(username)s sudah dipakai, sehingga pendaftaran Anda belum dibuat. Silakan daftar lagi "
            "dengan nama pengguna lain: %(link)s", username=username, link=absolute_url(form.path)))
    else:
        mail_address(email, form.not_done(), form.letter(field))
