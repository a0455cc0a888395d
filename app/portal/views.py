"""Public pages: company self-registration (the public home is app.home.views.HomeView)."""
from flask import flash, redirect, request, session, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _

from app.companies.models import Company
from app.companies.services import CORRECTABLE
from app.companies.signup import correct, sign_up
from app.core.forms import form_error, with_blank
from app.core.validation import DomainError
from app.extensions import db
from app.portal.forms import CompanyCorrectionForm, CompanyRegistrationForm
from app.security.manager import CORRECTION_SESSION_KEY
from app.security.models import AppUser
from app.security.limits import limit_form_posts
from app.reference.models import EmployerType, Kbli, LegalForm, Region


def _fill_choices(form):
    form.legal_form_code.choices = with_blank((r.code, r.name) for r in
                                              db.session.query(LegalForm).order_by(LegalForm.name))
    form.employer_type_code.choices = with_blank((r.code, r.name) for r in db.session.query(EmployerType))
    form.kbli_id.choices = with_blank((r.id, f"{r.code} {r.name}") for r in
                                      db.session.query(Kbli).filter_by(level="division").order_by(Kbli.code))
    regions = db.session.query(Region).filter(Region.level != "kabupaten").order_by(Region.name).all()
    form.kecamatan_code.choices = with_blank((r.code, r.name) for r in regions if r.level == "kecamatan")
    names = {r.code: r.name for r in regions if r.level == "kecamatan"}
    form.desa_code.choices = with_blank((r.code, f"{r.name} ({names.get(r.parent_code, '')})")
                                        for r in regions if r.level in ("desa", "kelurahan"))


class CompanyRegistrationView(BaseView):
    route_base = "/daftar"
    default_view = "company"

    @expose("/perusahaan", methods=["GET", "POST"])
    def company(self):
        form = CompanyRegistrationForm()
        _fill_choices(form)
        if form.validate_on_submit():
            company = Company()
            fields = ["name", "legal_form_code", "nib", "npwp", "kbli_id", "employer_type_code", "address",
                      "kecamatan_code", "desa_code", "phone", "headcount_male", "headcount_female",
                      "contact_name", "contact_phone"]
            for field in fields:
                setattr(company, field, getattr(form, field).data)
            company.email = form.email.data
            first, _space, last = form.contact_name.data.partition(" ")
            try:
                sign_up(company, form.username.data, form.email.data, first, last or "-", form.password.data)
            except DomainError as error:
                db.session.rollback()
                form_error(form, str(error), error.field)
            else:  # the same answer whether or not the company was registered (signup.py)
                return self.render_template("portal/check_email.html", email=form.email.data, next_steps=_(
                    "Bila pendaftaran diterima, perusahaan menunggu verifikasi petugas Disnaker; hasilnya "
                    "dikirim ke e-mail operator. Setelah diverifikasi, masuk dengan nama pengguna yang "
                    "didaftarkan."))
        elif request.method == "POST":
            flash(_("Periksa kembali isian yang ditandai."), "danger")
        return self.render_template("portal/register_company.html", form=form)

    @expose("/perbaikan", methods=["GET", "POST"])
    def correction(self):
        """The one page an operator of a returned registration reaches (after the right password at /login)."""
        operator = db.session.get(AppUser, session.get(CORRECTION_SESSION_KEY) or 0)
        company = db.session.get(Company, operator.company_id) if operator and operator.company_id else None
        if company is None or company.status != "returned":
            session.pop(CORRECTION_SESSION_KEY, None)
            return redirect(url_for("PostLogoutAuthView.login"))
        form = CompanyCorrectionForm(obj=None if request.method == "POST" else company)
        if request.method == "GET":
            form.npwp.data = company.npwp_formatted  # as printed on the tax card
        _fill_choices(form)
        if form.validate_on_submit():
            try:
                correct(company, operator, {f: form[f].data for f in CORRECTABLE})
            except DomainError as error:
                db.session.rollback()
                form_error(form, str(error), error.field)
            else:  # the same answer whether or not it was resubmitted (signup.py)
                session.pop(CORRECTION_SESSION_KEY, None)
                return self.render_template("portal/check_email.html", email=form.email.data, next_steps=_(
                    "Bila perbaikan diajukan ulang, pendaftaran kembali menunggu verifikasi petugas Disnaker. Bila "
                    "belum, masuk lagi untuk memperbaikinya."))
        elif request.method == "POST":
            flash(_("Periksa kembali isian yang ditandai."), "danger")
        return self.render_template("portal/correct_company.html", form=form, company=company, operator=operator)

    @expose("/perbaikan/keluar", methods=["POST"])
    def leave_correction(self):
        session.pop(CORRECTION_SESSION_KEY, None)
        return redirect(url_for("PostLogoutAuthView.login"))


def register(appbuilder):
    appbuilder.add_view_no_menu(CompanyRegistrationView)
    limit_form_posts(appbuilder, CompanyRegistrationView)
