"""Vacancies, cards and applications for the application and placement tests (rows inserted directly, so these
tests do not depend on the vacancy screens)."""
from datetime import date, timedelta

from tests.conftest import unique
from tests.seekers_support import issued_card, make_seeker


def kbji_code(db):
    from app.reference.models import Kbji

    # A unit group the regency's factories report often (sewing machine operators), else any 4-digit code.
    if db.session.get(Kbji, "8153") is not None:
        return "8153"
    return db.session.query(Kbji.code).order_by(Kbji.level.desc(), Kbji.code).first()[0]


def company_of(db, username="operator"):
    from app.security.models import AppUser

    return db.session.query(AppUser.company_id).filter_by(username=username).scalar()


def vacancy(db, username="operator", status="published", **fields):
    """A published vacancy of `username`'s company, valid from yesterday for a month, 2 slots for either sex."""
    from app.core.models import utcnow
    from app.vacancies.models import Vacancy

    today = date.today()
    values = dict(company_id=company_of(db, username), title="Operator Produksi " + unique(), kbji_code=kbji_code(db),
                  slots_male=0, slots_female=0, slots_any=2, valid_from=today - timedelta(days=1),
                  valid_until=today + timedelta(days=30), status=status, submitted_at=utcnow(),
                  published_at=utcnow() if status == "published" else None, experience_years=0,
                  work_type="penuh_waktu", disability_friendly=False, recorded_by_office=False)
    values.update(fields)
    row = Vacancy(**values)
    db.session.add(row)
    db.session.commit()
    return row


def seeker_with_card(db, **fields):
    seeker = make_seeker(db, **fields)
    card = issued_card(db, seeker)
    return seeker, card


def applied(db, seeker, vac, **kw):
    from app.vacancies.applications import apply

    application = apply(seeker, vac, **kw)
    db.session.commit()
    return application


def user(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one()
