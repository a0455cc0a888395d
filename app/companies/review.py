"""What an officer checks before deciding a company registration: the operator account the decision
activates, the identifiers, and companies that may be the same one."""
import re

from flask_babel import gettext as _
from sqlalchemy import func, or_

from app.core.identifiers import clean_nib, clean_npwp
from app.companies.models import Company
from app.core.validation import DomainError
from app.extensions import db
from app.security.models import AppUser

LEGAL_WORDS = re.compile(r"\b(pt|cv|tbk|persero|ud|koperasi|yayasan)\b\.?", re.I)


def name_key(name: str) -> str:
    """A company name without its legal form and punctuation: "PT. Maju Jaya, Tbk" -> "maju jaya"."""
    return " ".join(re.sub(r"[^\w\s]", " ", LEGAL_WORDS.sub(" ", name or "")).lower().split())


def identifier_checks(company: Company) -> list[tuple[str, bool, str]]:
    """(identifier, valid, what was checked) for the review page."""
    checks = []
    for label, clean, value in (("NIB", clean_nib, company.nib), ("NPWP", clean_npwp, company.npwp)):
        try:
            clean(value)
            checks.append((label, True, _("format dan digit periksa sesuai")))
        except DomainError as error:
            checks.append((label, False, str(error)))
    return checks


def possible_duplicates(company: Company, limit: int = 10) -> list[Company]:
    """Other companies with the same name (legal form aside), telephone or e-mail."""
    key = name_key(company.name)
    words = key.split()
    conditions = []
    if words:
        conditions.append(func.lower(Company.name).like(f"%{' '.join(words)}%"))
    for column, value in ((Company.phone, company.phone), (Company.email, company.email),
                          (Company.contact_phone, company.contact_phone)):
        if value:
            conditions.append(column == value)
    if not conditions:
        return []
    rows = (db.session.query(Company).filter(Company.id != company.id, or_(*conditions))
            .order_by(Company.name).limit(limit * 3).all())
    return [row for row in rows if name_key(row.name) == key or row.phone == company.phone
            or (company.email and row.email == company.email)
            or (company.contact_phone and row.contact_phone == company.contact_phone)][:limit]


def operator_accounts(company: Company) -> list[AppUser]:
    return db.session.query(AppUser).filter_by(company_id=company.id).order_by(AppUser.id).all()
