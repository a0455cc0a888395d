"""The monthly vacancy report and the monthly placement report (issue 10 part 7).

Every number comes from a dated fact, never from a row's current state:
- a vacancy is *reported* in the month of `Vacancy.submitted_at`, *published* in the month of `published_at`
  (instants, bounded in Asia/Jakarta: 23:30 WIB on the last day belongs to that month);
- slots *filled* or *removed* in the month are `vacancy_slot_event` rows by `on_date`;
- *open at month end*: vacancies published before the month ended and not closed by then (`closed_at`), with
  their slots less the slot events dated up to the last day;
- placements by `Placement.placed_on`, with the person's sex and education as stored on that day.
Vacancies are counted in persons (slots) by requested sex: L (men), P (women), L/P (either).
Counted in SQL (GROUP BY): Python sees groups, never rows.
"""
from collections import defaultdict

from sqlalchemy import and_, func, or_, select

from app.companies.models import Company
from app.core.formatting import date_id
from app.core.i18n import N_
from app.extensions import db
from app.reference.models import EducationLevel, EmployerType, Kbji, Kbli
from app.reporting.tables import UNKNOWN, Month, Report, Table, number
from app.vacancies.models import Placement, Vacancy, VacancySlotEvent
from app.vacancies.workflow import PLACEMENT_TYPES

BUCKETS = ("L", "P", "X")
BUCKET_LABELS = {"L": "Laki-laki", "P": "Perempuan", "X": "Laki-laki/perempuan"}
PLACEMENT_TYPE_LABELS = {"AKL": "AKL (antarkerja lokal)", "AKAD": "AKAD (antarkerja antardaerah)",
                         "AKAN": "AKAN (antarkerja antarnegara)"}
# IPK's order of receiving employers; a code the reference adds later comes after these.
EMPLOYER_ORDER = ("GOV", "SOE", "COOP", "PRIVATE", "OTHER", "PERSON")

# Plain Indonesian in the documents; N_ marks them for the screen.
VACANCY_TITLE = N_("Laporan Bulanan Lowongan Kerja")
PLACEMENT_TITLE = N_("Laporan Bulanan Penempatan Tenaga Kerja")
SEX_COLUMNS = [N_("Dilaporkan"), N_("Ditayangkan"), N_("Terisi"), N_("Dihapuskan"), N_("Terbuka akhir bulan")]
GROUP_COLUMNS = [N_("Lowongan dilaporkan"), N_("Slot L"), N_("Slot P"), N_("Slot L/P"), N_("Slot dilaporkan"),
                 N_("Slot ditayangkan"), N_("Slot terisi"), N_("Slot dihapuskan"), N_("Lowongan terbuka"),
                 N_("Slot terbuka")]
PEOPLE_COLUMNS = [N_("Laki-laki"), N_("Perempuan"), N_("Jumlah")]


# ---- vacancies ---------------------------------------------------------------------------------------------

def vacancy_report(month: Month) -> Report:
    """Slots by requested sex; then by KBJI major group and by the company's KBLI section, each with vacancies
    and slots reported, slots published, filled, removed, and vacancies and slots open at month end."""
    kbji_names = dict(db.session.execute(select(Kbji.code, Kbji.name).where(Kbji.level == 1)).all())
    by_kbji = _vacancy_measures(month, func.substr(Vacancy.kbji_code, 1, 1), company=False)
    sector = func.coalesce(Kbli.parent_code, Kbli.code)  # a company's KBLI is a division or, rarely, a section
    by_sector = _vacancy_measures(month, sector, company=True)
    section_names = dict(db.session.execute(select(Kbli.code, Kbli.name).where(Kbli.level == "section")).all())

    totals = defaultdict(int)
    for measures in by_kbji.values():
        for key, value in measures.items():
            totals[key] += value

    sexes = Table("jenis_kelamin", N_("Slot Lowongan per Jenis Kelamin yang Diminta"),
                  N_("Jenis kelamin yang diminta"), list(SEX_COLUMNS), sheet="Jenis Kelamin")
    for bucket in BUCKETS:
        sexes.add(BUCKET_LABELS[bucket], [totals[("reported", bucket)], totals[("published", bucket)],
                                          totals[("filled", bucket)], totals[("removed", bucket)],
                                          totals[("open", bucket)]])
    sexes.total()

    kbji = Table("kbji", N_("Per Golongan Pokok Jabatan (KBJI)"), N_("Golongan pokok KBJI"), list(GROUP_COLUMNS),
                 sheet="KBJI")
    for code in sorted(set(kbji_names) | {c for c in by_kbji if c}):
        kbji.add(f"{code} — {kbji_names[code]}" if code in kbji_names else code, _group_values(by_kbji.get(code)))
    if None in by_kbji:
        kbji.add(UNKNOWN, _group_values(by_kbji[None]))
    kbji.total()

    sectors = Table("kbli", N_("Per Sektor Usaha Perusahaan (kategori KBLI)"), N_("Kategori KBLI"),
                    list(GROUP_COLUMNS), sheet="Sektor KBLI")
    for code in sorted((c for c in by_sector if c), key=str):
        sectors.add(f"{code} — {section_names[code]}" if code in section_names else code,
                    _group_values(by_sector[code]))
    if None in by_sector:
        sectors.add(UNKNOWN, _group_values(by_sector[None]))
    sectors.total()

    reported = sum(totals[("reported", b)] for b in BUCKETS)
    summary = [
        f"Lowongan dilaporkan: {number(totals['reported_vacancies'])} lowongan, {number(reported)} orang "
        f"(laki-laki {number(totals[('reported', 'L')])}, perempuan {number(totals[('reported', 'P')])}, "
        f"laki-laki/perempuan {number(totals[('reported', 'X')])}).",
        f"Lowongan ditayangkan setelah verifikasi: {number(totals['published_vacancies'])} lowongan, "
        f"{number(sum(totals[('published', b)] for b in BUCKETS))} orang.",
        f"Slot terisi: {number(sum(totals[('filled', b)] for b in BUCKETS))}; slot dihapuskan: "
        f"{number(sum(totals[('removed', b)] for b in BUCKETS))}.",
        f"Terbuka pada akhir bulan ({date_id(month.last)}): {number(totals['open_vacancies'])} lowongan, "
        f"{number(sum(totals[('open', b)] for b in BUCKETS))} orang.",
    ]
    return Report("lowongan", f"{VACANCY_TITLE} — {month.label}", month.label, month, summary,
                  [sexes, kbji, sectors],
                  "Dilaporkan: tanggal laporan lowongan (Perpres 57/2023 Pasal 5); ditayangkan: tanggal verifikasi; "
                  "terisi dan dihapuskan: tanggal kejadian per slot (Pasal 6); terbuka: lowongan tayang yang belum "
                  "ditutup pada akhir bulan. Waktu WIB.")


def _group_values(measures) -> list[int]:
    m = measures or {}
    slots = [m.get(("reported", b), 0) for b in BUCKETS]
    return [m.get("reported_vacancies", 0), *slots, sum(slots), sum(m.get(("published", b), 0) for b in BUCKETS),
            sum(m.get(("filled", b), 0) for b in BUCKETS), sum(m.get(("removed", b), 0) for b in BUCKETS),
            m.get("open_vacancies", 0), sum(m.get(("open", b), 0) for b in BUCKETS)]


def _vacancy_measures(month: Month, key, company: bool) -> dict:
    """{group key: {measure: n}}, measures being "reported_vacancies", "published_vacancies",
    "open_vacancies" and (kind, bucket) for kind in reported, published, filled, removed, open. Five queries."""
    measures = defaultdict(lambda: defaultdict(int))

    def joined(statement):
        if company:
            statement = (statement.join(Company, Company.id == Vacancy.company_id)
                         .outerjoin(Kbli, Kbli.id == Company.kbli_id))
        return statement

    slot_sums = (func.count(Vacancy.id), func.sum(Vacancy.slots_male), func.sum(Vacancy.slots_female),
                 func.sum(Vacancy.slots_any))
    stamped = {"reported": Vacancy.submitted_at, "published": Vacancy.published_at}
    for kind, column in stamped.items():
        statement = joined(select(key, *slot_sums).select_from(Vacancy)).where(
            column >= month.start, column < month.end).group_by(key)
        for group, count, male, female, either in db.session.execute(statement):
            bucket = measures[group]
            bucket[f"{kind}_vacancies"] += count
            for b, value in zip(BUCKETS, (male, female, either)):
                bucket[(kind, b)] += int(value or 0)

    events = joined(select(key, VacancySlotEvent.kind, VacancySlotEvent.slot_sex, func.sum(VacancySlotEvent.count))
                    .select_from(VacancySlotEvent).join(Vacancy, Vacancy.id == VacancySlotEvent.vacancy_id)).where(
        VacancySlotEvent.on_date >= month.first, VacancySlotEvent.on_date < month.next_first).group_by(
        key, VacancySlotEvent.kind, VacancySlotEvent.slot_sex)
    for group, kind, bucket, count in db.session.execute(events):
        measures[group][(kind, bucket)] += int(count or 0)

    # Open at month end: published before the end and not closed by then; slots less the events up to the end.
    open_ = and_(Vacancy.published_at < month.end, or_(Vacancy.closed_at.is_(None), Vacancy.closed_at >= month.end))
    asked = joined(select(key, *slot_sums).select_from(Vacancy)).where(open_).group_by(key)
    for group, count, male, female, either in db.session.execute(asked):
        bucket = measures[group]
        bucket["open_vacancies"] += count
        for b, value in zip(BUCKETS, (male, female, either)):
            bucket[("open", b)] += int(value or 0)
    used = joined(select(key, VacancySlotEvent.slot_sex, func.sum(VacancySlotEvent.count))
                  .select_from(VacancySlotEvent).join(Vacancy, Vacancy.id == VacancySlotEvent.vacancy_id)).where(
        open_, VacancySlotEvent.on_date < month.next_first).group_by(key, VacancySlotEvent.slot_sex)
    for group, bucket, count in db.session.execute(used):
        measures[group][("open", bucket)] -= int(count or 0)
    return measures


def education_table(by_code: dict) -> Table:
    """People by IPK education code ({code: [L, P, L+P]}): the reference's levels in its order where counted,
    then codes the reference lacks, then the unknown; with totals."""
    levels = db.session.execute(select(EducationLevel.ipk_code, EducationLevel.name)
                                .order_by(EducationLevel.sort_order, EducationLevel.ipk_code)).all()
    table = Table("pendidikan", N_("Per Tingkat Pendidikan"), N_("Pendidikan"), list(PEOPLE_COLUMNS),
                  sheet="Pendidikan")
    for code, name in levels:
        if code in by_code:
            table.add(f"{code} — {name}", by_code[code])
    known = {code for code, _name in levels}
    for code in sorted(c for c in by_code if c and c not in known):
        table.add(code, by_code[code])
    if None in by_code:
        table.add(UNKNOWN, by_code[None])
    return table.total()


# ---- placements --------------------------------------------------------------------------------------------

def placement_report(month: Month) -> Report:
    """Placements in the month (by `placed_on`) by type AKL/AKAD/AKAN, by education and by receiving employer
    type, each split by sex, with totals."""
    in_month = and_(Placement.placed_on >= month.first, Placement.placed_on < month.next_first)

    def counts(column):
        statement = (select(column, Placement.sex, func.count(Placement.id)).where(in_month)
                     .group_by(column, Placement.sex))
        found = defaultdict(lambda: [0, 0])
        for key, sex, count in db.session.execute(statement):
            found[key][0 if sex == "L" else 1] += count
        return found

    def people(values):
        return [values[0], values[1], values[0] + values[1]]

    by_type = counts(Placement.placement_type)
    types = Table("jenis", N_("Per Jenis Penempatan"), N_("Jenis penempatan"), list(PEOPLE_COLUMNS),
                  sheet="Jenis Penempatan")
    for code in [*PLACEMENT_TYPES, *sorted(set(by_type) - set(PLACEMENT_TYPES))]:
        types.add(PLACEMENT_TYPE_LABELS.get(code, code), people(by_type.get(code, [0, 0])))
    types.total()

    education = education_table({code: people(values) for code, values in
                                 counts(Placement.education_ipk_code).items()})

    by_employer = counts(Placement.employer_type_code)
    employer_types = {code: label or name for code, name, label in
                      db.session.execute(select(EmployerType.code, EmployerType.name, EmployerType.ipk_label))}
    order = [c for c in EMPLOYER_ORDER if c in employer_types] + sorted(set(employer_types) - set(EMPLOYER_ORDER))
    employers = Table("pemberi_kerja", N_("Per Jenis Pemberi Kerja"), N_("Jenis pemberi kerja"),
                      list(PEOPLE_COLUMNS), sheet="Pemberi Kerja")
    for code in order + sorted(set(by_employer) - set(order)):
        employers.add(employer_types.get(code, code), people(by_employer.get(code, [0, 0])))
    employers.total()

    male, female, total = types.totals
    summary = [f"Penempatan tenaga kerja pada bulan {month.label}: {number(total)} orang — laki-laki "
               f"{number(male)}, perempuan {number(female)}.",
               "Per jenis: " + "; ".join(f"{code} {number(values[2])}" for code, (_label, values) in
                                         zip([*PLACEMENT_TYPES], types.rows)) + "."]
    return Report("penempatan", f"{PLACEMENT_TITLE} — {month.label}", month.label, month, summary,
                  [types, education, employers],
                  "Dihitung menurut tanggal penempatan; jenis kelamin dan pendidikan sebagaimana tercatat pada hari "
                  "penempatan. AKL: dalam kabupaten/provinsi; AKAD: ke daerah lain; AKAN: ke luar negeri.")
