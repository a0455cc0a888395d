"""Issue 10, matching: quality against a hidden truth, and latency at the regency's volume (PostgreSQL).

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_h_matching_bench \\
        python bench/matching.py [--scale 1] [--quality-seekers 12000] [--label "..."] [--no-latency]

Two generated worlds, each in a database of its own (the URL's name, and the name + "_q"), built with COPY:

- **Quality** (`--quality-seekers`, open vacancies = seekers / 8): every seeker has a hidden true occupation (KBJI
  unit group), true skills and a home kecamatan. What the matcher sees is noisy: the occupation wanted is the true
  one for 55 %, a sibling unit group (same minor group) for 25 %, another of the same sub-major for 15 %, anything
  for 5 %; each true skill is listed with p = 0.6, plus a skill that means nothing with p = 0.5; half have a past
  job, mostly in their true group. Hires follow the truth with noise: a seeker would be hired at an open vacancy
  that the rules allow (education, age, sex, places) in their true minor group when
  occupation (1 same unit, 0.5 sibling) + 0.8 · true must-have coverage + 0.6 · exp(−km/15) + N(0, 0.3) ≥ 1.6.
  Reported: precision@10, MRR (first hire within the top 20), coverage (share of open vacancies in some seeker's
  top 20) for the matcher and for a keyword baseline (PostgreSQL full-text search, configuration 'simple', of the
  words of the seeker's wanted occupation's name, OR-ed, over open vacancies' titles, ranked by ts_rank); and the
  Gini of applications per slot when every seeker applies to their top 3 in turn, without damping (each seeker's
  undamped top 3) and with it (applications stored as they are made, so later seekers see the congestion).
- **Latency** (`--scale 1`: 500,000 seekers, 70 % with an active AK-1, and 150,000 vacancies reported over five
  years, each open 30–90 days, so about 5,000 open today, with 4 applications per open vacancy on average):
  `vacancies_for(seeker, 20)` for 300 random active seekers and `candidates_for(vacancy, 50)` for 100 random open
  vacancies, after a warm-up.
Figures are appended to bench/RESULTS.md.
"""
import argparse
import math
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_h_matching_bench")
SEEKERS, VACANCIES, HISTORY_DAYS = 500_000, 150_000, 5 * 365
ADMIN_PASSWORD = "Bench-Admin-2026"

NOUNS = {"1": ["Manajer", "Kepala", "Pimpinan"], "2": ["Insinyur", "Analis", "Akuntan", "Programmer", "Guru"],
         "3": ["Teknisi", "Asisten", "Supervisor"], "4": ["Admin", "Staf", "Kasir", "Resepsionis"],
         "5": ["Pramuniaga", "Pelayan", "Satpam", "Sales"], "6": ["Petani", "Peternak", "Nelayan"],
         "7": ["Tukang", "Penjahit", "Welder", "Mekanik"], "8": ["Operator", "Pengemudi", "Perakit"],
         "9": ["Helper", "Petugas Kebersihan", "Kuli"]}
QUALIFIERS = ("Produksi Gudang Mesin Listrik Keuangan Pajak Logistik Ekspor Mutu Kemasan Garmen Plastik Logam Kimia "
              "Makanan Minuman Bangunan Kayu Cat Las Bubut CNC Forklift Elektronik Jaringan Komputer Penjualan "
              "Pemasaran Toko Restoran Hotel Parkir Keamanan Taman Kapal Truk Ekspedisi Apotek Klinik Sekolah "
              "Kantor Arsip Data Pelanggan Percetakan Tekstil Sepatu Kulit Furnitur Kaca Karet Baja Otomotif Motor "
              "AC Pompa Panel Pipa Injeksi Assembly Lapangan Proyek Dapur Laundry").split()
GENERIC = ["Staf", "Karyawan", "Pekerja", "Crew"]
EDUCATION = [("SD", 0.08), ("SMP", 0.17), ("SMA", 0.32), ("SMK", 0.27), ("D3", 0.07), ("S1", 0.09)]
VACANCY_EDUCATION = [(None, 0.2), ("2000", 0.15), ("3000", 0.45), ("5000", 0.1), ("6000", 0.1)]
SCHOOL_RANK = {"SD": 1, "SMP": 2, "SMA": 3, "SMK": 3, "D3": 5, "S1": 6}


def pick(rng, weighted):
    x, acc = rng.random(), 0.0
    for value, weight in weighted:
        acc += weight
        if x < acc:
            return value
    return weighted[-1][0]


# ---- the world --------------------------------------------------------------------------------------------------

class World:
    """Occupations, skills and places shared by both worlds (deterministic from the seed)."""

    def __init__(self, rng, kecamatans, submajors):
        self.kecamatans = kecamatans  # code -> (lat, lng)
        self.codes = list(kecamatans)
        self.units, self.unit_name, self.unit_skills, self.minor_of = [], {}, {}, {}
        self.kbji_rows = []  # (code, name, level, parent)
        skill_id = 0
        self.skill_names = []
        for sub in submajors:
            if sub[0] == "0":
                continue
            noun = NOUNS[sub[0]][int(sub[1]) % len(NOUNS[sub[0]])]
            pool = []
            for _ in range(30):  # the sub-major's skills; unit groups draw from them
                skill_id += 1
                self.skill_names.append(f"Keahlian {sub}-{skill_id}")
                pool.append(skill_id)
            for d in "123":
                minor = sub + d
                self.kbji_rows.append((minor, f"{noun} {minor}", 3, sub))
                for u in "123":
                    unit = minor + u
                    name = f"{noun} {rng.choice(QUALIFIERS)}"
                    self.kbji_rows.append((unit, name, 4, minor))
                    self.units.append(unit)
                    self.unit_name[unit] = name
                    self.unit_skills[unit] = rng.sample(pool, 8)
                    self.minor_of[unit] = minor
        self.popularity = [rng.paretovariate(1.5) for _ in self.units]  # some occupations are far commoner
        self.by_minor, self.by_sub = {}, {}
        for unit in self.units:
            self.by_minor.setdefault(unit[:3], []).append(unit)
            self.by_sub.setdefault(unit[:2], []).append(unit)
        self.neighbours = {c: sorted(self.codes, key=lambda o: km(kecamatans[c], kecamatans[o]))[1:4]
                           for c in self.codes}

    def unit(self, rng):
        return rng.choices(self.units, weights=self.popularity)[0]


def km(a, b):
    lat1, lng1, lat2, lng2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def make_seeker(rng, world, i, today):
    unit = world.unit(rng)
    home = rng.choice(world.codes)
    true_skills = set(rng.sample(world.unit_skills[unit], 5))
    x = rng.random()
    if x < 0.55:
        wanted = unit
    elif x < 0.80:
        wanted = rng.choice(world.by_minor[unit[:3]])
    elif x < 0.95:
        wanted = rng.choice(world.by_sub[unit[:2]])
    else:
        wanted = rng.choice(world.units)
    listed = {s for s in true_skills if rng.random() < 0.6}
    if rng.random() < 0.5:
        listed.add(rng.randint(1, len(world.skill_names)))
    experience = None
    if rng.random() < 0.5:
        past = unit if rng.random() < 0.7 else rng.choice(world.by_minor[unit[:3]])
        years = rng.randint(1, 6)
        experience = (past, today - timedelta(days=365 * years + 200), today - timedelta(days=200))
    places = [home, *rng.sample(world.neighbours[home], rng.randint(1, 2))] if rng.random() < 0.3 else []
    return {"id": i, "unit": unit, "home": home, "true_skills": true_skills, "wanted": wanted, "skills": listed,
            "experience": experience, "places": places, "sex": "L" if rng.random() < 0.55 else "P",
            "birth": date(rng.randint(1981, 2007), rng.randint(1, 12), rng.randint(1, 28)),
            "education": pick(rng, EDUCATION), "wage": rng.randrange(4_300_000, 6_500_000, 50_000),
            "outside": rng.random() < 0.2, "active": rng.random() < 0.7}


def make_vacancy(rng, world, i, published: date, valid_days: int, companies: int):
    unit = world.unit(rng)
    name = world.unit_name[unit]
    noun, _, qualifier = name.partition(" ")
    x = rng.random()
    title = name if x < 0.6 else f"{noun} {rng.choice(QUALIFIERS)}" if x < 0.85 else f"{rng.choice(GENERIC)} {qualifier}"
    pool = world.unit_skills[unit]
    chosen = rng.sample(pool, rng.randint(3, 5))
    must = chosen[:rng.randint(2, 3)]
    sex = rng.random()
    slots = rng.randint(1, 5)
    wage_min = rng.randrange(4_500_000, 5_500_000, 50_000)
    return {"id": i, "unit": unit, "title": title, "must": must, "nice": [s for s in chosen if s not in must],
            "kecamatan": None if rng.random() < 0.08 else rng.choice(world.codes),
            "male": slots if sex < 0.04 else 0, "female": slots if 0.04 <= sex < 0.12 else 0,
            "any": slots if sex >= 0.12 else 0, "age": (18, rng.choice((25, 30, 35))) if rng.random() < 0.5 else None,
            "education": pick(rng, VACANCY_EDUCATION), "experience": rng.choice((0, 0, 1, 2, 3)),
            "wage": (wage_min, wage_min + rng.randrange(0, 1_500_000, 50_000)), "published": published,
            "valid_until": published + timedelta(days=valid_days), "company": rng.randint(1, companies)}


# ---- loading -----------------------------------------------------------------------------------------------------

def copy(raw, table, columns, rows):
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as target:
        for row in rows:
            target.write_row(row)


def load(app, world, seekers, vacancies, companies, applications_per_slot, today):
    from app.extensions import db
    from app.reference.models import Kbji
    from app.seekers.models import Skill

    with app.app_context():
        have = {code for (code,) in db.session.query(Kbji.code)}
        db.session.add_all(Kbji(code=c, name=n, level=lvl, parent_code=p) for c, n, lvl, p in world.kbji_rows
                           if c not in have)
        db.session.add_all(Skill(id=i, name=name, approved=True) for i, name in enumerate(world.skill_names, 1))
        db.session.commit()
        raw = db.engine.raw_connection()
        now = datetime.now(UTC)
        desa = dict(db.session.execute(db.text(
            "SELECT parent_code, min(code) FROM region WHERE level IN ('desa','kelurahan') GROUP BY parent_code")).all())
        kec = list(world.codes)
        copy(raw, "company", ["id", "name", "legal_form_code", "nib", "npwp", "employer_type_code", "address",
                              "kecamatan_code", "desa_code", "headcount_male", "headcount_female", "status",
                              "created_at", "updated_at"],
             ((i, f"PT Bench {i}", _first(db, "legal_form"), f"{9_000_000_000_000 + i}", f"{i:016d}",
               _first(db, "employer_type"), "Jl. Industri", kec[i % len(kec)], desa[kec[i % len(kec)]], 10, 10,
               "verified", now, now) for i in range(1, companies + 1)))
        copy(raw, "job_seeker", ["id", "nik", "full_name", "full_name_key", "birth_place", "birth_date", "sex",
                                 "kecamatan_code", "expected_wage", "willing_outside_regency", "willing_abroad",
                                 "education_level_code", "registered_at", "status", "created_at", "updated_at"],
             ((s["id"], f"3603{s['id']:012d}", f"Pencari {s['id']}", f"pencari {s['id']}", "Tangerang", s["birth"],
               s["sex"], s["home"], s["wage"], s["outside"], False, s["education"], today, "active", now, now)
              for s in seekers))
        copy(raw, "ak1_card", ["id", "job_seeker_id", "application_type", "status", "number", "issued_at",
                               "valid_until", "created_at", "updated_at"],
             ((s["id"], s["id"], "baru", "issued", f"B-{s['id']}", today - timedelta(days=100),
               today + timedelta(days=630), now, now) for s in seekers if s["active"]))
        prefs = []
        for s in seekers:
            prefs.append((s["id"], "occupation", s["wanted"], None))
            prefs.extend((s["id"], "location", None, place) for place in s["places"])
        copy(raw, "seeker_preference", ["job_seeker_id", "kind", "kbji_code", "kecamatan_code"], prefs)
        copy(raw, "seeker_skill", ["job_seeker_id", "skill_id"],
             ((s["id"], k) for s in seekers for k in s["skills"]))
        copy(raw, "seeker_experience", ["job_seeker_id", "position", "kbji_code", "company_name", "start_date",
                                        "end_date"],
             ((s["id"], world.unit_name[s["experience"][0]], s["experience"][0], "PT Dulu", s["experience"][1],
               s["experience"][2]) for s in seekers if s["experience"]))
        rows = []
        for v in vacancies:
            open_ = v["valid_until"] >= today
            published = datetime.combine(v["published"], datetime.min.time(), UTC) + timedelta(hours=2)
            rows.append((v["id"], v["company"], v["title"], v["unit"], v["male"], v["female"], v["any"],
                         v["published"], v["valid_until"], *(v["age"] or (None, None)), v["education"],
                         v["experience"], *v["wage"], v["kecamatan"], "Kota Serang" if v["kecamatan"] is None else None,
                         "penuh_waktu", False, False, "published" if open_ else "closed",
                         published - timedelta(days=1), published, None if open_ else published, now, now))
        copy(raw, "vacancy", ["id", "company_id", "title", "kbji_code", "slots_male", "slots_female", "slots_any",
                              "valid_from", "valid_until", "age_min", "age_max", "education_ipk_code",
                              "experience_years", "wage_min", "wage_max", "work_kecamatan_code", "work_location",
                              "work_type", "disability_friendly", "recorded_by_office", "status", "submitted_at",
                              "published_at", "closed_at", "created_at", "updated_at"], rows)
        copy(raw, "vacancy_skill", ["vacancy_id", "company_id", "skill_id", "must_have"],
             [(v["id"], v["company"], k, True) for v in vacancies for k in v["must"]]
             + [(v["id"], v["company"], k, False) for v in vacancies for k in v["nice"]])
        if applications_per_slot:
            rng = random.Random(7)
            active = [s["id"] for s in seekers if s["active"]]
            apps, seen = [], set()
            for v in vacancies:
                if v["valid_until"] < today:
                    continue
                for _ in range(int(rng.expovariate(1 / applications_per_slot) * (v["male"] + v["female"] + v["any"]))):
                    sid = rng.choice(active)
                    if (v["id"], sid) not in seen:
                        seen.add((v["id"], sid))
                        apps.append((v["id"], v["company"], sid, sid, "portal", "new", now, now, now))
            copy(raw, "application", ["vacancy_id", "company_id", "job_seeker_id", "ak1_card_id", "source", "status",
                                      "applied_at", "created_at", "updated_at"], apps)
        raw.commit()
        for table in ("company", "job_seeker", "ak1_card", "vacancy", "skill"):
            db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                       f"(SELECT max(id) FROM {table}))"))
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # what autovacuum does within minutes of a bulk load: statistics, and the visibility map that lets
            # PostgreSQL answer from an index alone
            conn.exec_driver_sql("VACUUM ANALYZE")


_FIRST = {}


def _first(db, table):
    if table not in _FIRST:
        _FIRST[table] = db.session.execute(db.text(f"SELECT min(code) FROM {table}")).scalar()
    return _FIRST[table]


def open_app(url, fresh):
    from bench.common import drop_database, ensure_database

    if fresh:
        drop_database(url)
    ensure_database(url)
    os.environ.update(DATABASE_URL=url, ADMIN_PASSWORD=ADMIN_PASSWORD,
                      INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench-matching"))
    from app import create_app
    from app.extensions import db
    from app.setup import initialize

    app = create_app({"SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
                      "RATELIMIT_ENABLED": False, "MAIL_ENABLED": False})
    with app.app_context():
        initialize(demo=False)
        rows = db.session.execute(db.text("SELECT count(*) FROM vacancy")).scalar()
        kecamatans = {c: (lat, lng) for c, lat, lng in db.session.execute(db.text(
            "SELECT code, lat, lng FROM region WHERE level = 'kecamatan' AND lat IS NOT NULL ORDER BY code"))}
        submajors = [c for (c,) in db.session.execute(db.text("SELECT code FROM kbji WHERE level = 2 ORDER BY code"))]
    return app, rows, kecamatans, submajors


# ---- quality -----------------------------------------------------------------------------------------------------

def feasible(s, v, today):
    if SCHOOL_RANK[s["education"]] < (int(v["education"][0]) if v["education"] else 0):
        return False
    age = today.year - s["birth"].year - ((today.month, today.day) < (s["birth"].month, s["birth"].day))
    if v["age"] and not v["age"][0] <= age <= v["age"][1]:
        return False
    if (v["male"] if s["sex"] == "L" else v["female"]) + v["any"] == 0:
        return False
    if v["kecamatan"] is None:
        return s["outside"]
    return not s["places"] or v["kecamatan"] in s["places"]


def hires(rng, world, seekers, vacancies, today):
    """seeker id -> vacancies they would be hired at (the truth, with noise)."""
    by_minor = {}
    for v in vacancies:
        by_minor.setdefault(v["unit"][:3], []).append(v)
    truth = {}
    for s in seekers:
        if not s["active"]:
            continue
        chosen = set()
        for v in by_minor.get(s["unit"][:3], []):
            if not feasible(s, v, today):
                continue
            occupation = 1.0 if v["unit"] == s["unit"] else 0.5
            skills = sum(k in s["true_skills"] for k in v["must"]) / len(v["must"])
            place = 0.2 if v["kecamatan"] is None else math.exp(-km(world.kecamatans[s["home"]],
                                                                   world.kecamatans[v["kecamatan"]]) / 15)
            if occupation + 0.8 * skills + 0.6 * place + rng.gauss(0, 0.3) >= 1.6:
                chosen.add(v["id"])
        truth[s["id"]] = chosen
    return truth


def metrics(rankings, truth, open_ids):
    precision, rr, shown = [], [], set()
    for sid, ranked in rankings.items():
        shown.update(ranked[:20])
        relevant = truth.get(sid) or set()
        if not relevant:
            continue
        precision.append(sum(v in relevant for v in ranked[:10]) / 10)
        rr.append(next((1 / (i + 1) for i, v in enumerate(ranked[:20]) if v in relevant), 0.0))
    return {"p10": statistics.mean(precision), "mrr": statistics.mean(rr),
            "coverage": len(shown & open_ids) / len(open_ids), "evaluated": len(precision)}


def gini(values):
    values = sorted(values)
    n, total = len(values), sum(values)
    if not n or not total:
        return 0.0
    return sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(values)) / (n * total)


def keyword_rankings(app, world, seekers, today):
    from app.extensions import db

    query = db.text("SELECT id FROM vacancy WHERE status = 'published' AND valid_from <= :d AND valid_until >= :d "
                    "AND to_tsvector('simple', title) @@ to_tsquery('simple', :q) "
                    "ORDER BY ts_rank(to_tsvector('simple', title), to_tsquery('simple', :q)) DESC, "
                    "published_at DESC, id DESC LIMIT 20")
    out, timings = {}, []
    with app.app_context():
        for s in seekers:
            words = [w.lower() for w in world.unit_name[s["wanted"]].split() if w.isalnum()]
            began = time.perf_counter()
            out[s["id"]] = [i for (i,) in db.session.execute(query, {"d": today, "q": " | ".join(words)})]
            timings.append(time.perf_counter() - began)
            db.session.rollback()
    return out, timings


def quality(args, today):
    from app.extensions import db
    from app.vacancies.matching import vacancies_for

    url = URL + "_q"
    app, _rows, kecamatans, submajors = open_app(url, fresh=True)
    rng = random.Random(args.seed)
    world = World(rng, kecamatans, submajors)
    seekers = [make_seeker(rng, world, i, today) for i in range(1, args.quality_seekers + 1)]
    n_open = args.quality_seekers // 8
    companies = max(50, n_open // 10)
    vacancies = [make_vacancy(rng, world, i, today - timedelta(days=rng.randint(1, 25)), rng.randint(30, 60),
                              companies) for i in range(1, n_open + 1)]
    began = time.perf_counter()
    load(app, world, seekers, vacancies, companies, 0, today)
    print(f"quality world: {len(seekers):,} seekers, {len(vacancies):,} open vacancies, "
          f"{time.perf_counter() - began:.0f} s", file=sys.stderr)
    truth = hires(random.Random(args.seed + 1), world, seekers, vacancies, today)
    active = [s for s in seekers if s["active"]]
    open_ids = {v["id"] for v in vacancies}
    slots = {v["id"]: v["male"] + v["female"] + v["any"] for v in vacancies}
    # the matcher, no application yet (damping has nothing to act on)
    matched, timings = {}, []
    with app.app_context():
        for s in active:
            t = time.perf_counter()
            matched[s["id"]] = [m.vacancy_id for m in vacancies_for(s["id"], limit=20, today=today)]
            timings.append(time.perf_counter() - t)
            db.session.rollback()
    keyword, _kt = keyword_rankings(app, world, active, today)
    result = {"matcher": metrics(matched, truth, open_ids), "keyword": metrics(keyword, truth, open_ids),
              "relevant_per_seeker": statistics.mean(len(truth[s["id"]]) for s in active),
              "seekers": len(seekers), "active": len(active), "open": len(open_ids)}
    # applications: everyone applies to their top 3, in a random order
    k = 3
    order = active[:]
    random.Random(args.seed + 2).shuffle(order)
    undamped = {v: 0 for v in open_ids}
    for s in order:
        for v in matched[s["id"]][:k]:
            undamped[v] += 1
    damped = {v: 0 for v in open_ids}
    damped_rankings = {}
    with app.app_context():
        now = datetime.now(UTC)
        for n, s in enumerate(order, 1):
            ranked = [m.vacancy_id for m in vacancies_for(s["id"], limit=20, today=today)]
            damped_rankings[s["id"]] = ranked
            for v in ranked[:k]:
                damped[v] += 1
                db.session.execute(db.text(
                    "INSERT INTO application (vacancy_id, company_id, job_seeker_id, ak1_card_id, source, status, "
                    "applied_at, created_at, updated_at) SELECT id, company_id, :s, :s, 'portal', 'new', :t, :t, :t "
                    "FROM vacancy WHERE id = :v"), {"s": s["id"], "v": v, "t": now})
            if n % 200 == 0:
                db.session.commit()
        db.session.commit()
    result["gini_undamped"] = gini([undamped[v] / slots[v] for v in open_ids])
    result["gini_damped"] = gini([damped[v] / slots[v] for v in open_ids])
    result["share_no_application_undamped"] = sum(1 for v in open_ids if undamped[v] == 0) / len(open_ids)
    result["share_no_application_damped"] = sum(1 for v in open_ids if damped[v] == 0) / len(open_ids)
    result["max_per_slot_undamped"] = max(undamped[v] / slots[v] for v in open_ids)
    result["max_per_slot_damped"] = max(damped[v] / slots[v] for v in open_ids)
    # quality seen by each seeker when they applied (with the congestion of those before them)
    result["damped_p10"] = metrics(damped_rankings, truth, open_ids)["p10"]
    result["quality_latency_p95_ms"] = p95(timings) * 1000
    return result


# ---- latency -----------------------------------------------------------------------------------------------------

def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def latency(args, today):
    from app.extensions import db
    from app.vacancies.matching import candidates_for, vacancies_for

    n_seekers, n_vacancies = round(SEEKERS * args.scale), round(VACANCIES * args.scale)
    app, rows, kecamatans, submajors = open_app(URL, fresh=args.fresh)
    build_seconds = None
    if rows < n_vacancies:
        if rows:
            raise SystemExit(f"{URL} holds {rows:,} vacancies: add --fresh to rebuild at scale {args.scale}")
        rng = random.Random(args.seed)
        world = World(rng, kecamatans, submajors)
        began = time.perf_counter()
        seekers = [make_seeker(rng, world, i, today) for i in range(1, n_seekers + 1)]
        vacancies = []
        for i in range(1, n_vacancies + 1):
            published = today - timedelta(days=rng.randint(0, HISTORY_DAYS))
            vacancies.append(make_vacancy(rng, world, i, published, rng.randint(30, 90), max(100, n_vacancies // 40)))
        load(app, world, seekers, vacancies, max(100, n_vacancies // 40), 4, today)
        build_seconds = time.perf_counter() - began
        del seekers, vacancies
        print(f"latency world built in {build_seconds:.0f} s", file=sys.stderr)
    from app.vacancies.models import Vacancy
    from app.vacancies.slots import open_clause

    with app.app_context():
        counts = {name: db.session.execute(db.text(f"SELECT count(*) FROM {name}")).scalar()
                  for name in ("job_seeker", "vacancy", "seeker_skill", "seeker_preference", "application")}
        active = [i for (i,) in db.session.execute(db.text(
            "SELECT job_seeker_id FROM ak1_card WHERE status = 'issued' ORDER BY random() LIMIT 340"))]
        open_ids = [i for (i,) in db.session.query(Vacancy.id).filter(open_clause(today)).order_by(db.func.random())
                    .limit(120)]
        counts["open"] = db.session.query(Vacancy.id).filter(open_clause(today)).count()
        seeker_t, vacancy_t, sizes = [], [], []
        for n, sid in enumerate(active):
            t = time.perf_counter()
            found = vacancies_for(sid, limit=20, today=today)
            if n >= 40:  # warm-up
                seeker_t.append(time.perf_counter() - t)
                sizes.append(len(found))
            db.session.rollback()
        cand_sizes = []
        for n, vid in enumerate(open_ids):
            t = time.perf_counter()
            found = candidates_for(vid, limit=50, today=today)
            if n >= 20:
                vacancy_t.append(time.perf_counter() - t)
                cand_sizes.append(len(found))
            db.session.rollback()
    return {"counts": counts, "build_seconds": build_seconds,
            "seeker_p50": statistics.median(seeker_t) * 1000, "seeker_p95": p95(seeker_t) * 1000,
            "seeker_n": len(seeker_t), "seeker_found": statistics.mean(sizes),
            "vacancy_p50": statistics.median(vacancy_t) * 1000, "vacancy_p95": p95(vacancy_t) * 1000,
            "vacancy_n": len(vacancy_t), "vacancy_found": statistics.mean(cand_sizes)}


def report(args, q, lat, today):
    lines = [f"\n## Matching (issue 10) — {args.label}\n",
             f"{today:%Y-%m-%d}, 2-core machine shared with other work, PostgreSQL, `bench/matching.py "
             f"--scale {args.scale} --quality-seekers {args.quality_seekers}`.\n"]
    if q:
        m, k = q["matcher"], q["keyword"]
        lines += [f"Quality world: {q['seekers']:,} seekers ({q['active']:,} with an active AK-1, all evaluated), "
                  f"{q['open']:,} open vacancies; {q['relevant_per_seeker']:.1f} hires per seeker on average in the "
                  "hidden truth.\n",
                  "| | precision@10 | MRR | coverage (top 20) |", "|---|---|---|---|",
                  f"| matcher | {m['p10']:.3f} | {m['mrr']:.3f} | {m['coverage']:.1%} |",
                  f"| keyword baseline (FTS 'simple', title) | {k['p10']:.3f} | {k['mrr']:.3f} | {k['coverage']:.1%} |",
                  f"| ratio | {m['p10'] / k['p10']:.2f}× | {m['mrr'] / k['mrr']:.2f}× | |" if k["p10"] else "",
                  "",
                  "Every active seeker applies to their top 3, in random order:\n",
                  "| | Gini of applications per slot | open vacancies with no application | max applications per slot "
                  "| precision@10 seen |", "|---|---|---|---|---|",
                  f"| without damping | {q['gini_undamped']:.3f} | {q['share_no_application_undamped']:.1%} "
                  f"| {q['max_per_slot_undamped']:.1f} | {m['p10']:.3f} |",
                  f"| with damping | {q['gini_damped']:.3f} | {q['share_no_application_damped']:.1%} "
                  f"| {q['max_per_slot_damped']:.1f} | {q['damped_p10']:.3f} |", ""]
    if lat:
        c = lat["counts"]
        built = f", built in {lat['build_seconds']:.0f} s" if lat["build_seconds"] else ""
        lines += [f"Latency world: {c['job_seeker']:,} seekers, {c['vacancy']:,} vacancies ({c['open']:,} open "
                  f"today), {c['seeker_skill']:,} seeker skills, {c['seeker_preference']:,} preferences, "
                  f"{c['application']:,} applications{built}.\n",
                  "| call | n | p50 | p95 | target p95 | results |", "|---|---|---|---|---|---|",
                  f"| vacancies_for(seeker, 20) | {lat['seeker_n']} | {lat['seeker_p50']:.1f} ms | "
                  f"{lat['seeker_p95']:.1f} ms | 50 ms | {lat['seeker_found']:.1f} |",
                  f"| candidates_for(vacancy, 50) | {lat['vacancy_n']} | {lat['vacancy_p50']:.1f} ms | "
                  f"{lat['vacancy_p95']:.1f} ms | 300 ms | {lat['vacancy_found']:.1f} |", ""]
    text = "\n".join(lines)
    print(text)
    with open(ROOT / "bench" / "RESULTS.md", "a") as out:
        out.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 500k seekers and 150k vacancies (5 years)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the latency database")
    parser.add_argument("--quality-seekers", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=3603)
    parser.add_argument("--label", default="matching")
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument("--no-quality", action="store_true")
    args = parser.parse_args()
    today = date.today()
    q = None if args.no_quality else quality(args, today)
    lat = None if args.no_latency else latency(args, today)
    report(args, q, lat, today)


if __name__ == "__main__":
    main()
