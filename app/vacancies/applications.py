"""Job applications (domain.md §4): a job seeker with an active AK-1 applies to an open vacancy, once; the
company moves the application through the workflow kit (APPLICATION_WORKFLOW); accepting it records the
placement (app.vacancies.placements). The rules are pure checks the matcher can share; nothing here commits."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists
from sqlalchemy.exc import IntegrityError

from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.core.notifications import notify
from app.core.validation import DomainError
from app.extensions import db
from app.vacancies import slots
from app.vacancies.models import Application, FairCompany, FairRegistration, FairVacancy, Vacancy
from app.vacancies.workflow import APPLICATION_SOURCES, APPLICATION_WORKFLOW


# ---- the person ---------------------------------------------------------------------------------------------

def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def education_rank(ipk_code: str | None) -> int:
    """The level of an IPK education code: its first digit (1000 SD … 3000 SLTA, 3002 SMK and its fields
    3100–3600 … 8000 S3), so an SMK field counts as SLTA and D1/D2 is above it."""
    return int(str(ipk_code)[0]) if ipk_code and str(ipk_code)[0].isdigit() else 0


def highest_education(seeker):
    """The IPK code of the person's highest formal education (by the school level's order), or None."""
    best = None
    for education in seeker.educations:
        order = education.level.sort_order if education.level is not None else 0
        if best is None or order > best[0] or (order == best[0] and education_rank(education.ipk_code) >
                                              education_rank(best[1])):
            best = (order, education.ipk_code)
    return best[1] if best else None


def active_card(seeker, today: date | None = None):
    """The person's AK-1 card in force today: issued, within its validity, not placed, removed or replaced."""
    from app.seekers.models import Ak1Card

    today = today or today_jakarta()
    return (db.session.query(Ak1Card)
            .filter(Ak1Card.job_seeker_id == seeker.id, Ak1Card.status == "issued", Ak1Card.valid_until >= today)
            .order_by(Ak1Card.id.desc()).first())


def require_active_card(seeker, today: date | None = None):
    card = active_card(seeker, today)
    if card is None:
        raise DomainError(_("Melamar hanya dapat dilakukan dengan kartu AK/I (kartu kuning) yang masih berlaku. "
                            "Ajukan atau perpanjang kartu AK/I dari halaman profil Anda."), field="ak1_card")
    return card


# ---- the vacancy's stated requirements (Perpres 57/2023 art. 5: age, sex, education) ---------------------------

def only_sex(vacancy) -> str | None:
    """"L" or "P" when the vacancy asks for people of one sex only (its slots), else None."""
    asked = slots.asked(vacancy)
    if asked["X"] == 0 and (asked["L"] == 0) != (asked["P"] == 0):
        return "L" if asked["L"] else "P"
    return None


def check_requirements(seeker, vacancy, today: date | None = None):
    """Age at today (from the birth date), sex where the vacancy asks for one sex only, minimum education.
    Raises DomainError with the requirement the person does not meet."""
    today = today or today_jakarta()
    age = age_on(seeker.birth_date, today)
    if vacancy.age_min is not None and age < vacancy.age_min:
        raise DomainError(_("Lowongan ini mensyaratkan usia paling rendah %(min)s tahun; usia Anda %(age)s tahun.",
                            min=vacancy.age_min, age=age), field="age")
    if vacancy.age_max is not None and age > vacancy.age_max:
        raise DomainError(_("Lowongan ini mensyaratkan usia paling tinggi %(max)s tahun; usia Anda %(age)s tahun.",
                            max=vacancy.age_max, age=age), field="age")
    wanted = only_sex(vacancy)
    if wanted is not None and seeker.sex != wanted:
        raise DomainError(_("Lowongan ini hanya untuk pelamar %(sex)s.",
                            sex=_("laki-laki") if wanted == "L" else _("perempuan")), field="sex")
    if vacancy.education_ipk_code:
        required = education_rank(vacancy.education_ipk_code)
        if education_rank(highest_education(seeker)) < required:
            level = vacancy.education_level.name if vacancy.education_level is not None else vacancy.education_ipk_code
            raise DomainError(_("Lowongan ini mensyaratkan pendidikan paling rendah %(level)s.", level=level),
                              field="education")


def check_fair(seeker, vacancy, fair_id) -> int:
    """An application made at a fair: the person registered for it and the vacancy is one the fair approved."""
    try:
        fair_id = int(fair_id)
    except (TypeError, ValueError):
        raise DomainError(_("Bursa kerja tidak dikenal."), field="fair_id") from None
    registered = db.session.query(exists().where(FairRegistration.fair_id == fair_id,
                                                 FairRegistration.job_seeker_id == seeker.id)).scalar()
    if not registered:
        raise DomainError(_("Anda belum terdaftar sebagai peserta bursa kerja ini."), field="fair_id")
    offered = db.session.query(exists().where(FairVacancy.vacancy_id == vacancy.id,
                                              FairVacancy.participation_id == FairCompany.id,
                                              FairCompany.fair_id == fair_id,
                                              FairCompany.status == "approved")).scalar()
    if not offered:
        raise DomainError(_("Lowongan ini tidak termasuk lowongan yang dibuka di bursa kerja tersebut."),
                          field="fair_id")
    return fair_id


# ---- applying -----------------------------------------------------------------------------------------------

def existing(seeker, vacancy):
    return (db.session.query(Application)
            .filter(Application.vacancy_id == vacancy.id, Application.job_seeker_id == seeker.id).one_or_none())


def apply(seeker, vacancy: Vacancy, user=None, source: str = "portal", fair_id=None, cover_note=None,
          score=None) -> Application:
    """A job seeker applies to a vacancy (not committed). Raises DomainError with the reason in Indonesian."""
    today = today_jakarta()
    card = require_active_card(seeker, today)
    if vacancy is None or not slots.is_open(vacancy, today):
        raise DomainError(_("Lowongan ini tidak sedang dibuka: lamaran tidak dapat dikirim."), field="vacancy")
    if existing(seeker, vacancy) is not None:
        raise DomainError(_("Anda sudah melamar lowongan ini. Lihat statusnya di halaman Lamaran saya."),
                          field="vacancy")
    check_requirements(seeker, vacancy, today)
    if fair_id not in (None, ""):
        fair_id, source = check_fair(seeker, vacancy, fair_id), "bursa"
    else:
        fair_id = None
    if source not in APPLICATION_SOURCES:
        source = "portal"
    note = (cover_note or "").strip() or None
    if note and len(note) > 2000:
        raise DomainError(_("Pesan lamaran paling panjang 2.000 karakter."), field="cover_note")
    application = Application(vacancy_id=vacancy.id, company_id=vacancy.company_id, job_seeker_id=seeker.id,
                              ak1_card_id=card.id, fair_id=fair_id, source=source, cover_note=note,
                              match_score=score, status=APPLICATION_WORKFLOW.initial, applied_at=utcnow(),
                              status_changed_at=utcnow())
    application.vacancy, application.job_seeker = vacancy, seeker
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError:  # the unique (vacancy, seeker) pair: the same person's other request won meanwhile
        db.session.rollback()
        raise DomainError(_("Anda sudah melamar lowongan ini. Lihat statusnya di halaman Lamaran saya."),
                          field="vacancy") from None
    _tell_company(application)
    return application


def company_operators(company_id) -> list[int]:
    from app.security.models import AppUser

    return [user_id for (user_id,) in db.session.query(AppUser.id)
            .filter(AppUser.company_id == company_id, AppUser.active.is_(True))]


def _tell_company(application: Application):
    """The company's operators learn of a new application (their inbox and e-mail)."""
    wf = APPLICATION_WORKFLOW
    subject = wf.subject(application)
    for user_id in company_operators(application.company_id):
        notify(user_id, wf.notice_kind, f"application:{application.id}:new:{user_id}", "Lamaran baru",
               f"{subject} masuk dan menunggu diperiksa.", wf.link(application))


def new_count(company_id) -> int:
    """Applications to the company's vacancies still waiting to be looked at (home page)."""
    return (db.session.query(Application.id)
            .filter(Application.company_id == company_id, Application.status == "new").count())
