"""Public forms (Bahasa Indonesia messages)."""
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, NumberRange, Optional, Regexp

from app.companies.identifiers import clean_nib, clean_npwp
from app.core.validation import FormCheck
from app.security.passwords import validate_password

REQUIRED = "Wajib diisi."


class CompanyRegistrationForm(FlaskForm):
    name = StringField("Nama perusahaan", [DataRequired(REQUIRED), Length(max=200)])
    legal_form_code = SelectField("Bentuk badan usaha", [DataRequired(REQUIRED)])
    nib = StringField("NIB (13 digit)", [DataRequired(REQUIRED), FormCheck(clean_nib)])
    npwp = StringField("NPWP", [DataRequired(REQUIRED), FormCheck(clean_npwp)])
    kbli_id = SelectField("Sektor usaha (KBLI)", [Optional()], coerce=lambda v: int(v) if v else None)
    employer_type_code = SelectField("Jenis pemberi kerja", [DataRequired(REQUIRED)])
    address = StringField("Alamat", [DataRequired(REQUIRED), Length(max=300)])
    kecamatan_code = SelectField("Kecamatan", [DataRequired(REQUIRED)])
    desa_code = SelectField("Desa/Kelurahan", [DataRequired(REQUIRED)])
    phone = StringField("Telepon perusahaan", [Optional(), Regexp(r"^[0-9+() -]{6,20}$", message="Nomor telepon tidak valid.")])
    headcount_male = IntegerField("Tenaga kerja laki-laki", [Optional(), NumberRange(min=0, message="Tidak boleh negatif.")], default=0)
    headcount_female = IntegerField("Tenaga kerja perempuan", [Optional(), NumberRange(min=0, message="Tidak boleh negatif.")], default=0)
    contact_name = StringField("Nama operator", [DataRequired(REQUIRED), Length(max=120)])
    email = EmailField("E-mail operator", [DataRequired(REQUIRED), Email("Alamat e-mail tidak valid.")])
    contact_phone = StringField("Telepon operator", [DataRequired(REQUIRED), Regexp(r"^[0-9+() -]{6,20}$", message="Nomor telepon tidak valid.")])
    username = StringField("Nama pengguna", [DataRequired(REQUIRED), Length(min=4, max=64),
                                             Regexp(r"^[A-Za-z0-9_.-]+$", message="Hanya huruf, angka, titik, garis bawah dan tanda hubung.")])
    password = PasswordField("Kata sandi", [DataRequired(REQUIRED), FormCheck(validate_password)])
    confirm = PasswordField("Ulangi kata sandi", [EqualTo("password", message="Kata sandi tidak sama.")])
