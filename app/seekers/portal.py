"""Public self-registration of a job seeker with their own account."""
from flask import flash, request
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp

from app.core.forms import DayFirstDateField, form_error, with_blank
from app.core.identifiers import clean_nik
from app.core.validation import DomainError, FormCheck
from app.reference.lists import SEX_CHOICES
from app.portal.forms import KEPT_PASSWORD
from app.extensions import db
from app.seekers.models import JobSeeker
from app.seekers.signup import sign_up
from app.security.limits import limit_form_posts
from app.security.passwords import validate_password

REQUIRED = _l("Wajib diisi.")


class SeekerRegistrationForm(FlaskForm):
    nik = StringField("NIK", [DataRequired(REQUIRED), FormCheck(clean_nik)], description=_l("16 digit sesuai KTP"))
    full_name = StringField(_l("Nama lengkap"), [DataRequired(REQUIRED), Length(max=150)])
    birth_place = StringField(_l("Tempat lahir"), [DataRequired(REQUIRED), Length(max=100)])
    birth_date = DayFirstDateField(_l("Tanggal lahir"), [DataRequired(REQUIRED)])
    sex = SelectField(_l("Jenis kelamin"), [DataRequired(REQUIRED)],
                      choices=with_blank(SEX_CHOICES))
    email = EmailField(_l("E-mail"), [DataRequired(REQUIRED), Email(_l("Alamat e-mail tidak valid."))])
    phone = StringField(_l("Nomor HP"), [DataRequired(REQUIRED),
                                         Regexp(r"^[0-9+() -]{8,20}$", message=_l("Nomor HP tidak valid."))])
    username = StringField(_l("Nama pengguna"), [
        DataRequired(REQUIRED), Length(min=4, max=64),
        Regexp(r"^[A-Za-z0-9_.-]+$", message=_l("Hanya huruf, angka, titik, garis bawah dan tanda hubung."))])
    password = PasswordField(_l("Kata sandi"), [DataRequired(REQUIRED), FormCheck(validate_password)],
                             widget=KEPT_PASSWORD)
    confirm = PasswordField(_l("Ulangi kata sandi"), [DataRequired(REQUIRED),
                                                      EqualTo("password", message=_l("Kata sandi tidak sama."))],
                            widget=KEPT_PASSWORD)


class SeekerRegistrationView(BaseView):
    route_base = "/daftar"

    @expose("/pencari-kerja", methods=["GET", "POST"])
    def seeker(self):
        form = SeekerRegistrationForm()
        if form.validate_on_submit():
            seeker = JobSeeker(nik=form.nik.data, full_name=form.full_name.data, birth_place=form.birth_place.data,
                               birth_date=form.birth_date.data, sex=form.sex.data, email=form.email.data,
                               phone=form.phone.data)
            try:
                sign_up(seeker, form.username.data, form.password.data)
            except DomainError as error:
                db.session.rollback()
                form_error(form, str(error), error.field)
            else:  # the same answer whether or not an account was made (signup.py)
                return self.render_template("seekers/registered.html", email=form.email.data)
        elif request.method == "POST":
            flash(_("Periksa kembali isian yang ditandai."), "danger")
        return self.render_template("portal/register_company.html", form=form,
                                    heading=_("Pendaftaran Pencari Kerja"),
                                    intro=_("Daftar dengan NIK sesuai KTP. Setelah mendaftar, lengkapi profil "
                                            "lalu ajukan kartu AK/I."))


def register(appbuilder):
    appbuilder.add_view_no_menu(SeekerRegistrationView)
    limit_form_posts(appbuilder, SeekerRegistrationView)
