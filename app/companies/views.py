"""Company and branch screens and APIs, the registration decision and operator accounts."""
from flask_appbuilder.fieldwidgets import BS3PasswordFieldWidget
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterInFunction
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo

from app.companies import review, services
from app.core.identifiers import clean_nib, clean_npwp
from app.companies.models import Branch, Company
from app.core.i18n import N_
from app.core.menu import add_api, add_view
from app.core.validation import DomainError, FormCheck, api_check, non_negative
from app.core.decisions import DecisionApiMixin, DecisionViewMixin, add_queue, queue_view
from app.core.views import AppModelView, AppRestApi
from app.security.models import AppUser
from app.security.passwords import validate_password
from app.security.roles import OPERATOR
from app.security.tenancy import TenantInterface

# The column holds one company; the same Indonesian word names the menu of companies: a context tells them apart.
COMPANY_COLUMN = lazy_pgettext("column", "Perusahaan")
COMPANY_LABELS = {
    "name": _l("Nama perusahaan"), "legal_form": _l("Bentuk badan usaha"), "nib": "NIB", "npwp": "NPWP",
    "npwp_formatted": "NPWP", "kbli": "KBLI", "employer_type": _l("Jenis pemberi kerja"), "address": _l("Alamat"),
    "kecamatan": _l("Kecamatan"), "desa": _l("Desa/Kelurahan"), "postal_code": _l("Kode pos"),
    "phone": _l("Telepon"), "email": _l("E-mail"), "contact_name": _l("Narahubung"),
    "contact_phone": _l("Telepon narahubung"), "headcount_male": _l("Tenaga kerja laki-laki"),
    "headcount_female": _l("Tenaga kerja perempuan"), "headcount": _l("Jumlah tenaga kerja"),
    "bpjs_tk_number": _l("No. BPJS Ketenagakerjaan"), "status_label": _l("Status"), "status": _l("Status"),
    "verified_at": _l("Tanggal verifikasi"), "status_note": _l("Catatan verifikasi"), "branches": _l("Cabang"),
    "company": COMPANY_COLUMN, "headcount_branch": _l("Jumlah tenaga kerja"),
}
COMPANY_FORM = ["name", "legal_form", "nib", "npwp", "kbli", "employer_type", "address", "kecamatan", "desa",
                "postal_code", "phone", "email", "contact_name", "contact_phone", "headcount_male",
                "headcount_female", "bpjs_tk_number"]
# Address dropdowns: kecamatan pick from kecamatan, desa from desa/kelurahan.
REGION_CHOICES = {"kecamatan": [["level", FilterEqual, "kecamatan"]],
                  "desa": [["level", FilterInFunction, lambda: ["desa", "kelurahan"]]]}


class HasCompany(BaseFilter):
    def apply(self, query, value):
        return query.filter(AppUser.company_id.isnot(None))


class BranchView(AppModelView):
    datamodel = TenantInterface(Branch)
    resource = "Branch"
    list_title = show_title = _l("Cabang")
    add_title = _l("Tambah cabang")
    edit_title = _l("Ubah cabang")
    list_columns = ["name", "company", "kecamatan", "headcount"]
    search_columns = ["name"]
    add_columns = edit_columns = ["company", "name", "address", "kecamatan", "desa", "phone", "headcount"]
    show_columns = ["company", "name", "address", "kecamatan", "desa", "phone", "headcount"]
    label_columns = {**COMPANY_LABELS, "name": _l("Nama cabang"), "headcount": _l("Jumlah tenaga kerja")}
    add_form_query_rel_fields = edit_form_query_rel_fields = REGION_CHOICES
    validators_columns = {"headcount": [FormCheck(non_negative)]}

    def pre_add(self, item):
        services.normalize_branch(item)

    pre_update = pre_add


class CompanyView(DecisionViewMixin, AppModelView):
    datamodel = TenantInterface(Company)
    resource = "Company"
    list_title = _l("Daftar Perusahaan")
    show_title = _l("Data Perusahaan")
    add_title = _l("Tambah perusahaan")
    edit_title = _l("Ubah data perusahaan")
    list_columns = ["name", "legal_form", "nib", "npwp_formatted", "kecamatan", "employer_type", "status_label"]
    search_columns = ["name", "nib", "npwp", "kecamatan", "employer_type", "status"]
    add_columns = edit_columns = COMPANY_FORM
    show_columns = COMPANY_FORM[:3] + ["npwp_formatted"] + COMPANY_FORM[4:] + [
        "headcount", "status_label", "verified_at", "status_note"]
    label_columns = COMPANY_LABELS
    related_views = [BranchView]
    show_template = "companies/show.html"
    validators_columns = {"nib": [FormCheck(clean_nib)], "npwp": [FormCheck(clean_npwp)],
                          "headcount_male": [FormCheck(non_negative)], "headcount_female": [FormCheck(non_negative)]}
    add_form_query_rel_fields = edit_form_query_rel_fields = REGION_CHOICES
    description_columns = {"npwp": _l("15 atau 16 digit, contoh 01.312.166.0-091.000"),
                           "nib": _l("13 digit Nomor Induk Berusaha dari OSS")}

    def pre_add(self, item):
        services.normalize_company(item)
        item.status = "verified"  # registered by an officer at the counter

    def pre_update(self, item):
        services.normalize_company(item)

    def show_context(self, company):
        return dict(company=company, operators=review.operator_accounts(company),
                    identifier_checks=review.identifier_checks(company),
                    duplicates=review.possible_duplicates(company))


class CompanyApi(DecisionApiMixin, AppRestApi):
    datamodel = TenantInterface(Company)
    resource = "Company"
    resource_name = "company"
    openapi_spec_tag = "Perusahaan"
    list_columns = ["id", "name", "legal_form_code", "nib", "npwp", "kecamatan_code", "employer_type_code", "status"]
    show_columns = list_columns + ["kbli_id", "address", "desa_code", "postal_code", "phone", "email",
                                   "contact_name", "contact_phone", "headcount_male", "headcount_female",
                                   "bpjs_tk_number", "verified_at", "status_note"]
    add_columns = edit_columns = ["name", "legal_form_code", "nib", "npwp", "kbli_id", "employer_type_code",
                                  "address", "kecamatan_code", "desa_code", "postal_code", "phone", "email",
                                  "contact_name", "contact_phone", "headcount_male", "headcount_female",
                                  "bpjs_tk_number"]
    search_columns = ["name", "nib", "npwp", "kecamatan_code", "status"]
    openapi_example = {"name": "PT Maju Bersama", "legal_form_code": "PT", "nib": "8120000012345",
                       "npwp": "012345674407000", "employer_type_code": "PRIVATE", "address": "Jl. Industri No. 5",
                       "kecamatan_code": "36.03.01", "desa_code": "36.03.01.2003", "headcount_male": 40,
                       "headcount_female": 25}
    validators_columns = {"nib": api_check(clean_nib), "npwp": api_check(clean_npwp),
                          "headcount_male": api_check(non_negative), "headcount_female": api_check(non_negative)}

    def pre_add(self, item):
        services.normalize_company(item)
        item.status = "verified"

    def pre_update(self, item):
        services.normalize_company(item)


class BranchApi(AppRestApi):
    datamodel = TenantInterface(Branch)
    resource = "Branch"
    resource_name = "branch"
    openapi_spec_tag = "Cabang Perusahaan"
    list_columns = show_columns = ["id", "company_id", "name", "address", "kecamatan_code", "desa_code",
                                   "phone", "headcount"]
    add_columns = edit_columns = ["company_id", "name", "address", "kecamatan_code", "desa_code", "phone",
                                  "headcount"]
    search_columns = ["name", "company_id", "kecamatan_code"]
    openapi_example = {"name": "Gudang Cikupa", "address": "Jl. Raya Cikupa Km. 3", "kecamatan_code": "36.03.01",
                       "desa_code": "36.03.01.2003", "headcount": 12}
    validators_columns = {"headcount": api_check(non_negative)}

    def pre_add(self, item):
        services.normalize_branch(item)

    pre_update = pre_add


CompanyQueueView = queue_view(CompanyView, "CompanyQueueView", "submitted", _l("Antrean Verifikasi Perusahaan"))


class OperatorView(AppModelView):
    """Operator accounts of companies, for officers: review, activate, create at the counter."""

    datamodel = TenantInterface(AppUser)
    resource = "Operator"
    list_title = _l("Akun Operator Perusahaan")
    show_title = _l("Akun operator")
    add_title = _l("Tambah akun operator")
    edit_title = _l("Ubah akun operator")
    base_filters = [["company_id", HasCompany, None]]
    list_columns = ["username", "first_name", "last_name", "email", "company", "active", "last_login"]
    search_columns = ["username", "first_name", "last_name", "email"]
    show_columns = ["username", "first_name", "last_name", "email", "phone", "company", "active", "last_login"]
    edit_columns = ["first_name", "last_name", "email", "phone", "company", "active"]
    add_columns = ["username", "first_name", "last_name", "email", "phone", "company", "password", "conf_password"]
    label_columns = {"username": _l("Nama pengguna"), "first_name": _l("Nama depan"),
                     "last_name": _l("Nama belakang"), "email": _l("E-mail"), "phone": _l("Telepon"),
                     "company": COMPANY_COLUMN, "active": _l("Aktif"), "last_login": _l("Login terakhir"),
                     "password": _l("Kata sandi"), "conf_password": _l("Ulangi kata sandi")}
    add_form_extra_fields = {
        "password": PasswordField(_l("Kata sandi"), validators=[DataRequired(), FormCheck(validate_password)],
                                  widget=BS3PasswordFieldWidget()),
        "conf_password": PasswordField(_l("Ulangi kata sandi"), widget=BS3PasswordFieldWidget(),
                                       validators=[EqualTo("password", message=_l("Kata sandi tidak sama."))]),
    }

    def pre_add(self, item):
        from werkzeug.security import generate_password_hash

        if item.company_id is None and item.company is None:
            raise DomainError(_("Operator harus terhubung ke satu perusahaan."))
        item.password = generate_password_hash(item.password)
        item.roles = [self.appbuilder.sm.find_role(OPERATOR)]
        item.active = True

    def pre_update(self, item):
        if item.company_id is None and item.company is None:
            raise DomainError(_("Operator harus terhubung ke satu perusahaan."))


def register(appbuilder):
    add_view(appbuilder, CompanyView, N_("Perusahaan"), N_("Perusahaan"), icon="fa-building")
    add_queue(appbuilder, CompanyQueueView, N_("Antrean Verifikasi Perusahaan"), N_("Perusahaan"))
    add_view(appbuilder, BranchView, N_("Cabang Perusahaan"), N_("Perusahaan"), icon="fa-sitemap")
    add_view(appbuilder, OperatorView, N_("Akun Operator"), N_("Perusahaan"), icon="fa-user")
    add_api(appbuilder, CompanyApi)
    add_api(appbuilder, BranchApi)
