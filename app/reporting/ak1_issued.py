"""The monthly "AK-1 terbit" report: AK-1 cards that came into force in the month (`Ak1Card.ipk_from`, recorded
by app/reporting/ipk/facts.py the day a card is issued, corrected or renewed), by application type, kecamatan and
education, each split by sex, with the holder's data as recorded that day. Counted in SQL (GROUP BY)."""
from collections import defaultdict

from sqlalchemy import and_, func, select

from app.core.i18n import N_
from app.extensions import db
from app.reference.models import Region
from app.reporting.monthly import PEOPLE_COLUMNS, education_table
from app.reporting.tables import UNKNOWN, Month, Report, Table, number
from app.seekers.models import Ak1Card

TITLE = N_("Laporan Bulanan Kartu AK/I Terbit")
TYPE_LABELS = {"baru": N_("Baru"), "perbaikan": N_("Perbaikan"), "perpanjangan": N_("Perpanjangan")}


def ak1_issued_report(month: Month) -> Report:
    in_force = and_(Ak1Card.ipk_from >= month.first, Ak1Card.ipk_from < month.next_first)

    def counts(column) -> dict:
        """{group: [men, women, all]} (a card without a recorded sex counts in "all" only)."""
        found = defaultdict(lambda: [0, 0, 0])
        statement = select(column, Ak1Card.ipk_sex, func.count(Ak1Card.id)).where(in_force).group_by(
            column, Ak1Card.ipk_sex)
        for key, sex, count in db.session.execute(statement):
            if sex in ("L", "P"):
                found[key][0 if sex == "L" else 1] += count
            found[key][2] += count
        return found

    by_type = counts(Ak1Card.application_type)
    types = Table("jenis", N_("Per Jenis Permohonan"), N_("Jenis permohonan"), list(PEOPLE_COLUMNS),
                  sheet="Jenis Permohonan")
    for code in [*TYPE_LABELS, *sorted(set(by_type) - set(TYPE_LABELS))]:
        types.add(TYPE_LABELS.get(code, code), by_type.get(code, [0, 0, 0]))
    types.total()

    by_kecamatan = counts(Ak1Card.ipk_kecamatan_code)
    kecamatan = Table("kecamatan", N_("Per Kecamatan"), N_("Kecamatan"), list(PEOPLE_COLUMNS), sheet="Kecamatan")
    names = dict(db.session.execute(select(Region.code, Region.name).where(Region.level == "kecamatan")
                                    .order_by(Region.name)).all())
    for code, name in names.items():  # every kecamatan, a zero row included: the office reads the whole list
        kecamatan.add(name, by_kecamatan.get(code, [0, 0, 0]))
    for code in sorted(c for c in by_kecamatan if c and c not in names):
        kecamatan.add(code, by_kecamatan[code])
    if None in by_kecamatan:
        kecamatan.add(UNKNOWN, by_kecamatan[None])
    kecamatan.total()

    education = education_table(counts(Ak1Card.ipk_education_code))

    male, female, total = types.totals
    summary = [(f"Kartu AK/I yang mulai berlaku pada bulan {month.label}: {number(total)} kartu — laki-laki "
                f"{number(male)}, perempuan {number(female)}."),
               "Per jenis permohonan: " + "; ".join(f"{label.lower()} {number(values[2])}"
                                                    for label, values in types.rows) + "."]
    return Report("ak1-terbit", f"{TITLE} — {month.label}", month.label, month, summary,
                  [types, kecamatan, education],
                  "Dihitung menurut tanggal kartu mulai berlaku (terbit, perbaikan atau perpanjangan); jenis "
                  "kelamin, kecamatan dan pendidikan sebagaimana tercatat pada hari itu.")
