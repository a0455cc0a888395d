"""Company rules: identifiers, registration of a company with its first operator, and verification."""
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import MANYTOONE

from app.core.identifiers import clean_nib, clean_npwp
from app.companies.models import Company
from app.companies.workflow import COMPANY_WORKFLOW
from app.core.validation import DomainError
from app.core.workflow import decide
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
        raise DomainError(_("Nama pengguna sudah dipakai. Pilih nama pengguna lain."), field="username")
    _check_email_free(email)
    company.status = "submitted"
    db.session.add(company)
    db.session.flush()
    user = create_operator(company, username, email, first_name, last_name, password, active=False)
    return user


# What the operator of a returned registration may correct (the account keeps its username and password).
CORRECTABLE = ("name", "legal_form_code", "nib", "npwp", "kbli_id", "employer_type_code", "address",
               "kecamatan_code", "desa_code", "phone", "headcount_male", "headcount_female", "contact_name",
               "contact_phone", "email")


def resubmit_registration(company: Company, operator, values: dict):
    """The operator corrects a returned registration and sends it back to the officers (who are notified by
    the workflow's 'resubmit' notice). Not committed; refusals raise DomainError with the field concerned."""
    if company.status != "returned" or operator.company_id != company.id:
        raise DomainError(_("Pendaftaran ini tidak sedang dikembalikan untuk perbaikan."))
    with db.session.no_autoflush:  # nothing reaches the database before the checks pass
        for field in CORRECTABLE:
            if field in values:
                setattr(company, field, values[field])
        # Related rows loaded with the old codes would hide the new ones from the address check.
        db.session.expire(company, [r.key for r in sa_inspect(Company).relationships if r.direction is MANYTOONE])
        normalize_company(company)
        _check_email_free(company.email, operator)
    operator.email = company.email
    operator.first_name, operator.last_name = _split_name(company.contact_name)
    return decide(company, "resubmit", operator)


def unverified_company(user):
    """The company that keeps this operator out (registration waiting, returned or rejected), or None."""
    company_id = getattr(user, "company_id", None)
    if company_id is None:
        return None
    company = db.session.get(Company, company_id)
    return company if company is not None and company.status != "verified" else None


def _split_name(full_name):
    first, _space, last = (full_name or "").strip().partition(" ")
    return first, last or "-"


def _check_email_free(email, user=None):
    owner = current_app.appbuilder.sm.find_user(email=email)
    if owner is not None and owner is not user:
        raise DomainError(_("Alamat e-mail sudah terdaftar."), field="email")


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
