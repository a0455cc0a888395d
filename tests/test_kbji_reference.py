"""seed/data/kbji_2014.csv: the structure of KBJI 2014 (= ISCO-08) down to the 4-digit unit groups
(subgolongan) that vacancies and placements carry, and the matching engine compares by prefix."""
import csv
from collections import Counter
from pathlib import Path

import pytest

CSV = Path(__file__).resolve().parent.parent / "seed" / "data" / "kbji_2014.csv"

# ISCO-08: 10 major, 43 sub-major, 130 minor and 436 unit groups (KBJI 2014 keeps that structure).
COUNTS = {1: 10, 2: 43, 3: 130, 4: 436}
# Unit groups per major group in ISCO-08 (KBJI 2014's introduction gives the same 40 for 8 and 33 for 9).
UNITS_PER_MAJOR = {"0": 3, "1": 31, "2": 92, "3": 84, "4": 29, "5": 40, "6": 18, "7": 66, "8": 40, "9": 33}


@pytest.fixture(scope="module")
def rows():
    with open(CSV, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_header_and_codes_are_unique_digits(rows):
    assert list(rows[0]) == ["code", "name", "level", "parent_code"]
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    for r in rows:
        assert r["code"].isdigit(), r
        assert r["name"].strip() == r["name"] and 3 <= len(r["name"]) <= 200, r  # Kbji.name is String(200)


def test_levels_and_code_lengths(rows):
    for r in rows:
        assert r["level"] in ("1", "2", "3", "4"), r
        assert len(r["code"]) == int(r["level"]), r
    assert Counter(int(r["level"]) for r in rows) == COUNTS
    units = Counter(r["code"][0] for r in rows if r["level"] == "4")
    assert units == UNITS_PER_MAJOR


def test_every_parent_exists_and_is_the_prefix_one_level_up(rows):
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        if r["level"] == "1":
            assert r["parent_code"] == "", r
            continue
        parent = by_code.get(r["parent_code"])
        assert parent is not None, r
        assert r["parent_code"] == r["code"][:-1], r
        assert int(parent["level"]) == int(r["level"]) - 1, r


def test_every_group_above_unit_level_has_children(rows):
    parents = {r["parent_code"] for r in rows}
    assert [r["code"] for r in rows if r["level"] != "4" and r["code"] not in parents] == []


def test_unit_groups_ending_in_0_are_the_only_unit_group_of_their_minor_group(rows):
    """ISCO-08 numbers unit groups from 1 (n.e.c. = 9); xxx0 is used only for a minor group with one unit group."""
    children = Counter(r["parent_code"] for r in rows if r["level"] == "4")
    for r in rows:
        if r["level"] == "4":
            assert (r["code"].endswith("0")) == (children[r["parent_code"]] == 1), r


def test_parents_come_before_their_children(rows):
    """The loader inserts in file order and kbji.parent_code is a foreign key (enforced on PostgreSQL)."""
    seen = set()
    for r in rows:
        assert not r["parent_code"] or r["parent_code"] in seen, r
        seen.add(r["code"])


@pytest.mark.parametrize("code,name,parent", [
    ("8153", "Operator Mesin Jahit", "815"),
    ("5414", "Petugas Keamanan", "541"),
    ("8322", "Pengemudi Mobil, Taksi dan Van", "832"),
    ("2512", "Pengembang Perangkat Lunak", "251"),
    ("9329", "Pekerja Kasar Industri Pengolahan Lainnya", "932"),
    ("7212", "Tukang Las dan Pemotong Logam", "721"),
    ("4110", "Juru Tulis Umum", "411"),
    ("3313", "Tenaga Akuntansi dan Pembukuan", "331"),
    ("0110", "Perwira TNI dan Polri", "011"),
])
def test_well_known_unit_groups(rows, code, name, parent):
    row = next(r for r in rows if r["code"] == code)
    assert (row["name"], row["level"], row["parent_code"]) == (name, "4", parent)


def test_codes_that_isco_08_does_not_have_are_absent(rows):
    """ISCO-88 codes and plausible-looking inventions that are not ISCO-08 unit groups."""
    codes = {r["code"] for r in rows}
    assert not codes & {"1000", "1110", "1210", "2100", "5110", "8150", "8290", "9110", "9990", "0100"}
    assert not [c for c in codes if len(c) == 4 and c[:3] in ("010", "020", "030")]


def test_the_loader_brings_all_levels_into_the_database(db, rows):
    from app.reference.models import Kbji

    for level, count in COUNTS.items():
        assert db.session.query(Kbji).filter_by(level=level).count() == count
    sewing = db.session.get(Kbji, "8153")
    assert sewing.parent_code == "815" and db.session.get(Kbji, "815").parent_code == "81"


def test_a_database_with_levels_1_and_2_only_gets_levels_3_and_4_at_start_up(app, db):
    """An installation from before this release holds the 53 rows of levels 1-2; load_reference_data (run at
    every start-up) adds levels 3-4. Rows that other tables already refer to stay, as they would in use."""
    from app.reference.models import Kbji
    from app.setup import load_reference_data

    kept = _codes_in_use(db)
    kept |= {code[:3] for code in kept if len(code) == 4}
    for level in (4, 3):  # children first: parent_code is a foreign key
        db.session.query(Kbji).filter(Kbji.level == level, Kbji.code.notin_(kept)).delete(synchronize_session=False)
    db.session.commit()
    assert db.session.query(Kbji).filter(Kbji.level >= 3).count() == len({c for c in kept if len(c) >= 3})
    db.session.expunge_all()

    load_reference_data()
    for level, count in COUNTS.items():
        assert db.session.query(Kbji).filter_by(level=level).count() == count
    assert db.session.get(Kbji, "9329").name == "Pekerja Kasar Industri Pengolahan Lainnya"
    assert db.session.get(Kbji, "9329").parent_code == "932"


def _codes_in_use(db):
    """KBJI codes that rows of other tables refer to (vacancies, placements, seekers' experience...)."""
    from sqlalchemy import inspect, text

    inspector, used = inspect(db.engine), set()
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            if fk["referred_table"] == "kbji" and table != "kbji":
                column = fk["constrained_columns"][0]
                used |= {c for (c,) in db.session.execute(text(f"SELECT DISTINCT {column} FROM {table}")) if c}
    return used
