"""Closing an IPK month (freezing its figures) and re-opening it (issue 11 part 2).

Rules:
- a month can be closed once it has ended (Asia/Jakarta), and only when the month before it is closed or had no
  movement at all (nothing registered, placed, removed, published, filled): months are closed in order, and the
  first month ever closed is one after a quiet month (e.g. the first month the office reports from);
- closing stores every figure of the month; the next month's "sisa bulan lalu" is then read from them;
- only the latest closed month can be re-opened (a later closed month was built on it: re-open that one first),
  by Admin (permission "reopen" on IpkReport), with a reason; the frozen figures are kept so the page shows what a
  recomputation changes; closing again replaces them;
- two closes of one month at once: one row per month (unique) and the row is locked while it changes: one wins,
  the other is told the month is already closed.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import exists, or_, select
from sqlalchemy.exc import IntegrityError

from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.core.validation import DomainError
from app.extensions import db
from app.reporting.ipk import facts
from app.reporting.ipk import layouts as L
from app.reporting.ipk.compute import MonthFigures, compute, previous, source_rows
from app.reporting.ipk.models import CLOSED, REOPENED, IpkMonth
from app.reporting.tables import Month
from app.seekers.models import Ak1Card
from app.vacancies.models import Vacancy, VacancySlotEvent

REASON_MIN = 10  # characters: a reason someone can later understand


def record(month: Month) -> IpkMonth | None:
    return db.session.execute(select(IpkMonth).where(IpkMonth.month == month.value)).scalar_one_or_none()


def closed_figures(month: Month) -> dict | None:
    row = record(month)
    return row.figures if row is not None and row.status == CLOSED else None


def figures(month: Month) -> MonthFigures:
    """The month as it stands: frozen when closed, else computed (from the previous month's frozen figures when
    that one is closed)."""
    frozen = closed_figures(month)
    if frozen is not None:
        return MonthFigures(month, dict(frozen), closed_figures(previous(month)) is not None)
    return compute(month, closed_figures(previous(month)))


def recompute(month: Month) -> MonthFigures:
    return compute(month, closed_figures(previous(month)))


def had_movement(month: Month) -> bool:
    first, next_first = month.first, month.next_first
    seekers = exists().where(or_(facts.seekers_registered(first, next_first), facts.seekers_placed(first, next_first),
                                 facts.seekers_removed(first, next_first))).select_from(Ak1Card)
    vacancies = exists().where(facts.vacancies_registered(month.start, month.end)).select_from(Vacancy)
    events = exists().where(VacancySlotEvent.on_date >= first, VacancySlotEvent.on_date < next_first)
    return bool(db.session.execute(select(seekers | vacancies | events)).scalar())


def close(month: Month, user) -> IpkMonth:
    if month.next_first > today_jakarta():
        raise DomainError(_("Bulan %(month)s belum berakhir: laporan baru dapat ditutup setelah akhir bulan.",
                            month=month.label))
    row = db.session.execute(select(IpkMonth).where(IpkMonth.month == month.value).with_for_update()
                             ).scalar_one_or_none()
    if row is not None and row.status == CLOSED:
        raise DomainError(_("Laporan IPK %(month)s sudah ditutup.", month=month.label))
    before = previous(month)
    if closed_figures(before) is None and had_movement(before):
        raise DomainError(_("Tutup dulu laporan bulan %(month)s: bulan ditutup berurutan.", month=before.label))
    cells = recompute(month).cells
    name = _user_name(user)
    if row is None:
        row = IpkMonth(month=month.value)
        db.session.add(row)
    row.status, row.figures, row.closed_at = CLOSED, cells, utcnow()
    row.closed_by_id, row.closed_by_name = getattr(user, "id", None), name
    try:
        db.session.commit()
    except IntegrityError:  # the same month closed at the same moment by someone else
        db.session.rollback()
        raise DomainError(_("Laporan IPK %(month)s sudah ditutup.", month=month.label)) from None
    return row


def reopen(month: Month, user, reason: str) -> IpkMonth:
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN:
        raise DomainError(_("Tuliskan alasan membuka kembali (paling sedikit %(n)s karakter).", n=REASON_MIN),
                          "alasan")
    row = db.session.execute(select(IpkMonth).where(IpkMonth.month == month.value).with_for_update()
                             ).scalar_one_or_none()
    if row is None or row.status != CLOSED:
        raise DomainError(_("Laporan IPK %(month)s tidak sedang ditutup.", month=month.label))
    after = Month(month.next_first.year, month.next_first.month)
    if closed_figures(after) is not None:
        raise DomainError(_("Buka kembali dulu laporan bulan %(month)s yang disusun dari bulan ini.",
                            month=after.label))
    row.status, row.reopened_at, row.reopen_reason = REOPENED, utcnow(), reason
    row.reopened_by_id, row.reopened_by_name = getattr(user, "id", None), _user_name(user)
    db.session.commit()
    return row


def _user_name(user) -> str:
    if user is None:
        return "sistem"
    full = " ".join(filter(None, [getattr(user, "first_name", None), getattr(user, "last_name", None)]))
    return full or getattr(user, "username", "") or "sistem"


# ---- what a recomputation changes ------------------------------------------------------------------------------

@dataclass
class Change:
    form: str
    part: str
    row: str
    sex: str
    measure: str
    frozen: int
    now: int


def differences(frozen: dict, now: dict) -> list[Change]:
    """The cells whose frozen and recomputed figures differ, in the forms' order, labelled as on the forms."""
    changed = {cell for cell in set(frozen) | set(now) if frozen.get(cell, 0) != now.get(cell, 0)}
    if not changed:
        return []
    changes = []
    for form in L.FORMS:
        for part in form.parts:
            labels = {row.key: " ".join(filter(None, [row.code, row.label]))
                      for row in source_rows(part.rows, True)}
            if part.rows.kind == "age":
                from app.reporting.ipk.compute import AGE_LABELS

                labels.update({str(i): f"Usia {label}" for i, label in enumerate(AGE_LABELS)})
            prefix = f"{form.code}|{part.key}|"
            for cell in sorted(c for c in changed if c.startswith(prefix)):
                _form, _part, row, sex, measure = cell.split("|")
                measure_label = (L.MEASURE_LABELS.get(part.subject, {}).get(measure) or measure)
                changes.append(Change(form.code, part.title, labels.get(row, row), L.SEX_LABELS.get(sex, sex),
                                      measure_label, frozen.get(cell, 0), now.get(cell, 0)))
    return changes
