"""A vacancy's slots (persons needed, by requested sex) and the dated facts about them.

Filled and removed slots are rows of `vacancy_slot_event`, never a counter: the monthly IPK report counts them by
date, and a vacancy's remaining slots are its slots minus those events. Every function here changes rows without
committing; the caller commits."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, func

from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.core.validation import DomainError
from app.core.workflow import transition
from app.extensions import db
from app.vacancies.models import Vacancy, VacancySlotEvent

BUCKETS = ("L", "P", "X")


def open_clause(today: date | None = None):
    """SQL condition: a vacancy people can apply to now (verified, published, within its validity)."""
    today = today or today_jakarta()
    return and_(Vacancy.status == "published", Vacancy.valid_from <= today, Vacancy.valid_until >= today)


def is_open(vacancy: Vacancy, today: date | None = None) -> bool:
    today = today or today_jakarta()
    return vacancy.status == "published" and vacancy.valid_from <= today <= vacancy.valid_until


def asked(vacancy: Vacancy) -> dict:
    return {"L": vacancy.slots_male or 0, "P": vacancy.slots_female or 0, "X": vacancy.slots_any or 0}


def remaining_slots(vacancy: Vacancy) -> dict:
    """Slots still open per bucket: L (men), P (women), X (either)."""
    left = asked(vacancy)
    rows = (db.session.query(VacancySlotEvent.slot_sex, func.sum(VacancySlotEvent.count))
            .filter(VacancySlotEvent.vacancy_id == vacancy.id).group_by(VacancySlotEvent.slot_sex))
    for bucket, used in rows:
        left[bucket] -= used
    return left


def bucket_for(vacancy: Vacancy, sex: str | None) -> str | None:
    """The bucket a person of this sex fills: their own sex's slots first, then the either-sex slots."""
    left = remaining_slots(vacancy)
    for bucket in ((sex, "X") if sex in ("L", "P") else ("X", "L", "P")):
        if left.get(bucket, 0) > 0:
            return bucket
    return None


def fill_slot(vacancy: Vacancy, on: date, user=None, sex: str | None = None, bucket: str | None = None,
              placement=None, ak1_card_id: int | None = None, filled_by_name: str | None = None) -> VacancySlotEvent:
    """Record one filled slot (Perpres 57/2023 art. 6: the employer reports a filled vacancy). `bucket` when the
    company reports it without a known person, else the placed person's `sex` chooses it. The last slot filled
    closes the vacancy as filled. Raises DomainError when no slot of that kind is left."""
    db.session.refresh(vacancy, with_for_update=True)  # two fills at once: the second sees the first's event
    if vacancy.status != "published":
        raise DomainError(_("Lowongan ini tidak sedang tayang; slot tidak dapat diisi."))
    chosen = bucket if bucket in BUCKETS else bucket_for(vacancy, sex)
    if chosen is None or remaining_slots(vacancy)[chosen] <= 0:
        raise DomainError(_("Tidak ada lagi slot lowongan yang tersisa untuk jenis kelamin ini."), field="bucket")
    event = VacancySlotEvent(vacancy_id=vacancy.id, company_id=vacancy.company_id, kind="filled", slot_sex=chosen,
                             count=1, on_date=on, placement_id=getattr(placement, "id", None),
                             ak1_card_id=ak1_card_id, filled_by_name=filled_by_name, recorded_at=utcnow(),
                             recorded_by_id=getattr(user, "id", None))
    db.session.add(event)
    db.session.flush()
    if sum(remaining_slots(vacancy).values()) == 0:
        transition(vacancy, "fill", user)
    return event


def remove_remaining(vacancy: Vacancy, reason: str, on: date, user=None) -> list[VacancySlotEvent]:
    """The slots left unfilled when a vacancy closes (expired, withdrawn, rejected after publication) leave the
    register as `removed` facts with the reason (IPK "dihapuskan")."""
    events = []
    for bucket, left in remaining_slots(vacancy).items():
        if left > 0:
            events.append(VacancySlotEvent(vacancy_id=vacancy.id, company_id=vacancy.company_id, kind="removed",
                                           slot_sex=bucket, count=left, on_date=on, removal_reason=reason,
                                           recorded_at=utcnow(), recorded_by_id=getattr(user, "id", None)))
    db.session.add_all(events)
    db.session.flush()
    return events
