"""IPK III/1–III/8 of a month (issue 11 parts 1, 5): a hand-built month, March 2031, no one else uses, where every
cell the dataset moves is known; the forms as grids, PDF and XLSX; an independent SQL computation of each form.

Other tests share the database, and the register at the end of February 2031 holds every card anyone left in force:
the dataset's cells are asserted as the difference between the figures with and without it."""
from collections import defaultdict
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from tests import ipk_support as S
from tests.conftest import text_of

MARCH = "2031-03"


def _month(value=MARCH):
    from app.reporting.tables import Month

    return Month.parse(value)


def _figures(value=MARCH):
    from app.reporting.ipk.closing import figures

    return figures(_month(value)).cells


@pytest.fixture(scope="module")
def march(app):
    """Cards (facts as recorded; ages on 31 March 2031):
    S1 baru 5 Mar, L, turns 20 on 31 Mar (20–29), SMK 3002, KBJI 7, sector C: registered.
    S2 baru 10 Mar, P, 19 (born 1 Apr 2011), S1/D4 6000, no KBJI, no sector: registered; placed 20 Mar, AKAD,
       government, education 6000 on the placement.
    S8 since 15 Feb, L, 51, SLTP 2000, KBJI 9, G; corrected 12 Mar by S3 (same facts, "perbaikan"): never counts.
    S4 renewal after expiry 15 Mar, P, 60, SD 1000, KBJI 5, G: registered.
    S5 since 10 Jan, L, 35, SMU 3001, KBJI 2, M: placed 25 Mar at the counter (no placement record: AKL, the
       card's education, employer unknown).
    S6 since 1 Dec 2030, P, 41, D3 5000, KBJI 4, no sector: expired 28 Mar (removed).
    S7 since 1 Feb, L, 32, SMK TIK 3200, KBJI 7, C: removed 2 Mar.
    S10 since 1 Jun 2030, P, 45, D1/D2 4000, KBJI 1, K; renewed while valid 18 Mar by S9 (not registered).
    S11 baru 1 Apr (April: not in March).
    Vacancies: V1 published 10 Feb (L2, L/P1; 3002, KBJI 8, C), L filled 20 Feb, L/P filled 5 Mar, L removed
    31 Mar; V2 published 31 Mar 23:30 WIB (P3; 6000, KBJI 2, K), P filled 31 Mar; V3 published 1 Apr 00:10 WIB."""
    from app.extensions import db

    with app.app_context():
        before = _figures()
        seeker = S.holder(db)
        S.card(db, seeker, date(2031, 3, 5), "L", date(2011, 3, 31), "3002", "7212", "C")
        s2 = S.card(db, seeker, date(2031, 3, 10), "P", date(2011, 4, 1), "6000", placed=date(2031, 3, 20))
        S.placement(db, s2, date(2031, 3, 20), "AKAD", "GOV", "6000")
        S.card(db, seeker, date(2031, 2, 15), "L", date(1980, 1, 1), "2000", "9", "G", registration=False,
               closed=date(2031, 3, 12))
        S.card(db, seeker, date(2031, 3, 12), "L", date(1980, 1, 1), "2000", "9", "G", registration=False,
               kind="perbaikan")
        S.card(db, seeker, date(2031, 3, 15), "P", date(1970, 6, 1), "1000", "5", "G", kind="perpanjangan")
        S.card(db, seeker, date(2031, 1, 10), "L", date(1995, 5, 5), "3001", "2", "M", registration=False,
               placed=date(2031, 3, 25))
        S.card(db, seeker, date(2030, 12, 1), "P", date(1990, 1, 1), "5000", "4", None, registration=False,
               expired=date(2031, 3, 28))
        S.card(db, seeker, date(2031, 2, 1), "L", date(1999, 2, 2), "3200", "7", "C", registration=False,
               removed=date(2031, 3, 2))
        S.card(db, seeker, date(2030, 6, 1), "P", date(1985, 7, 7), "4000", "1", "K", registration=False,
               closed=date(2031, 3, 18))
        S.card(db, seeker, date(2031, 3, 18), "P", date(1985, 7, 7), "4000", "1", "K", registration=False,
               kind="perpanjangan")
        S.card(db, seeker, date(2031, 4, 1), "L", date(2000, 1, 1), "3002", "7", "C")
        owner = S.company(db)
        v1 = S.vacancy(db, owner, S.wib(2031, 2, 10), "8211", "3002", "C", male=2, either=1)
        S.event(db, v1, "filled", "L", date(2031, 2, 20))
        S.event(db, v1, "filled", "X", date(2031, 3, 5))
        S.event(db, v1, "removed", "L", date(2031, 3, 31))
        v2 = S.vacancy(db, owner, S.wib(2031, 3, 31, 23, 30), "2411", "6000", "K", female=3)
        S.event(db, v2, "filled", "P", date(2031, 3, 31))
        S.vacancy(db, owner, S.wib(2031, 4, 1, 0, 10), "9111", "1000", "G", male=1)
        db.session.commit()
        after = _figures()
        yield {key: after.get(key, 0) - before.get(key, 0) for key in set(after) | set(before)
               if after.get(key, 0) != before.get(key, 0)}


def _cells(form, part, rows):
    """{row: {sex: {measure: n}}} → the flat figures, the end computed by the identity."""
    out = {}
    for row, sexes in rows.items():
        for sex, measures in sexes.items():
            if set(measures) <= {"AKL", "AKAD", "AKAN"}:
                for measure, n in measures.items():
                    out[f"{form}|{part}|{row}|{sex}|{measure}"] = n
                continue
            end = (measures.get("sisa_lalu", 0) + measures.get("daftar", 0) - measures.get("tempat", 0)
                   - measures.get("hapus", 0))
            for measure, n in {**measures, "sisa_akhir": end}.items():
                if n:
                    out[f"{form}|{part}|{row}|{sex}|{measure}"] = n
    return out


SEEKERS_BY_AGE = {"0": {"P": {"daftar": 1, "tempat": 1}}, "1": {"L": {"daftar": 1}},
                  "2": {"L": {"sisa_lalu": 2, "tempat": 1, "hapus": 1}, "P": {"sisa_lalu": 1, "hapus": 1}},
                  "3": {"L": {"sisa_lalu": 1}, "P": {"sisa_lalu": 1}}, "4": {"P": {"daftar": 1}}}
VACANCIES_ALL = {"all": {"L": {"sisa_lalu": 1, "hapus": 1}, "X": {"sisa_lalu": 1, "tempat": 1},
                         "P": {"daftar": 3, "tempat": 1}}}
SEEKERS_BY_EDUCATION = {"1000": {"P": {"daftar": 1}}, "2000": {"L": {"sisa_lalu": 1}},
                        "3001": {"L": {"sisa_lalu": 1, "tempat": 1}}, "3002": {"L": {"daftar": 1}},
                        "3200": {"L": {"sisa_lalu": 1, "hapus": 1}}, "4000": {"P": {"sisa_lalu": 1}},
                        "5000": {"P": {"sisa_lalu": 1, "hapus": 1}}, "6000": {"P": {"daftar": 1, "tempat": 1}}}
SEEKERS_BY_KBJI = {"1": {"P": {"sisa_lalu": 1}}, "2": {"L": {"sisa_lalu": 1, "tempat": 1}},
                   "4": {"P": {"sisa_lalu": 1, "hapus": 1}}, "5": {"P": {"daftar": 1}},
                   "7": {"L": {"sisa_lalu": 1, "hapus": 1, "daftar": 1}}, "9": {"L": {"sisa_lalu": 1}},
                   "?": {"P": {"daftar": 1, "tempat": 1}}}
SEEKERS_BY_SECTOR = {"C": {"L": {"sisa_lalu": 1, "hapus": 1, "daftar": 1}}, "G": {"L": {"sisa_lalu": 1},
                                                                                 "P": {"daftar": 1}},
                     "K": {"P": {"sisa_lalu": 1}}, "M": {"L": {"sisa_lalu": 1, "tempat": 1}},
                     "?": {"P": {"sisa_lalu": 1, "hapus": 1, "daftar": 1, "tempat": 1}}}


def _vacancies(first, second):
    return {first: {"L": {"sisa_lalu": 1, "hapus": 1}, "X": {"sisa_lalu": 1, "tempat": 1}},
            second: {"P": {"daftar": 3, "tempat": 1}}}


EXPECTED = {**_cells("III/1", "pencari_kerja", SEEKERS_BY_AGE), **_cells("III/1", "lowongan", VACANCIES_ALL),
            **_cells("III/2", "pendidikan", SEEKERS_BY_EDUCATION), **_cells("III/3", "kbji", SEEKERS_BY_KBJI),
            **_cells("III/4", "pendidikan", _vacancies("3002", "6000")),
            **_cells("III/5", "kbji", _vacancies("8", "2")), **_cells("III/6", "kbli", _vacancies("C", "K")),
            **_cells("III/7", "kbli", SEEKERS_BY_SECTOR),
            **_cells("III/8", "pendidikan", {"6000": {"P": {"AKAD": 1}}, "3001": {"L": {"AKL": 1}}}),
            **_cells("III/8", "pemberi_kerja", {"GOV": {"P": {"AKAD": 1}}, "?": {"L": {"AKL": 1}}})}


def test_every_cell_the_month_moves_is_known(march):
    assert march == EXPECTED


def test_identity_in_every_cell(db, march):
    cells = _figures()
    rows = {cell.rsplit("|", 1)[0] for cell in cells if not cell.startswith("III/8")}
    for row in rows:
        def get(m, row=row):
            return cells.get(f"{row}|{m}", 0)
        assert get("sisa_akhir") == get("sisa_lalu") + get("daftar") - get("tempat") - get("hapus"), row


def _grid(form_code, part_key, value=MARCH):
    from app.reporting.ipk import layouts
    from app.reporting.ipk.closing import figures
    from app.reporting.ipk.grids import grid

    form = layouts.form(form_code)
    return grid(form, next(p for p in form.parts if p.key == part_key), figures(_month(value)))


def _values(g):
    return {row.code or row.label: row.values for row in g.rows}


def test_iii_1_rows_and_columns(db, march):
    g = _grid("III/1", "pencari_kerja")
    assert [row.code for row in g.rows] == ["1", "2", "A", "3", "4", "B", "5"]
    assert [c.group for c in g.columns][:2] == ["15–19", "15–19"] and g.columns[-1].label == "L+P"
    rows = _values(g)
    for code in ("A", "B", "5"):
        assert [row.terms for row in g.rows if row.code == code]
    assert rows["A"] == [a + b for a, b in zip(rows["1"], rows["2"])]
    assert rows["5"] == [a - b for a, b in zip(rows["A"], rows["B"])]
    # The month's registrations: 15–19 P 1 (S2), 20–29 L 1 (S1 turned 20 on the 31st), 55+ P 1 (S4).
    assert rows["2"] == [0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3]
    assert rows["3"] == [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 2]
    assert rows["4"] == [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 2]
    vacancies = _values(_grid("III/1", "lowongan"))
    assert vacancies["2"] == [0, 3, 0, 3] and vacancies["3"][1:3] == [1, 1] and [c.label for c in
                                                                               _grid("III/1", "lowongan").columns] \
        == ["L", "P", "L/P", "Jumlah"]


def test_education_rows_have_subtotals_per_parent_level(db, march):
    g = _grid("III/2", "pendidikan")
    labels = [row.label for row in g.rows]
    assert labels.index("Jumlah SMK") > labels.index("Bisnis dan Manajemen")
    assert labels.index("Jumlah SLTA/Sederajat") > labels.index("Jumlah SMK") and labels[-1] == "Jumlah"
    assert next(c.group for c in g.columns) == "Sisa akhir bulan lalu" and [c.label for c in g.columns][:3] == \
        ["L", "P", "Jml"]
    rows = {row.label: row.values for row in g.rows}
    # Registered L (column 3): SMK 3002 (S1); SLTA = SMU + SMK + its fields.
    assert rows["SMK"][3] >= 1 and rows["Jumlah SMK"][3] == sum(
        rows[name][3] for name in ("SMK", "Teknologi dan Rekayasa", "Teknologi Informasi dan Komunikasi",
                                   "Kesehatan", "Seni, Kerajinan dan Pariwisata", "Agribisnis dan Agroteknologi",
                                   "Bisnis dan Manajemen"))
    data = [row for row in g.rows if row.kind == "data"]
    assert rows["Jumlah"] == [sum(row.values[c] for row in data) for c in range(len(g.columns))]


def test_kbli_rows_are_sections_a_to_u_and_never_worked(db, march):
    g = _grid("III/7", "kbli")
    assert [row.code for row in g.rows if row.code] == [chr(c) for c in range(ord("A"), ord("U") + 1)]
    assert g.rows[-2].label == "Tidak diketahui / belum pernah bekerja"
    assert [row.code for row in _grid("III/3", "kbji").rows if row.code] == [str(i) for i in range(10)]


def test_iii_8_by_type_and_sex(db, march):
    g = _grid("III/8", "pemberi_kerja")
    assert [c.group for c in g.columns] == ["AKL"] * 3 + ["AKAD"] * 3 + ["AKAN"] * 3 + ["Jumlah"] * 3
    rows = {row.label: row.values for row in g.rows}
    assert rows["Instansi Pemerintah"][3:6] >= [0, 1, 1]
    assert "Tidak diketahui (dilaporkan di loket)" in rows


def test_age_is_taken_on_the_months_last_day():
    from app.reporting.ipk import facts
    from app.reporting.ipk.compute import born_by

    assert facts.age_group(facts.age_at(date(2011, 3, 31), date(2031, 3, 31))) == 1  # 20 on the last day
    assert facts.age_group(facts.age_at(date(2011, 4, 1), date(2031, 3, 31))) == 0
    assert born_by(20, date(2031, 3, 31)) == date(2011, 3, 31)
    assert born_by(15, date(2032, 2, 29)) == date(2017, 2, 28)
    assert facts.age_at(date(2017, 3, 1), date(2032, 2, 29)) == 14


def test_registration_rules_of_record_card(db):
    """baru counts; a correction never; a renewal of a valid card not; a renewal after expiry does."""
    from app.reporting.ipk import facts
    from app.seekers.models import Ak1Card

    seeker = S.holder(db)
    valid = Ak1Card(job_seeker_id=seeker.id, status="issued")
    expired = Ak1Card(job_seeker_id=seeker.id, status="expired")
    for kind, previous, counts in (("baru", None, True), ("perbaikan", valid, False),
                                   ("perpanjangan", valid, False), ("perpanjangan", expired, True)):
        card = Ak1Card(job_seeker_id=seeker.id, application_type=kind, job_seeker=seeker)
        facts.record_card(card, previous, date(2031, 3, 1), db.session)
        assert card.ipk_registration is counts, kind
    db.session.rollback()


# ---- independent SQL ---------------------------------------------------------------------------------------------

SEEKER_SQL = """
SELECT {dim} AS g, ipk_sex AS s,
  SUM(CASE WHEN ipk_registration AND ipk_from >= :first AND ipk_from < :next THEN 1 ELSE 0 END) AS daftar,
  SUM(CASE WHEN placed_at >= :first AND placed_at < :next THEN 1 ELSE 0 END) AS tempat,
  SUM(CASE WHEN (expired_at >= :first AND expired_at < :next) OR (removed_at >= :first AND removed_at < :next)
      THEN 1 ELSE 0 END) AS hapus
FROM ak1_card GROUP BY 1, 2
"""
SEEKER_START_SQL = """
SELECT {dim} AS g, ipk_sex AS s, COUNT(*) FROM ak1_card
WHERE ipk_from < :first AND (placed_at IS NULL OR placed_at >= :first) AND (removed_at IS NULL OR removed_at >= :first)
  AND (expired_at IS NULL OR expired_at >= :first) AND (closed_at IS NULL OR closed_at >= :first)
GROUP BY 1, 2
"""
VACANCY_SQL = """
SELECT {dim} AS g, SUM(slots_male), SUM(slots_female), SUM(slots_any) FROM vacancy
WHERE published_at >= :start AND published_at < :end GROUP BY 1
"""
VACANCY_START_SQL = """
SELECT {dim} AS g, SUM(slots_male), SUM(slots_female), SUM(slots_any) FROM vacancy WHERE published_at < :pstart
GROUP BY 1
"""
EVENT_SQL = """
SELECT {dim} AS g, e.slot_sex, e.kind, SUM(e.count) FROM vacancy_slot_event e JOIN vacancy v ON v.id = e.vacancy_id
WHERE e.on_date >= :first AND e.on_date < :next GROUP BY 1, 2, 3
"""
EVENT_START_SQL = """
SELECT {dim} AS g, e.slot_sex, SUM(e.count) FROM vacancy_slot_event e JOIN vacancy v ON v.id = e.vacancy_id
WHERE v.published_at < :pstart AND e.on_date < :first GROUP BY 1, 2
"""
AGE_SQL = ("CASE WHEN ipk_birth_date <= '{b55}' THEN '4' WHEN ipk_birth_date <= '{b45}' THEN '3' "
           "WHEN ipk_birth_date <= '{b30}' THEN '2' WHEN ipk_birth_date <= '{b20}' THEN '1' "
           "WHEN ipk_birth_date <= '{b15}' THEN '0' ELSE NULL END")
PLACEMENT_SQL = """
SELECT {dim} AS g, COALESCE(p.sex, c.ipk_sex), COALESCE(p.placement_type, 'AKL'), COUNT(*)
FROM ak1_card c LEFT JOIN placement p ON p.ak1_card_id = c.id
WHERE c.placed_at >= :first AND c.placed_at < :next GROUP BY 1, 2, 3
"""


def _age_sql(day):
    def back(years):
        return date(day.year - years, day.month, day.day).isoformat()

    return AGE_SQL.format(b55=back(55), b45=back(45), b30=back(30), b20=back(20), b15=back(15))


def _independent(db, month):
    """The month's figures by plain SQL, every form (the previous month not closed)."""
    from app.reporting.ipk.compute import previous

    before = previous(month)
    params = {"first": month.first.isoformat(), "next": month.next_first.isoformat(),
              "start": month.start, "end": month.end, "pstart": before.end}
    out = defaultdict(int)
    seeker_forms = {("III/1", "pencari_kerja"): None, ("III/2", "pendidikan"): "ipk_education_code",
                    ("III/3", "kbji"): "substr(ipk_kbji_code, 1, 1)", ("III/7", "kbli"): "ipk_kbli_section"}
    known = _known(db)
    for (form, part), dim in seeker_forms.items():
        for sql, age_day in ((SEEKER_SQL, month.last), (SEEKER_START_SQL, before.last)):
            expression = dim or _age_sql(age_day)
            for row in db.session.execute(text(sql.format(dim=expression)), params):
                group = row[0] if row[0] in known[(form, part)] else "?"
                if sql is SEEKER_SQL:
                    for measure, n in zip(("daftar", "tempat", "hapus"), row[2:]):
                        out[f"{form}|{part}|{group}|{row[1]}|{measure}"] += int(n or 0)
                else:
                    out[f"{form}|{part}|{group}|{row[1]}|sisa_lalu"] += row[2]
    vacancy_forms = {("III/1", "lowongan"): "'all'", ("III/4", "pendidikan"): "education_ipk_code",
                     ("III/5", "kbji"): "substr(kbji_code, 1, 1)", ("III/6", "kbli"): "ipk_kbli_section"}
    for (form, part), dim in vacancy_forms.items():
        for sql, measure in ((VACANCY_SQL, "daftar"), (VACANCY_START_SQL, "sisa_lalu")):
            for row in db.session.execute(text(sql.format(dim=dim)), params):
                group = row[0] if row[0] in known[(form, part)] else "?"
                for sex, n in zip("LPX", row[1:]):
                    out[f"{form}|{part}|{group}|{sex}|{measure}"] += int(n or 0)
        event_dim = dim.replace("education_ipk_code", "v.education_ipk_code").replace("kbji_code", "v.kbji_code") \
            .replace("ipk_kbli_section", "v.ipk_kbli_section")
        for group, sex, kind, n in db.session.execute(text(EVENT_SQL.format(dim=event_dim)), params):
            group = group if group in known[(form, part)] else "?"
            out[f"{form}|{part}|{group}|{sex}|{'tempat' if kind == 'filled' else 'hapus'}"] += int(n)
        for group, sex, n in db.session.execute(text(EVENT_START_SQL.format(dim=event_dim)), params):
            group = group if group in known[(form, part)] else "?"
            out[f"{form}|{part}|{group}|{sex}|sisa_lalu"] -= int(n)
    for part, dim in (("pendidikan", "CASE WHEN p.id IS NULL THEN c.ipk_education_code ELSE p.education_ipk_code END"),
                      ("pemberi_kerja", "p.employer_type_code")):
        for group, sex, kind, n in db.session.execute(text(PLACEMENT_SQL.format(dim=dim)), params):
            group = group if group in known[("III/8", part)] else "?"
            out[f"III/8|{part}|{group}|{sex}|{kind}"] += n
    rows = {cell.rsplit("|", 1)[0] for cell in out if not cell.startswith("III/8")}
    for row in rows:
        out[f"{row}|sisa_akhir"] = sum(out.get(f"{row}|{m}", 0) * sign for m, sign in
                                       (("sisa_lalu", 1), ("daftar", 1), ("tempat", -1), ("hapus", -1)))
    return {k: v for k, v in out.items() if v}


def _known(db):
    education = {r[0] for r in db.session.execute(text("SELECT ipk_code FROM education_level"))}
    kbji = {r[0] for r in db.session.execute(text("SELECT code FROM kbji WHERE level = 1"))}
    kbli = {r[0] for r in db.session.execute(text("SELECT code FROM kbli WHERE level = 'section'"))}
    employers = {r[0] for r in db.session.execute(text("SELECT code FROM employer_type"))}
    return {("III/1", "pencari_kerja"): {"0", "1", "2", "3", "4"}, ("III/1", "lowongan"): {"all"},
            ("III/2", "pendidikan"): education, ("III/4", "pendidikan"): education,
            ("III/8", "pendidikan"): education, ("III/3", "kbji"): kbji, ("III/5", "kbji"): kbji,
            ("III/6", "kbli"): kbli, ("III/7", "kbli"): kbli, ("III/8", "pemberi_kerja"): employers}


@pytest.mark.parametrize("form", ["III/1", "III/2", "III/3", "III/4", "III/5", "III/6", "III/7", "III/8"])
def test_independent_sql_equals_the_report(db, march, form):
    report = {k: v for k, v in _figures().items() if k.startswith(form + "|")}
    independent = {k: v for k, v in _independent(db, _month()).items() if k.startswith(form + "|")}
    assert report == independent


# ---- files -------------------------------------------------------------------------------------------------------

def test_pdf_has_every_form_the_signatory_and_mengetahui(db, march):
    from app.office.services import office_profile
    from app.reporting.ipk.documents import ipk_files

    files = ipk_files(_month())
    assert [(name, mimetype) for name, mimetype, _content in files] == [
        ("laporan-ipk-iii-1-8-2031-03.pdf", "application/pdf"),
        ("laporan-ipk-iii-1-8-2031-03.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    reader = PdfReader(BytesIO(files[0][2]))
    assert len(reader.pages) >= 8
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text_ = "\n".join(page.extract_text() for page in reader.pages)
    for code in ("III/1", "III/2", "III/3", "III/4", "III/5", "III/6", "III/7", "III/8"):
        assert f"IPK {code}" in text_
    assert "Mengetahui" in text_ and office_profile().head_name in text_ and "Maret 2031" in text_
    assert "Sisa akhir bulan ini (A − B)" in text_ or "Sisa akhir bulan ini (A" in text_


def test_xlsx_totals_are_formulas_and_print_fits_the_width(db, march):
    from app.reporting.ipk.documents import render

    _name, _mimetype, content = render(_month(), "xlsx")
    book = openpyxl.load_workbook(BytesIO(content))
    assert book.sheetnames == ["III-1", "III-2", "III-3", "III-4", "III-5", "III-6", "III-7", "III-8"]
    for sheet in book.worksheets:
        # fit to one page wide (1 is the file's default, left out), as many pages down as needed
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth in (None, 1)
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows
    first = book["III-1"]
    labels = {}
    for r in range(1, 14):  # part I (seekers)
        labels.setdefault(first.cell(row=r, column=1).value, r)
    a_row, five = labels["A"], labels["5"]
    assert first.cell(row=a_row, column=3).value.startswith("=SUM(C")
    assert first.cell(row=five, column=3).value == f"=C{a_row}-C{labels['B']}"
    assert first.cell(row=labels["1"], column=13).value.startswith("=SUM(")  # the L total column
    second = book["III-2"]
    values = [[c.value for c in row] for row in second.iter_rows()]
    total = next(i for i, row in enumerate(values, 1) if row[1] == "Jumlah")
    assert str(second.cell(row=total, column=3).value).startswith("=SUM(")
    smk = next(i for i, row in enumerate(values, 1) if row[1] == "Jumlah SMK")
    assert str(second.cell(row=smk, column=4).value).startswith("=SUM(")
    assert isinstance(second.cell(row=total - 2, column=3).value, int)  # a data cell is a number


def test_national_export_one_row_per_form_row_and_sex(db, march):
    from app.reporting.ipk.documents import national_file, national_rows

    rows = national_rows(_month())
    by_key = {(r[0], r[1], r[3]): r for r in rows}
    assert by_key[("III/2", "pendidikan/3002", "L")][5] >= 1
    name, _mimetype, content = national_file(_month())
    sheet = openpyxl.load_workbook(BytesIO(content)).worksheets[0]
    assert name == "ipk-nasional-2031-03.xlsx"
    assert [c.value for c in sheet[1]] == ["kode_form", "kode_baris", "uraian", "jenis_kelamin", "sisa_lalu",
                                           "daftar", "tempat", "hapus", "sisa_akhir"]
    assert sheet.max_row == len(rows) + 1


# ---- screens ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("username", ["petugas.ak", "kadis"])
def test_page_and_downloads_for_officers(client_as, march, username):
    client = client_as(username)
    page = client.get(f"/laporan-ipk/?bulan={MARCH}")
    assert page.status_code == 200
    body = text_of(page)
    for code in ("III/1", "III/2", "III/8"):
        assert f"IPK {code}" in body
    assert "dihitung dari data (bulan lalu belum ditutup)" in body and "Tutup laporan bulan ini" in body
    assert "Buka kembali" not in body and "None" not in body
    for name, fmt in (("iii-2", "pdf"), ("iii-2", "xlsx"), ("semua", "pdf"), ("semua", "xlsx"),
                      ("nasional", "xlsx")):
        response = client.get(f"/laporan-ipk/{name}.{fmt}?bulan={MARCH}")
        assert response.status_code == 200, (name, fmt)
    assert client.get(f"/laporan-ipk/iii-9.pdf?bulan={MARCH}").status_code == 404
    assert client.get("/laporan-ipk/?bulan=2031-13").status_code == 400


@pytest.mark.parametrize("username", ["operator", "pencaker", "pengawas", "petugas.hi"])
def test_refused_to_other_roles(client_as, username):
    client = client_as(username)
    for path in (f"/laporan-ipk/?bulan={MARCH}", f"/laporan-ipk/semua.pdf?bulan={MARCH}",
                 f"/laporan-ipk/iii-1.xlsx?bulan={MARCH}", f"/laporan-ipk/nasional.xlsx?bulan={MARCH}"):
        response = client.get(path)
        assert response.status_code in (302, 403), (username, path)
        assert b"IPK III/1" not in response.data
    assert client.post("/laporan-ipk/tutup", data={"bulan": MARCH, "konfirmasi": "ya"}).status_code in (302, 403)
