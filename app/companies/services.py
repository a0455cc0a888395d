"""Company rules: identifiers, registration of a company with its first operator, and verification."""
from flask import current_app
from flask_babel import gettext as _

from app.companies.identifiers import clean_nib, clean_npwp
from app.companies.models import Company, REJECTION_REASONS
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


def decide_registration(company: Company, action: str, officer, note=None, reason=None):
    """verify / return / reject a registration; a verified company's operators may then sign in."""
    if action == "reject":
        if reason not in REJECTION_REASONS:
            raise DomainError(_("Pilih alasan penolakan dari daftar."))
        # The note is stored and sent to the operators: in Indonesian whatever the officer's language.
        note = stored_text(REJECTION_REASONS[reason]) + (f": {note}" if note else "")
    at = utcnow()
    transition(company, action, officer, note, at=at)
    company.status_note = note if action in ("return", "reject") else None
    operators = db.session.query(AppUser).filter_by(company_id=company.id).all()
    if action == "verify":
        for user in operators:
            user.active = True
    # action -> title, text and link of the operators' notification: stored and e-mailed, so in Indonesian
    # (not translated into the deciding officer's language).
    outcomes = {
        "verify": ("Pendaftaran perusahaan terverifikasi",
                   f"Pendaftaran {company.name} telah diverifikasi oleh Dinas Tenaga Kerja Kabupaten Tangerang. "
                   "Anda sekarang dapat masuk ke d'naker DIGI dengan nama pengguna dan kata sandi yang didaftarkan.",
                   "/login/"),
        "return": ("Pendaftaran perusahaan perlu diperbaiki",
                   f"Pendaftaran {company.name} dikembalikan untuk diperbaiki. Alasan: {note}", None),
        "reject": ("Pendaftaran perusahaan ditolak", f"Pendaftaran {company.name} ditolak. Alasan: {note}", None),
    }
    if action in outcomes:
        title, text, link = outcomes[action]
        for user in operators:
            notify(user.id, "account", f"company:{company.id}:{action}:{at.isoformat()}:{user.id}", title, text,
                   link)
    return company
