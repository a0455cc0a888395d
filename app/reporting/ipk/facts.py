"""What the IPK report counts, decided once (issue 11, domain guide §8).

Job seekers are counted by AK-1 card. A card's IPK facts are recorded the day it comes into force (`record_card`)
and never recomputed: the day (`ipk_from`), whether it is a new registration, and the holder's sex, birth date,
education, occupation, last job's sector and kecamatan as they were that day. A card in force is one entry of
the register; a correction or a renewal of a card still valid replaces its entry the same day (the old card's
`closed_at`), so the register neither grows nor shrinks.

- **registered** in a month: cards of kind "baru", and renewals whose previous card had already left the
  register (expired), entering the register in the month; a correction never counts, nor does a renewal of a
  card still valid;
- **placed**: cards closed as placed with the placement date in the month (type AKL/AKAD/AKAN from the
  placement record; AKL when the card was closed without one, i.e. reported at the counter);
- **removed**: cards that expired or were removed (any reason, missed re-reports included) in the month;
- **remaining** at the end of a day: cards in force then (entered, not yet placed, removed, expired or replaced).

Vacancies are counted in slots by requested sex (L, P, X = either):
- **registered**: slots of vacancies verified (published) in the month, WIB;
- **filled** / **removed**: `vacancy_slot_event` rows of that kind dated in the month (removed: the unfilled
  slots of a vacancy that expired or was closed);
- **remaining** at the end of a day: slots of vacancies published by then, less their slot events up to then.
Education, occupation and sector are those recorded at the event; age is taken at the last day of the month.
"""
from datetime import date

from sqlalchemy import and_, or_

from app.reference.models import Kbli, SchoolLevel
from app.seekers.models import Ak1Card, Education, Experience, SeekerPreference
from app.vacancies.models import Vacancy, VacancySlotEvent

AGE_GROUPS = ((15, 19), (20, 29), (30, 44), (45, 54), (55, None))  # IPK III/1; 55+ open-ended
DEFAULT_PLACEMENT_TYPE = "AKL"  # a card closed at the counter without a placement record


# ---- recorded when it happens ------------------------------------------------------------------------------

def record_card(card: Ak1Card, previous: Ak1Card | None, on: date, session):
    """Called when `card` comes into force on `on` (the issue decision), `previous` being the card it follows."""
    seeker = card.job_seeker
    card.ipk_from = on
    card.ipk_registration = card.application_type == "baru" or (
        card.application_type == "perpanjangan" and previous is not None and previous.status != "issued")
    card.ipk_sex = seeker.sex
    card.ipk_birth_date = seeker.birth_date
    card.ipk_kecamatan_code = seeker.kecamatan_code
    highest = (session.query(Education.ipk_code).join(SchoolLevel, SchoolLevel.code == Education.level_code)
               .filter(Education.job_seeker_id == seeker.id)
               .order_by(SchoolLevel.sort_order.desc(), Education.id.desc()).first())
    card.ipk_education_code = highest[0] if highest else None
    last_job = (session.query(Experience).filter(Experience.job_seeker_id == seeker.id)
                .order_by(Experience.end_date.is_(None).desc(), Experience.end_date.desc(),
                          Experience.start_date.desc(), Experience.id.desc()).first())
    sought = (session.query(SeekerPreference.kbji_code)
              .filter(SeekerPreference.job_seeker_id == seeker.id, SeekerPreference.kind == "occupation",
                      SeekerPreference.kbji_code.is_not(None)).order_by(SeekerPreference.id).first())
    card.ipk_kbji_code = sought[0] if sought else (last_job.kbji_code if last_job else None)
    card.ipk_kbli_section = kbli_section(last_job.kbli, session) if last_job and last_job.kbli else None


def record_vacancy(vacancy: Vacancy, session):
    """Called when a vacancy is verified: the company's sector that day."""
    kbli = vacancy.company.kbli
    vacancy.ipk_kbli_section = kbli_section(kbli, session) if kbli else None


def kbli_section(kbli: Kbli, session) -> str | None:
    """The KBLI section letter (A–U) of a section or of any code below it."""
    seen = 0
    while kbli is not None and kbli.level != "section" and seen < 5:
        kbli = session.query(Kbli).filter_by(code=kbli.parent_code, version=kbli.version).first() \
            if kbli.parent_code else None
        seen += 1
    return kbli.code if kbli is not None and kbli.level == "section" else None


# ---- what a month counts (SQL conditions) ---------------------------------------------------------------------

def _within(column, first: date, next_first: date):
    return and_(column >= first, column < next_first)


def seekers_registered(first: date, next_first: date):
    return and_(Ak1Card.ipk_registration.is_(True), _within(Ak1Card.ipk_from, first, next_first))


def seekers_placed(first: date, next_first: date):
    return _within(Ak1Card.placed_at, first, next_first)


def seekers_removed(first: date, next_first: date):
    return or_(_within(Ak1Card.expired_at, first, next_first), _within(Ak1Card.removed_at, first, next_first))


def seekers_in_register(day: date):
    """Cards in force at the end of `day`."""
    return and_(Ak1Card.ipk_from <= day,
                *[or_(column.is_(None), column > day) for column in
                  (Ak1Card.placed_at, Ak1Card.removed_at, Ak1Card.expired_at, Ak1Card.closed_at)])


def vacancies_registered(start, end):
    """Vacancies published between the instants `start` ≤ t < `end` (a Month's WIB bounds, in UTC)."""
    return and_(Vacancy.published_at >= start, Vacancy.published_at < end)


def slot_events(kind: str, first: date, next_first: date):
    return and_(VacancySlotEvent.kind == kind, _within(VacancySlotEvent.on_date, first, next_first))


def vacancies_in_register(end):
    """Vacancies published before the instant `end`; their remaining slots are their slots less their slot
    events dated before `end`'s day (`slot_events_until`)."""
    return Vacancy.published_at < end


def slot_events_until(next_first: date):
    return VacancySlotEvent.on_date < next_first


def age_at(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_group(age: int) -> int | None:
    """Index into AGE_GROUPS; None below 15."""
    for index, (low, high) in enumerate(AGE_GROUPS):
        if age >= low and (high is None or age <= high):
            return index
    return None
