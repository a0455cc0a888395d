"""Benchmark of the public vacancy portal (issue 10: portal search ≤ 100 ms p95 at 150,000 vacancies on PostgreSQL).

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_bench_portal python bench/portal.py \
        [--vacancies 150000] [--rounds 60] [--fresh]

Builds its own database once (migrations, reference data, a small demo, 4,000 companies, then N vacancies written
in bulk: titles and duties from a vocabulary per KBJI group, every kecamatan and outside the regency, education,
wages, published over the last 120 days; about 60 % open, the rest closed, filled or waiting), ANALYZE, then
measures through the whole Flask stack (test client, anonymous visitor, server time in this process) the three
kinds of portal search: keyword only, filters only, keyword + filters; and the vacancy page. Prints p50/p95 and the
slowest statement's plan, and appends the figures to bench/RESULTS.md."""
import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench_portal")
os.environ.update(DATABASE_URL=URL, INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench-portal"),
                  ADMIN_PASSWORD="Bench-Admin-2026", DEMO_SCALE=os.environ.get("DEMO_SCALE", "5"))
from bench.common import analyze, drop_database, ensure_database, p95  # noqa: E402

COMPANIES = 4_000
# Titles and duties per KBJI sub-major group (the 4-digit unit group <sub-major>11 is added for the benchmark).
JOBS = {
    "81": (["Operator Produksi", "Operator Mesin", "Operator Mesin Injeksi", "Operator CNC", "Operator Bubut"],
           "mengoperasikan mesin produksi, memeriksa hasil, membersihkan mesin, bekerja bergilir tiga shift"),
    "82": (["Perakit Elektronik", "Perakit Komponen", "Staf Perakitan"],
           "merakit komponen sesuai gambar kerja, memeriksa mutu rakitan, mencatat hasil produksi"),
    "83": (["Pengemudi Truk", "Sopir Pribadi", "Operator Forklift", "Pengemudi Ekspedisi", "Kurir Motor"],
           "mengemudikan kendaraan perusahaan, mengantar barang ke pelanggan, merawat kendaraan, SIM B1 umum"),
    "52": (["Pramuniaga", "Tenaga Penjualan", "Sales Lapangan", "Kasir Toko", "Sales Motoris"],
           "menjual produk ke pelanggan, mencapai target penjualan, melayani pembeli, menata barang di toko"),
    "41": (["Staf Administrasi", "Admin Gudang", "Admin Penjualan", "Resepsionis", "Staf Arsip"],
           "mengelola dokumen, input data ke komputer, menguasai Microsoft Excel, melayani tamu dan telepon"),
    "43": (["Admin Gudang", "Staf Logistik", "Checker Gudang", "Staf Pembukuan"],
           "mencatat keluar masuk barang, stock opname, menyusun laporan persediaan gudang"),
    "31": (["Teknisi Listrik", "Teknisi Mesin", "Teknisi Maintenance", "Drafter", "Quality Control"],
           "merawat dan memperbaiki mesin, instalasi listrik industri, membaca gambar teknik, PLC"),
    "25": (["Programmer", "Web Developer", "Staf IT Support", "Analis Sistem"],
           "mengembangkan aplikasi web, memelihara jaringan dan server, membantu pengguna, Python, PHP, SQL"),
    "51": (["Juru Masak", "Pelayan Restoran", "Satpam", "Petugas Kebersihan Hotel"],
           "melayani tamu restoran, menjaga keamanan lingkungan, memasak menu harian, bekerja akhir pekan"),
    "93": (["Helper Gudang", "Buruh Bongkar Muat", "Pekerja Harian Lepas", "Kenek"],
           "membantu bongkar muat barang, merapikan gudang, kerja fisik, bersedia lembur"),
    "32": (["Perawat", "Asisten Apoteker", "Bidan Klinik"],
           "merawat pasien klinik perusahaan, menyiapkan obat, memiliki STR aktif"),
    "24": (["Staf Akuntansi", "Staf HRD", "Staf Pajak", "Marketing Executive"],
           "menyusun laporan keuangan, rekrutmen karyawan, menghitung pajak, mengelola penggajian"),
}
FIELDS = ["Teknik Mesin", "Teknik Elektro", "Akuntansi", "Manajemen", "Teknik Informatika", "Keperawatan",
          "Administrasi Perkantoran", "Tata Boga", None, None, None]
KEYWORDS = ["operator", "admin gudang", "penjualan", "teknisi listrik", "pengemudi", "programmer", "kasir", "staf",
            "mesin", "perawat", "menjual", "satpam", "forklift", "akuntansi", "helper", "produksi shift",
            "sales", "excel", "maintenance", "kurir"]


def build(app, vacancies, all_open=False):
    from app.extensions import db
    from app.setup import initialize
    from app.vacancies.models import Vacancy
    from bench.build import more_companies

    with app.app_context():
        initialize(demo=True)
        from app.companies.models import Company

        more_companies(db, Company, COMPANIES)
        db.session.execute(db.text("UPDATE company SET status = 'verified'"))
        db.session.commit()
        have = db.session.query(Vacancy).count()
        if have < vacancies:
            started = time.perf_counter()
            generate_vacancies(db, vacancies - have, seed=have + 1)
            print(f"{vacancies - have:,} vacancies written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if all_open:
            db.session.execute(db.text(STRESS_ALL_OPEN))
        else:
            db.session.execute(db.text(HISTORY))
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM vacancy")  # as autovacuum would after the rewrite of every row
        analyze(db)
        return db.session.query(Vacancy).count()


# The vacancies as the register holds them after HISTORY_DAYS: each reported on a day of that span, valid 30, 60 or
# 90 days; those past their validity closed by the daily job (one in ten filled), 5 % still waiting for an officer.
HISTORY_DAYS = 1095
HISTORY = f"""
UPDATE vacancy SET
    valid_from = current_date - ((id * 7919) % {HISTORY_DAYS}),
    valid_until = current_date - ((id * 7919) % {HISTORY_DAYS}) + 30 * (1 + id % 3),
    submitted_at = now() - ((id * 7919) % {HISTORY_DAYS} + 1) * interval '1 day',
    published_at = CASE WHEN id % 20 = 7 THEN NULL
                        ELSE now() - ((id * 7919) % {HISTORY_DAYS}) * interval '1 day'
                             - ((id * 31) % 1440) * interval '1 minute' END,
    status = CASE WHEN id % 20 = 7 THEN 'submitted'
                  WHEN current_date - ((id * 7919) % {HISTORY_DAYS}) + 30 * (1 + id % 3) < current_date
                       THEN CASE WHEN id % 10 = 3 THEN 'filled' ELSE 'closed' END
                  ELSE 'published' END,
    closed_at = NULL
"""
# A stress case the register never reaches: the vacancies of the last 120 days all published, half still valid.
STRESS_ALL_OPEN = f"""
UPDATE vacancy SET
    valid_from = current_date - ((id * 7919) % 120),
    valid_until = current_date - ((id * 7919) % 120) + 30 * (1 + id % 4),
    submitted_at = now() - ((id * 7919) % 120 + 1) * interval '1 day',
    published_at = CASE WHEN id % 20 = 7 THEN NULL ELSE now() - ((id * 7919) % 120) * interval '1 day'
                                                          - ((id * 31) % 1440) * interval '1 minute' END,
    status = CASE WHEN id % 20 = 7 THEN 'submitted' WHEN id % 10 = 3 THEN 'filled' ELSE 'published' END,
    closed_at = NULL
"""


def _unit_groups(db):
    from app.reference.models import Kbji

    for sub in JOBS:
        for code, level, parent in ((sub + "1", 3, sub), (sub + "11", 4, sub + "1")):
            if db.session.get(Kbji, code) is None:
                db.session.add(Kbji(code=code, name=f"Golongan {code}", level=level, parent_code=parent))
    db.session.commit()


def generate_vacancies(db, count, seed):
    from sqlalchemy import insert

    from app.companies.models import Company
    from app.reference.models import EducationLevel, Region
    from app.vacancies.models import Vacancy

    _unit_groups(db)
    rng = random.Random(seed)
    companies = [c for (c,) in db.session.query(Company.id)]
    kecamatan = [c for (c,) in db.session.query(Region.code).filter_by(level="kecamatan")]
    education = [c for (c,) in db.session.query(EducationLevel.ipk_code).filter(EducationLevel.parent_code.is_(None))]
    today = date.today()
    now = datetime.now(timezone.utc)
    batch = []
    for n in range(count):
        sub = rng.choice(list(JOBS))
        titles, duties = JOBS[sub]
        title = rng.choice(titles)
        posted_days = rng.randint(0, 120)
        published = now - timedelta(days=posted_days, minutes=rng.randint(0, 1440))
        valid_from = today - timedelta(days=posted_days)
        roll = rng.random()
        status = "published" if roll < 0.8 else "closed" if roll < 0.9 else "filled" if roll < 0.95 else "submitted"
        wage = rng.choice([None, 4_900_000, 5_000_000, 5_200_000, 5_500_000, 6_000_000, 7_500_000, 9_000_000])
        outside = rng.random() < 0.08
        batch.append(dict(
            company_id=rng.choice(companies), title=title if rng.random() < 0.7 else f"{title} {rng.choice(['Senior', 'Junior', 'Kontrak', 'Shift Malam'])}",
            kbji_code=sub + "11",
            description=f"{title}: {duties}. Penempatan {rng.choice(['pabrik', 'kantor', 'gudang', 'toko', 'proyek'])}; "
                        f"{rng.choice(['pengalaman diutamakan', 'lulusan baru dipersilakan', 'bersedia lembur', 'jujur dan disiplin'])}.",
            slots_male=rng.choice([0, 0, 1, 2]), slots_female=rng.choice([0, 0, 1]), slots_any=rng.randint(1, 5),
            valid_from=valid_from, valid_until=valid_from + timedelta(days=rng.choice([30, 60, 90, 120])),
            age_min=18, age_max=rng.choice([None, 30, 35, 40]), education_ipk_code=rng.choice(education + [None]),
            education_field=rng.choice(FIELDS), experience_years=rng.choice([0, 0, 1, 2, 3]),
            wage_min=wage, wage_max=wage + rng.choice([0, 500_000, 1_000_000]) if wage else None,
            work_kecamatan_code=None if outside else rng.choice(kecamatan),
            work_location="Kota Tangerang" if outside else "Kawasan industri",
            work_type=rng.choice(["penuh_waktu", "penuh_waktu", "kontrak", "harian", "paruh_waktu"]),
            disability_friendly=rng.random() < 0.1, recorded_by_office=False, status=status,
            submitted_at=published - timedelta(days=1), published_at=None if status == "submitted" else published,
            closed_at=published + timedelta(days=20) if status in ("closed", "filled") else None,
            created_at=published, updated_at=published))
        if len(batch) == 5_000 or n == count - 1:
            db.session.execute(insert(Vacancy), batch)
            db.session.commit()
            batch = []


def urls(rng, lists, rounds):
    """(kind, url) of the searches a visitor makes."""
    kecamatan = list(lists["kecamatan"]) + ["luar"]

    def filters():
        chosen = {}
        for name, values in (("kecamatan", kecamatan), ("kbji", [c for c in lists["kbji"]]),
                             ("pendidikan", list(lists["education"])), ("gaji", ["5000000", "6000000"]),
                             ("baru", ["7", "30"]), ("sektor", list(lists["sector"])), ("disabilitas", ["1"])):
            if rng.random() < 0.35:
                chosen[name] = rng.choice(values)
        return chosen or {"kecamatan": rng.choice(kecamatan)}

    out = []
    for _ in range(rounds):
        out.append(("keyword", {"q": rng.choice(KEYWORDS)}))
        out.append(("filters", filters()))
        out.append(("keyword + filters", {"q": rng.choice(KEYWORDS), **filters()}))
        out.append(("keyword, page 3", {"q": rng.choice(KEYWORDS), "hal": "3"}))
        out.append(("newest, no filter", {}))
    return [(kind, "/lowongan?" + urlencode(args) if args else "/lowongan") for kind, args in out]


def measure(app, rounds):
    from app.extensions import db
    from app.vacancies.models import Vacancy
    from app.vacancies.search import choices
    from app.vacancies.slots import open_clause

    rng = random.Random(7)
    client = app.test_client()
    with app.app_context():
        lists = choices()
        vacancy_ids = [i for (i,) in db.session.query(Vacancy.id).filter(open_clause()).limit(2000)]
    plan = [*urls(rng, lists, rounds)]
    plan += [("vacancy page", f"/lowongan/{rng.choice(vacancy_ids)}") for _ in range(rounds)]
    for _kind, url in plan[:10]:  # warm caches
        client.get(url)
    rng.shuffle(plan)
    samples, sql, statements, slowest = {}, {}, {}, {}
    spent = []  # per statement of the current request: ms from cursor execute to its end

    from sqlalchemy import event

    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        spent.append((time.perf_counter() - conn.info.pop("bench_started")) * 1000)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        for kind, url in plan:
            spent.clear()
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (url, response.status_code)
            samples.setdefault(kind, []).append(elapsed)
            sql.setdefault(kind, []).append(sum(spent))
            statements.setdefault(kind, []).append(len(spent))
            if elapsed > slowest.get(kind, (0, ""))[0]:
                slowest[kind] = (elapsed, url)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return samples, sql, statements, slowest


def explain(app, url):
    """The plan of the portal's main statement for a URL (PostgreSQL EXPLAIN ANALYZE)."""
    from urllib.parse import parse_qs, urlsplit

    from sqlalchemy import and_, select

    from app.extensions import db
    from app.vacancies import search
    from app.vacancies.models import Vacancy

    with app.test_request_context(url):
        args = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        criteria, _ignored = search.parse(args)
        query, score = search.matching(select(Vacancy.id), criteria.words)
        order = ([score.desc()] if score is not None else []) + [Vacancy.published_at.desc()]
        query = query.where(and_(*search.conditions(criteria))).order_by(*order).limit(20)
        compiled = query.compile(db.engine)
        with db.engine.connect() as conn:
            return "\n".join(conn.exec_driver_sql(f"EXPLAIN ANALYZE {compiled.string}", compiled.params).scalars())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=150_000)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--all-open", action="store_true",
                        help="stress: the last 120 days' vacancies all published, half still valid (no expiry job)")
    args = parser.parse_args()
    if args.fresh:
        drop_database(URL)
    ensure_database(URL)
    from app import create_app

    app = create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    started = time.perf_counter()
    total = build(app, args.vacancies, args.all_open)
    built = time.perf_counter() - started
    with app.app_context():
        from app.extensions import db
        from app.vacancies.models import Vacancy
        from app.vacancies.slots import open_clause

        open_count = db.session.query(Vacancy).filter(open_clause()).count()
    load_before = os.getloadavg()[1]
    samples, sql, statements, slowest = measure(app, args.rounds)
    lines = [
        f"## {date.today()} — {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}): "
        f"public vacancy portal (issue 10){' — stress: no expiry, half open' if args.all_open else ''}",
        f"- database: PostgreSQL, {total:,} vacancies ({open_count:,} open"
        f"{'' if args.all_open else f', reported over {HISTORY_DAYS // 365} years'}), {COMPANIES:,} companies (set-up "
        f"{built:.0f} s); anonymous visitor through the whole Flask stack (test client, server time); "
        f"{args.rounds} requests per kind; load average over 5 minutes {load_before:.1f} before, "
        f"{os.getloadavg()[1]:.1f} after, on {os.cpu_count()} cores",
        "",
        "| search | p50 ms | p95 ms | max ms | SQL p50 ms | SQL p95 ms | statements | slowest |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, values in sorted(samples.items()):
        lines.append(f"| {kind} | {statistics.median(values):.1f} | {p95(values):.1f} | {max(values):.1f} | "
                     f"{statistics.median(sql[kind]):.1f} | {p95(sql[kind]):.1f} | {max(statements[kind])} | "
                     f"`{slowest[kind][1]}` |")
    everything = [v for kind, values in samples.items() if kind != "vacancy page" for v in values]
    lines.append(f"\nAll searches: p50 {statistics.median(everything):.1f} ms, p95 {p95(everything):.1f} ms "
                 f"(target ≤ 100 ms p95).")
    print("\n".join(lines))
    worst = max((v for v in slowest.items() if v[0] != "vacancy page"), key=lambda item: item[1][0])
    print(f"\nplan of the slowest search ({worst[0]}: {worst[1][1]}):\n{explain(app, worst[1][1])}")
    with open(ROOT / "bench" / "RESULTS.md", "a") as results:
        results.write("\n".join(lines) + "\n\n")


if __name__ == "__main__":
    main()
