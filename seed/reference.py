"""Load the reference tables from seed/data (idempotent: rows are upserted by their key)."""
import csv
from datetime import date
from pathlib import Path

from app.contracts.models import MinimumWage, SectoralMinimumWage
from app.extensions import db
from app.reference.models import (CollectiveLeaveDay, EducationLevel, EmployerType, Kbji, Kbli, LegalForm,
                                   MaritalStatus, Region, Religion, SchoolLevel)

DATA = Path(__file__).resolve().parent / "data"


def rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _blank_none(value):
    return value if value not in ("", None) else None


def _regions():
    coords = {r["code"]: r for r in rows("kecamatan_3603_coords.csv")}
    postal = {r["code"]: r["postal_code"] for r in rows("kodepos_3603.csv")}
    for r in rows("wilayah_3603.csv"):
        code = r["code"]
        yield Region(code=code, name=r["name"], level=r["level"],
                     parent_code=code.rsplit(".", 1)[0] if code.count(".") > 1 else None,
                     lat=float(coords[code]["lat"]) if code in coords else None,
                     lng=float(coords[code]["lng"]) if code in coords else None,
                     postal_code=postal.get(code))


def _tables():
    yield from _regions()
    for r in rows("education_levels.csv"):
        yield EducationLevel(code=r["code"], ipk_code=r["ipk_code"], name=r["name"],
                             parent_code=_blank_none(r["parent_code"]), sort_order=int(r["sort_order"]))
    for r in rows("education_form_levels.csv"):
        yield SchoolLevel(code=r["code"], name=r["name"], ipk_code=r["ipk_code"], sort_order=int(r["sort_order"]))
    for r in rows("kbji_2014.csv"):
        yield Kbji(code=r["code"], name=r["name"], level=int(r["level"]), parent_code=_blank_none(r["parent_code"]))
    for r in rows("kbji_2014_units.csv"):  # a part of the minor and unit groups, until the full table comes
        yield Kbji(code=r["code"], name=r["name"], level=int(r["level"]), parent_code=_blank_none(r["parent_code"]))
    for r in rows("religions.csv"):
        yield Religion(code=int(r["code"]), name=r["name"])
    for r in rows("marital_status.csv"):
        yield MaritalStatus(code=int(r["code"]), name=r["name"])
    for r in rows("employer_types.csv"):
        yield EmployerType(code=r["code"], name=r["name"], ipk_label=r["ipk_label"])
    for r in rows("legal_forms.csv"):
        yield LegalForm(code=r["code"], name=r["name"])
    for r in rows("minimum_wage.csv"):
        yield MinimumWage(year=int(r["year"]), amount=int(r["amount"]), basis=r["basis"])
    for r in rows("collective_leave_days.csv"):
        yield CollectiveLeaveDay(day=date.fromisoformat(r["date"]), name=r["name"], basis=r["basis"])


def load_reference():
    """Insert missing reference rows and update changed ones; returns the number of rows written."""
    written = 0
    for obj in _tables():
        db.session.merge(obj)
        written += 1
    existing = {(k.version, k.code): k for k in db.session.query(Kbli)}
    for r in rows("kbli_2020.csv"):
        row = existing.get((r["version"], r["code"])) or Kbli(version=r["version"], code=r["code"])
        row.name, row.level, row.parent_code = r["name"], r["level"], _blank_none(r["parent_code"])
        db.session.add(row)
        written += 1
    sectoral = {(s.year, s.kbli_code): s for s in db.session.query(SectoralMinimumWage)}
    for r in rows("sectoral_minimum_wage.csv"):
        key = (int(r["year"]), r["kbli_code"])
        row = sectoral.get(key) or SectoralMinimumWage(year=key[0], kbli_code=key[1])
        row.sector, row.amount, row.basis = r["sector"], int(r["amount"]), r["basis"]
        db.session.add(row)
        written += 1
    db.session.commit()
    return written
