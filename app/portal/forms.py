"""Public forms (labels and messages: Indonesian msgids, shown in the reader's language)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, NumberRange, Optional, Regexp
from wtforms.widgets import PasswordInput

from app.core.identifiers import clean_nib, clean_npwp
from app.core.validation import FormCheck
from app.security.passwords import validate_password

REQUIRED = _l("Wajib diisi.")
BAD_PHONE = _l("Nomor telepon tidak valid.")
NEGATIVE = _l("Tidak boleh negatif.")
# After an error both passwords come back as typed: the user corrects the other field and sends again.
KEPT_PASSWORD = PasswordInput(hide_value=False)
SEARCHABLE = {"class": "form-control app-search"}  # long lists: type to find (forms.js)


class CompanyRegistrationForm(FlaskForm):
    name = StringField(_l("Nama perusahaan"), [DataRequired(REQUIRED), Length(max=200)])
    legal_form_code = SelectField(_l("Bentuk badan usaha"), [DataRequired(REQUIRED)])
    nib = StringField(_l("NIB"), [DataRequired(REQUIRED), FormCheck(clean_nib)], description=_l("13 digit"))
    npwp = StringField("NPWP", [DataRequired(REQUIRED), FormCheck(clean_npwp)],
                       description=_l("15 atau 16 digit, boleh dengan titik dan tanda hubung"))
    kbli_id = SelectField(_l("Sektor usaha (KBLI)"), [Optional()], coerce=lambda v: int(v) if v else None,
                          render_kw=SEARCHABLE)
    employer_type_code = SelectField(_l("Jenis pemberi kerja"), [DataRequired(REQUIRED)])
    address = StringField(_l("Alamat"), [DataRequired(REQUIRED), Length(max=300)])
    kecamatan_code = SelectField(_l("Kecamatan"), [DataRequired(REQUIRED)], render_kw=SEARCHABLE)
    # The page holds every desa; forms.js shows those of the chosen kecamatan (data-local: no lookup call).
    desa_code = SelectField(_l("Desa/Kelurahan"), [DataRequired(REQUIRED)],
                            render_kw={**SEARCHABLE, "data-local": ""})
    phone = StringField(_l("Telepon perusahaan"), [Optional(), Regexp(r"^[0-9+() -]{6,20}$", message=BAD_PHONE)])
    headcount_male = IntegerField(_l("Tenaga kerja laki-laki"), [Optional(), NumberRange(min=0, message=NEGATIVE)],
                                  default=0)
    headcount_female = IntegerField(_l("Tenaga kerja perempuan"), [Optional(), NumberRange(min=0, message=NEGATIVE)],
                                    default=0)
    contact_name = StringField(_l("Nama operator"), [DataRequired(REQUIRED), Length(max=120)])
    email = EmailField(_l("E-mail operator"), [DataRequired(REQUIRED), Email(_l("Alamat e-mail tidak valid."))])
    contact_phone = StringField(_l("Telepon operator"), [DataRequired(REQUIRED),
                                                         Regexp(r"^[0-9+() -]{6,20}$", message=BAD_PHONE)])
    username = StringField(_l("Nama pengguna"), [
        DataRequired(REQUIRED), Length(min=4, max=64),
        Regexp(r"^[A-Za-z0-9_.-]+$", message=_l("Hanya huruf, angka, titik, garis bawah dan tanda hubung."))])
    password = PasswordField(_l("Kata sandi"), [DataRequired(REQUIRED), FormCheck(validate_password)],
                             widget=KEPT_PASSWORD)
    confirm = PasswordField(_l("Ulangi kata sandi"), [DataRequired(REQUIRED),
                                                      EqualTo("password", message=_l("Kata sandi tidak sama."))],
                            widget=KEPT_PASSWORD)


class CompanyCorrectionForm(CompanyRegistrationForm):
    """A returned registration corrected by its operator: the account keeps its username and password."""

    username = None
    password = None
    confirm = None
