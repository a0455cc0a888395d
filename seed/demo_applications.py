"""Demo applications and a placement, so that the demo company (`operator`) has applications in every state
and the placements register a row: run after the demo vacancies (seed/demo_vacancies.py); when none of the
company's vacancies is open, one is published here. Idempotent: nothing is added when the company already has
applications."""
from datetime import timedelta

from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.core.validation import DomainError
from app.core.workflow import decide
from app.extensions import db
from app.reference.models import Kbji
from app.security.models import AppUser
from app.seekers.models import Ak1Card, JobSeeker
from app.vacancies import slots
from app.vacancies.applications import apply
from app.vacancies.models import Application, Vacancy

# What happens to each application after it is made, in order (the last is the placement).
STEPS = [(), ("review",), ("interview",), ("review", "refuse"), ("withdraw",), (), ("review", "accept")]


def _open_vacancy(company_id, today):
    vacancy = (db.session.query(Vacancy).filter(Vacancy.company_id == company_id, slots.open_clause(today))
               .order_by(Vacancy.id).first())
    if vacancy is not None and sum(slots.remaining_slots(vacancy).values()) >= 2:
        return vacancy
    kbji = db.session.query(Kbji.code).order_by(Kbji.level.desc(), Kbji.code).first()[0]
    now = utcnow()
    vacancy = Vacancy(company_id=company_id, title="Operator Produksi", kbji_code=kbji, slots_male=0,
                      slots_female=0, slots_any=5, valid_from=today - timedelta(days=3),
                      valid_until=today + timedelta(days=27), age_min=18, age_max=40,
                      description="Mengoperasikan mesin produksi plastik, bekerja dalam 3 shift.",
                      experience_years=0, wage_min=5_300_000, wage_max=5_600_000, work_type="kontrak",
                      status="published", submitted_at=now - timedelta(days=4), published_at=now - timedelta(days=3),
                      status_changed_at=now - timedelta(days=3))
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def generate_applications(today=None):
    today = today or today_jakarta()
    operator = db.session.query(AppUser).filter_by(username="operator").one_or_none()
    if operator is None or operator.company_id is None:
        return 0
    if db.session.query(Application.id).filter(Application.company_id == operator.company_id).first():
        return 0
    vacancy = _open_vacancy(operator.company_id, today)
    holders = (db.session.query(JobSeeker).join(Ak1Card, Ak1Card.job_seeker_id == JobSeeker.id)
               .filter(Ak1Card.status == "issued", Ak1Card.valid_until >= today, JobSeeker.status == "active")
               .order_by(Ak1Card.issued_at.desc(), JobSeeker.id).limit(60).all())
    steps = iter(STEPS)
    made = 0
    notes = {"interview": "Bawa ijazah asli dan KTP.", "refuse": None}
    for seeker in holders:
        try:
            application = apply(seeker, vacancy, cover_note="Saya berminat dan siap bekerja dalam shift.")
        except DomainError:
            continue
        step = next(steps, None)
        if step is None:
            db.session.delete(application)
            break
        for action in step:
            data = {"interview": {"interview_at": today + timedelta(days=3)},
                    "accept": {"placed_on": today}}.get(action, {})
            who = None if action == "withdraw" else operator
            decide(application, action, who, note=notes.get(action),
                   reason="tidak_memenuhi" if action == "refuse" else None, data=data)
        made += 1
    db.session.commit()
    return made
