"""A month's IPK figures from the dated facts (facts.py decides what counts; layouts.py what is shown).

Figures are a flat dict {"form|part|row|sex|measure": n} of the forms' data rows (zeros left out): what a closed
month freezes and what the page, the PDF and the XLSX draw (through `grids`). Counted in SQL with GROUP BY (a few
queries per row source, whatever the month's size): Python sees groups, never rows.

- "sisa bulan lalu": the previous month's frozen end figures when it is closed, else the register at the end of the
  previous month computed from the facts (ages then at that month's last day, as closing it would have frozen);
- "sisa akhir bulan" = sisa bulan lalu + terdaftar − ditempatkan (terisi) − dihapuskan, for every row and sex: the
  identity holds by construction, and carries the frozen figures forward exactly.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import case, func, literal, select

from app.extensions import db
from app.reference.models import EducationLevel, EmployerType, Kbji, Kbli
from app.reporting.ipk import facts
from app.reporting.ipk import layouts as L
from app.reporting.tables import Month
from app.seekers.models import Ak1Card
from app.vacancies.models import Placement, Vacancy, VacancySlotEvent

AGE_LABELS = [f"{low}–{high}" if high else f"{low}+" for low, high in facts.AGE_GROUPS]


def previous(month: Month) -> Month:
    before = month.first - relativedelta(months=1)
    return Month(before.year, before.month)


def key(form_code, part_key, row, sex, measure) -> str:
    return f"{form_code}|{part_key}|{row}|{sex}|{measure}"


@dataclass
class MonthFigures:
    month: Month
    cells: dict[str, int]
    start_frozen: bool  # "sisa bulan lalu" from the closed previous month (else computed from the facts)

    def get(self, form_code, part_key, row, sex, measure) -> int:
        return self.cells.get(key(form_code, part_key, row, sex, measure), 0)


# ---- the SQL ---------------------------------------------------------------------------------------------------

def born_by(years: int, day: date) -> date:
    """The latest birth date of someone `years` old or more on `day` (facts.age_at's rule; 29 February born
    people come of age on 1 March in other years)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February of a leap year, the year back has none
        return day.replace(year=day.year - years, day=28)


def age_case(day: date):
    """The age group index (as text, facts.AGE_GROUPS) of the card's holder on `day`, in SQL; NULL below 15."""
    birth, whens = Ak1Card.ipk_birth_date, []
    for index in range(len(facts.AGE_GROUPS) - 1, -1, -1):
        low = facts.AGE_GROUPS[index][0]
        threshold = born_by(low, day)
        # The SQL bound agrees with the facts' age rule on both sides of it.
        assert facts.age_group(facts.age_at(threshold, day)) == index
        assert facts.age_group(facts.age_at(threshold + relativedelta(days=1), day)) != index
        whens.append((birth <= threshold, literal(str(index))))
    return case(*whens, else_=literal(None))


def _seeker_dimension(kind: str, day: date):
    return {"age": lambda: age_case(day), "education": lambda: Ak1Card.ipk_education_code,
            "kbji": lambda: func.substr(Ak1Card.ipk_kbji_code, 1, 1), "kbli": lambda: Ak1Card.ipk_kbli_section}[kind]()


def _vacancy_dimension(kind: str):
    return {"all": lambda: literal("all"), "education": lambda: Vacancy.education_ipk_code,
            "kbji": lambda: func.substr(Vacancy.kbji_code, 1, 1), "kbli": lambda: Vacancy.ipk_kbli_section}[kind]()


def _seekers(kind: str, day: date, condition) -> dict:
    dimension = _seeker_dimension(kind, day)
    statement = (select(dimension, Ak1Card.ipk_sex, func.count(Ak1Card.id)).where(condition)
                 .group_by(dimension, Ak1Card.ipk_sex))
    return {(group, sex): count for group, sex, count in db.session.execute(statement)}


def _slots(kind: str, condition) -> dict:
    """Slots of the vacancies meeting `condition` by group and requested sex."""
    dimension = _vacancy_dimension(kind)
    statement = (select(dimension, func.sum(Vacancy.slots_male), func.sum(Vacancy.slots_female),
                        func.sum(Vacancy.slots_any)).where(condition).group_by(dimension))
    found = defaultdict(int)
    for group, male, female, either in db.session.execute(statement):
        for sex, value in zip(("L", "P", "X"), (male, female, either)):
            found[(group, sex)] += int(value or 0)
    return found


def _events(kind: str, condition) -> dict:
    dimension = _vacancy_dimension(kind)
    statement = (select(dimension, VacancySlotEvent.slot_sex, func.sum(VacancySlotEvent.count))
                 .join(Vacancy, Vacancy.id == VacancySlotEvent.vacancy_id).where(condition)
                 .group_by(dimension, VacancySlotEvent.slot_sex))
    return {(group, sex): int(count or 0) for group, sex, count in db.session.execute(statement)}


def _placements(kind: str, month: Month) -> dict:
    """{(group, sex, type): n} of the cards placed in the month; a card closed as placed without a placement
    record counts as facts.DEFAULT_PLACEMENT_TYPE with the card's education and an unknown employer."""
    dimension = {"education": case((Placement.id.is_(None), Ak1Card.ipk_education_code),
                                   else_=Placement.education_ipk_code),
                 "employer": Placement.employer_type_code}[kind]
    sex = func.coalesce(Placement.sex, Ak1Card.ipk_sex)
    kind_ = func.coalesce(Placement.placement_type, facts.DEFAULT_PLACEMENT_TYPE)
    statement = (select(dimension, sex, kind_, func.count(Ak1Card.id))
                 .outerjoin(Placement, Placement.ak1_card_id == Ak1Card.id)
                 .where(facts.seekers_placed(month.first, month.next_first)).group_by(dimension, sex, kind_))
    return {(group, sex, type_): count for group, sex, type_, count in db.session.execute(statement)}


# ---- the rows of a source ----------------------------------------------------------------------------------------

@dataclass
class Row:
    key: str  # the figures' row key (data rows), "sub:<code>" or "total"
    code: str  # printed in the code column ("3002", "A", "1")
    label: str
    kind: str = "data"  # data | subtotal | total
    members: list[str] = field(default_factory=list)  # the data row keys a subtotal sums


def source_rows(source: L.RowSource, with_unknown: bool) -> list[Row]:
    """The source's rows from the reference tables, in the form's order, ending with the total."""
    rows = _categories(source)
    if source.always_unknown or with_unknown:
        rows.append(Row(L.UNKNOWN_KEY, "", source.unknown))
    data = [row.key for row in rows if row.kind == "data"]
    rows.append(Row("total", "", L.TOTAL, "total", data))
    return rows


def _categories(source: L.RowSource) -> list[Row]:
    if source.kind == "age":
        return [Row(str(i), "", label) for i, label in enumerate(AGE_LABELS)]
    if source.kind == "all":
        return [Row("all", "", L.TOTAL)]
    if source.kind == "kbji":
        return [Row(code, code, name) for code, name in db.session.execute(
            select(Kbji.code, Kbji.name).where(Kbji.level == 1).order_by(Kbji.code))]
    if source.kind == "kbli":
        return [Row(code, code, name) for code, name in db.session.execute(
            select(Kbli.code, Kbli.name).where(Kbli.level == "section", Kbli.version == "2020").order_by(Kbli.code))]
    if source.kind == "employer":
        names = {code: label or name for code, name, label in
                 db.session.execute(select(EmployerType.code, EmployerType.name, EmployerType.ipk_label))}
        from app.reporting.monthly import EMPLOYER_ORDER

        order = [c for c in EMPLOYER_ORDER if c in names] + sorted(set(names) - set(EMPLOYER_ORDER))
        return [Row(code, "", names[code]) for code in order]
    if source.kind == "education":
        return _education_rows()
    raise ValueError(source.kind)


def _education_rows() -> list[Row]:
    """Every level as a row (a level with sub-levels counts there the facts recorded at the level itself), and
    after a level's sub-levels its subtotal "Jumlah <level>"."""
    levels = db.session.execute(select(EducationLevel.code, EducationLevel.ipk_code, EducationLevel.name,
                                       EducationLevel.parent_code)
                                .order_by(EducationLevel.sort_order, EducationLevel.ipk_code)).all()
    children = defaultdict(list)
    for level in levels:
        children[level.parent_code].append(level)
    rows = []

    def walk(level) -> list[str]:
        rows.append(Row(level.ipk_code, level.ipk_code, level.name))
        members = [level.ipk_code]
        for child in children.get(level.code, []):
            members += walk(child)
        if children.get(level.code):
            rows.append(Row(f"sub:{level.ipk_code}", "", f"Jumlah {level.name}", "subtotal", members))
        return members

    for top in children[None]:
        walk(top)
    return rows


def _row_keys(source: L.RowSource) -> set[str]:
    return {row.key for row in _categories(source) if row.kind == "data"}


# ---- a month's figures -----------------------------------------------------------------------------------------

class _Counter:
    """Query results shared by the forms that count the same subject by the same source in the same month."""

    def __init__(self, month: Month):
        self.month, self.cache = month, {}

    def __call__(self, what, *args):
        if (what, *args) not in self.cache:
            self.cache[(what, *args)] = getattr(self, what)(*args)
        return self.cache[(what, *args)]

    def seekers(self, kind, measure):
        m = self.month
        condition = {L.REGISTERED: facts.seekers_registered(m.first, m.next_first),
                     L.PLACED: facts.seekers_placed(m.first, m.next_first),
                     L.REMOVED: facts.seekers_removed(m.first, m.next_first)}.get(measure)
        if measure == L.START:
            return _seekers(kind, previous(m).last, facts.seekers_in_register(previous(m).last))
        return _seekers(kind, m.last, condition)

    def vacancies(self, kind, measure):
        m = self.month
        if measure == L.REGISTERED:
            return _slots(kind, facts.vacancies_registered(m.start, m.end))
        if measure in (L.PLACED, L.REMOVED):
            return _events(kind, facts.slot_events("filled" if measure == L.PLACED else "removed",
                                                   m.first, m.next_first))
        before = previous(m)  # START: slots published by the previous month's end less their events up to then
        stock = dict(_slots(kind, facts.vacancies_in_register(before.end)))
        used = _events(kind, facts.vacancies_in_register(before.end) & facts.slot_events_until(m.first))
        for group_sex, count in used.items():
            stock[group_sex] = stock.get(group_sex, 0) - count
        return stock

    def placements(self, kind):
        return _placements(kind, self.month)


def compute(month: Month, frozen_start: dict[str, int] | None = None) -> MonthFigures:
    """The month's figures; `frozen_start` (the previous month's frozen figures) gives "sisa bulan lalu"."""
    count, cells = _Counter(month), defaultdict(int)
    for form in L.FORMS:
        for part in form.parts:
            known = _row_keys(part.rows)

            def row_of(group, known=known):
                group = None if group is None else str(group)
                return group if group in known else L.UNKNOWN_KEY

            if part.subject == L.PLACEMENTS:
                for (group, sex, type_), n in count("placements", part.rows.kind).items():
                    cells[key(form.code, part.key, row_of(group), sex, type_)] += n
                continue
            measures = [L.REGISTERED, L.PLACED, L.REMOVED] + ([] if frozen_start is not None else [L.START])
            for measure in measures:
                subject = "seekers" if part.subject == L.SEEKERS else "vacancies"
                for (group, sex), n in count(subject, part.rows.kind, measure).items():
                    cells[key(form.code, part.key, row_of(group), sex, measure)] += n
            if frozen_start is not None:
                prefix = f"{form.code}|{part.key}|"
                for cell, n in frozen_start.items():
                    if cell.startswith(prefix) and cell.endswith(f"|{L.END}"):
                        cells[cell[:-len(L.END)] + L.START] += n
    _balance(cells)
    return MonthFigures(month, {k: v for k, v in cells.items() if v}, frozen_start is not None)


def _balance(cells):
    """sisa akhir = sisa lalu + terdaftar − ditempatkan − dihapuskan, for every row and sex of a balance."""
    rows = {cell.rsplit("|", 1)[0] for cell, _ in list(cells.items())
            if cell.rsplit("|", 1)[1] in (L.START, L.REGISTERED, L.PLACED, L.REMOVED)}
    for row in rows:
        cells[f"{row}|{L.END}"] = (cells.get(f"{row}|{L.START}", 0) + cells.get(f"{row}|{L.REGISTERED}", 0)
                                   - cells.get(f"{row}|{L.PLACED}", 0) - cells.get(f"{row}|{L.REMOVED}", 0))
