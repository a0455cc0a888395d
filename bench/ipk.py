"""Benchmark of issue 11: one month's full IPK set (III/1–III/8, PDF and XLSX) ≤ 10 s and ≤ 300 MB peak at
500,000 job seekers, 150,000 vacancies and 300,000 applications on PostgreSQL; the dashboard page ≤ 300 ms p95.

    python bench/ipk.py [--seekers 500000] [--vacancies 150000] [--applications 300000] [--rounds 30] [--fresh]

Builds its own database once (`BENCH_DATABASE_URL`, default dnaker_bench_ipk): migrations, reference data, the
small demo, 4,000 companies, then in SQL (generate_series) the seekers with one AK-1 card each registered over the
last 24 months (a third placed, a tenth removed, the rest expired after two years or still in force), a placement
record for half of those placed, vacancies published over 24 months with their filled and removed slot events,
and applications. VACUUM ANALYZE (as autovacuum would soon after). Then:
- the IPK set of the last complete month, generated in a child process (`ipk_files`): wall time and the child's
  peak resident memory (the whole process, the app included), three runs;
- the dashboard page as Kepala Dinas through the whole Flask stack: p50/p95 over `--rounds`.
Figures are appended to bench/RESULTS.md."""
import argparse
import multiprocessing
import os
import platform
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench_ipk")
os.environ.update(DATABASE_URL=URL, INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench-ipk"),
                  ADMIN_PASSWORD="Bench-Admin-2026", DEMO_SCALE=os.environ.get("DEMO_SCALE", "2"))
from bench.common import (  # noqa: E402
    add_companies, bench_app, drop_database, ensure_database, p95, timed_gets)

COMPANIES = 4_000
NIK_BASE = 3_603_900_000_000_000  # NIKs 36039…: never a demo one
DASHBOARD = "/dasbor/"
BENCH_USER = "kadis.bench"



def build(app, seekers, vacancies, applications, today):
    from app.extensions import db
    from app.setup import initialize

    with app.app_context():
        initialize(demo=True)
        sql = lambda statement, **params: db.session.execute(db.text(statement), params)  # noqa: E731
        have = sql("SELECT count(*) FROM job_seeker WHERE nik LIKE '36039%'").scalar()
        if have >= seekers:
            return False
        started = time.perf_counter()
        add_companies(sql, COMPANIES, {
            "nib": "lpad((8000000000000 + g)::text, 13, '0')", "npwp": "'9' || lpad(g::text, 14, '0')",
            "email": "'hrd.ipk' || g || '@contoh-perusahaan.co.id'", "status": "'verified'"})
        companies = "(SELECT array_agg(id ORDER BY id) FROM company)"
        kbji = "(SELECT array_agg(code ORDER BY code) FROM kbji WHERE level = 4)"
        kecamatan = "(SELECT array_agg(code ORDER BY code) FROM region WHERE level = 'kecamatan')"
        education = "(SELECT array_agg(ipk_code ORDER BY ipk_code) FROM education_level)"
        sections = "ARRAY['A','C','C','C','C','F','G','G','H','I','J','N','Q', NULL]"

        def pick(array, r="random()"):
            return f"({array})[1 + floor({r} * cardinality({array}))::int]"

        sql(f"""INSERT INTO job_seeker (nik, full_name, full_name_key, birth_place, birth_date, sex, kecamatan_code,
                    willing_outside_regency, willing_abroad, registered_at, status, created_at, updated_at)
                SELECT (:base + g)::text, 'Pencari IPK ' || g, 'pencari ipk ' || g, 'Tangerang',
                       date '1968-01-01' + floor(random() * 13500)::int,
                       CASE WHEN random() < 0.55 THEN 'L' ELSE 'P' END,
                       {pick(kecamatan)}, false, false, CAST(:today AS date) - floor(random() * 1095)::int, 'active',
                       now(), now()
                FROM generate_series(1, :n) g""", base=NIK_BASE, n=seekers - have, today=today)
        sql(f"""INSERT INTO ak1_card (job_seeker_id, application_type, status, number, issued_at, valid_until,
                    placed_at, removed_at, removal_reason, expired_at, ipk_from, ipk_registration, ipk_sex,
                    ipk_birth_date, ipk_education_code, ipk_kbji_code, ipk_kbli_section, ipk_kecamatan_code,
                    created_at, updated_at)
                SELECT id, 'baru',
                       CASE WHEN r < 0.33 AND d + gap <= :today THEN 'placed'
                            WHEN r < 0.43 AND d + gap <= :today THEN 'removed'
                            WHEN d + 730 < :today THEN 'expired' ELSE 'issued' END,
                       'B-' || id, d, d + 730,
                       CASE WHEN r < 0.33 AND d + gap <= :today THEN d + gap END,
                       CASE WHEN r >= 0.33 AND r < 0.43 AND d + gap <= :today THEN d + gap END,
                       CASE WHEN r >= 0.33 AND r < 0.43 AND d + gap <= :today THEN 'tidak_lapor' END,
                       CASE WHEN NOT (r < 0.43 AND d + gap <= :today) AND d + 730 < :today THEN d + 730 END,
                       d, true, sex, birth_date, {pick(education)}, {pick(kbji)}, {pick(sections)},
                       kecamatan_code, now(), now()
                FROM (SELECT id, sex, birth_date, kecamatan_code, registered_at AS d, random() AS r,
                             floor(random() * 400)::int AS gap
                      FROM job_seeker WHERE nik LIKE '36039%'
                        AND NOT EXISTS (SELECT 1 FROM ak1_card c WHERE c.job_seeker_id = job_seeker.id)) s""",
            today=today)
        sql("""INSERT INTO placement (job_seeker_id, ak1_card_id, employer_name, employer_type_code, position,
                   kbji_code, placed_on, placement_type, sex, birth_date, education_ipk_code, recorded_by,
                   created_at, updated_at)
               SELECT c.job_seeker_id, c.id, 'PT Penerima', CASE WHEN random() < 0.85 THEN 'PRIVATE' ELSE 'OTHER' END,
                      'Operator', c.ipk_kbji_code, c.placed_at,
                      CASE WHEN random() < 0.8 THEN 'AKL' WHEN random() < 0.9 THEN 'AKAD' ELSE 'AKAN' END,
                      c.ipk_sex, c.ipk_birth_date, c.ipk_education_code, 'petugas', now(), now()
               FROM ak1_card c WHERE c.status = 'placed' AND c.id % 2 = 0
                 AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.ak1_card_id = c.id)""")
        have_vacancies = sql("SELECT count(*) FROM vacancy").scalar()
        sql(f"""INSERT INTO vacancy (company_id, title, kbji_code, slots_male, slots_female, slots_any, valid_from,
                    valid_until, education_ipk_code, experience_years, work_kecamatan_code, work_type,
                    disability_friendly, recorded_by_office, status, submitted_at, published_at, closed_at,
                    ipk_kbli_section, created_at, updated_at)
                SELECT {pick(companies)}, 'Lowongan IPK ' || g, {pick(kbji)},
                       CASE WHEN x < 0.05 THEN slots ELSE 0 END, CASE WHEN x >= 0.05 AND x < 0.15 THEN slots ELSE 0 END,
                       CASE WHEN x >= 0.15 THEN slots ELSE 0 END, p::date, p::date + 60, {pick(education)}, 0,
                       {pick(kecamatan)}, 'penuh_waktu', false, false,
                       CASE WHEN p::date + 60 < :today THEN 'expired' ELSE 'published' END,
                       p - interval '1 day', p, CASE WHEN p::date + 60 < :today THEN p + interval '60 days' END,
                       {pick(sections)}, now(), now()
                FROM (SELECT g, random() AS x, 1 + floor(random() * 5)::int AS slots,
                             (CAST(:today AS date) - floor(random() * 730)::int)::timestamptz + interval '3 hours' AS p
                      FROM generate_series(1, :n) g) v""",
            n=max(vacancies - have_vacancies, 0), today=today)
        sql("""INSERT INTO vacancy_slot_event (vacancy_id, company_id, kind, slot_sex, count, on_date, recorded_at)
               SELECT id, company_id, 'filled', CASE WHEN slots_male > 0 THEN 'L' WHEN slots_female > 0 THEN 'P'
                      ELSE 'X' END, filled, LEAST(valid_from + floor(random() * 55)::int, :today), now()
               FROM (SELECT *, floor(random() * (slots_male + slots_female + slots_any + 1))::int AS filled
                     FROM vacancy WHERE title LIKE 'Lowongan IPK %'
                       AND NOT EXISTS (SELECT 1 FROM vacancy_slot_event e WHERE e.vacancy_id = vacancy.id)) v
               WHERE filled > 0""", today=today)
        sql("""INSERT INTO vacancy_slot_event (vacancy_id, company_id, kind, slot_sex, count, on_date,
                   removal_reason, recorded_at)
               SELECT v.id, v.company_id, 'removed', CASE WHEN slots_male > 0 THEN 'L' WHEN slots_female > 0 THEN 'P'
                      ELSE 'X' END, v.slots_male + v.slots_female + v.slots_any - coalesce(f.n, 0), v.valid_until,
                      'kedaluwarsa', now()
               FROM vacancy v LEFT JOIN (SELECT vacancy_id, sum(count) AS n FROM vacancy_slot_event
                                         WHERE kind = 'filled' GROUP BY vacancy_id) f ON f.vacancy_id = v.id
               WHERE v.status = 'expired' AND v.title LIKE 'Lowongan IPK %'
                 AND v.slots_male + v.slots_female + v.slots_any > coalesce(f.n, 0)
                 AND NOT EXISTS (SELECT 1 FROM vacancy_slot_event e
                                 WHERE e.vacancy_id = v.id AND e.kind = 'removed')""")
        sql("""INSERT INTO application (vacancy_id, company_id, job_seeker_id, ak1_card_id, source, status,
                   applied_at, created_at, updated_at)
               SELECT v.id, v.company_id, c.job_seeker_id, c.id, 'portal', 'new',
                      coalesce(v.published_at, v.submitted_at) + interval '2 days',
                      now(), now()
               FROM generate_series(1, :n) g
               JOIN vacancy v ON v.id = (SELECT max(id) FROM vacancy) - (g::bigint * 7919) % :vacancies
               JOIN ak1_card c ON c.id = (SELECT max(id) FROM ak1_card) - (g::bigint * 104729) % :seekers
               ON CONFLICT DO NOTHING""", n=applications, vacancies=vacancies, seekers=seekers)
        db.session.commit()
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        return True


def _generate(month_value, queue):
    """In a child process: the whole set once; its wall time and the process's peak RSS."""
    app = bench_app()
    with app.app_context():
        from app.reporting.ipk.documents import ipk_files
        from app.reporting.tables import Month

        began = time.perf_counter()
        files = ipk_files(Month.parse(month_value))
        seconds = time.perf_counter() - began
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               [(name, len(content)) for name, _mimetype, content in files]))


def ipk_benchmark(month_value, runs=3):
    results = []
    for _ in range(runs):
        queue = multiprocessing.get_context("fork").Queue()
        child = multiprocessing.get_context("fork").Process(target=_generate, args=(month_value, queue))
        child.start()
        results.append(queue.get())
        child.join()
    return results


def dashboard_benchmark(app, rounds):
    from app.extensions import db
    from seed.demo import DEMO_PASSWORD

    with app.app_context():
        sm = app.appbuilder.sm
        if sm.find_user(username=BENCH_USER) is None:
            sm.add_user(BENCH_USER, "Kepala", "Dinas", "kadis.bench@contoh.id", sm.find_role("Kepala Dinas"),
                        DEMO_PASSWORD)
            db.session.commit()
    client = app.test_client()
    client.post("/login/", data={"username": BENCH_USER, "password": DEMO_PASSWORD})
    return timed_gets(client, DASHBOARD, rounds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=500_000)
    parser.add_argument("--vacancies", type=int, default=150_000)
    parser.add_argument("--applications", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    if args.fresh:
        drop_database(URL)
    ensure_database(URL)
    today = date.today()
    app = bench_app()
    build(app, args.seekers, args.vacancies, args.applications, today)
    with app.app_context():
        from app.extensions import db

        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # what autovacuum does within minutes of a bulk load or a migration: statistics, and the visibility
            # map that lets PostgreSQL answer from an index alone
            conn.exec_driver_sql("VACUUM ANALYZE")
    last = today.replace(day=1) - timedelta(days=1)
    month_value = f"{last.year}-{last.month:02d}"
    runs = ipk_benchmark(month_value)
    dashboard = dashboard_benchmark(app, args.rounds)
    seconds = [r[0] for r in runs]
    peak = max(r[1] for r in runs)
    lines = [f"\n## IPK set and dashboard (issue 11) — {date.today()} on {platform.node()} "
             f"({os.cpu_count()} CPU), PostgreSQL",
             f"{args.seekers:,} seekers, {args.vacancies:,} vacancies, {args.applications:,} applications; "
             f"month {month_value}.", "",
             "| measure | value | target |", "|---|---|---|",
             f"| IPK set (PDF + XLSX), median of {len(runs)} | {statistics.median(seconds):.2f} s | ≤ 10 s |",
             f"| IPK set, peak RSS of the process | {peak:.0f} MB | ≤ 300 MB |",
             f"| dashboard p50 / p95 ({args.rounds} requests) | {statistics.median(dashboard):.0f} / "
             f"{p95(dashboard):.0f} ms | ≤ 300 ms p95 |",
             "", "Files: " + ", ".join(f"{name} ({size:,} bytes)" for name, size in runs[-1][2])]
    print("\n".join(lines))
    with open(ROOT / "bench" / "RESULTS.md", "a") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
