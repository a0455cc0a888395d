"""Company rules: identifiers, registration of a company with its first operator, and verification."""
from flask import current_app
from flask_babel import gettext as _

from app.companies.identifiers import clean_nib, clean_npwp
from app.companies.models import Company
from app.companies.workflow import COMPANY_WORKFLOW
from app.core.models import utcnow
from app.core.i18n import stored_text
from app.core.notifications import notify
from app.core.validation import DomainError
from app.core.workflow import transition
from app.reference.rules import check_address
from app.extensions import db
from app.security.models import AppUser
from app.security.roles import OPERATOR


def normalize_company(company: Company):
    """Clean the identifiers and check they are free (screens, API and registration all pass here)."""
    company.nib = clean_nib(company.nib)
    company.npwp = clean_npwp(company.npwp)
    for field, label in (("nib", "NIB"), ("npwp", "NPWP")):
        clash = db.session.query(Company.id).filter(getattr(Company, field) == getattr(company, field))
        if company.id:
            clash = clash.filter(Company.id != company.id)
        if clash.first():
            raise DomainError(_("%(identifier)s ini sudah terdaftar atas perusahaan lain.", identifier=label),
                              field=field)
    check_address(*_address_codes(company))


def normalize_branch(branch):
    check_address(*_address_codes(branch))


def _address_codes(row):
    """Screens set the relationships, the API and services the code columns."""
    kecamatan = row.kecamatan.code if row.kecamatan is not None else row.kecamatan_code
    desa = row.desa.code if row.desa is not None else row.desa_code
    return kecamatan, desa


def register_company(company: Company, username, email, first_name, last_name, password):
    """Public self-registration: the company waits for verification; its operator cannot sign in before."""
    sm = current_app.appbuilder.sm
    normalize_company(company)
    if sm.find_user(username=username):
        raise DomainError(_("Nama pengguna sudah dipakai. Pilih nama pengguna lain."))
    if sm.find_user(email=email):
        raise DomainError(_("Alamat e-mail sudah terdaftar."))
    company.status = "submitted"
    db.session.add(company)
    db.session.flush()
    user = create_operator(company, username, email, first_name, last_name, password, active=False)
    return user


def create_operator(company, username, email, first_name, last_name, password, active=True):
    sm = current_app.appbuilder.sm
    role = sm.find_role(OPERATOR)
    if role is None:
        raise DomainError(_("Peran Operator Perusahaan belum disiapkan (jalankan sinkronisasi peran)."))
    user = sm.user_model(username=username, email=email, first_name=first_name, last_name=last_name,
                         active=active, company_id=company.id, roles=[role])
    from werkzeug.security import generate_password_hash

    user.password = generate_password_hash(password)
    db.session.add(user)
    db.session.flush()
    return user


@COMPANY_WORKFLOW.hook("verify")
def _operators_may_sign_in(company: Company, officer, decision):
    """A verified company's operators may sign in (decisions go through app.core.workflow.decide)."""
    for user in db.session.query(AppUser).filter_by(company_id=company.id):
        user.active = True
