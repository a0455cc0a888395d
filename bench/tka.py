"""Benchmark of issue 12: the foreign-worker register at 20,000 workers and 100,000 events on PostgreSQL, listed
filtered by company and by an expiry window (KITAS/KITAP ending in the next 60 days), through the whole Flask
stack (the test client), as the Petugas TKA officer and as a company's operator: p50/p95 over `--rounds`
requests (target ≤ 100 ms p95).

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_bench_tka python bench/tka.py [--fresh]

Builds its database once: migrations, reference data, the small demo, 400 more companies, then in SQL
(generate_series) the workers spread over the companies (nationalities, KBJI, RPTKA and KITAS dates around today,
a sixth departed), one or two kecamatan each, an arrival event each and the rest of the events (extensions,
transfers, departures) up to `--events`. ANALYZE (as autovacuum would soon after). Then the DKPTKA validation
receipt (reports/dkptka_receipt.py render_receipt_bytes) of one validated payment of the demo operator's company,
drawn `--receipts` times after `--warmup` renders (target ≤ 100 ms). Appends to bench/RESULTS.md."""
import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench_tka")
os.environ.update(DATABASE_URL=URL, INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench-tka"),
                  ADMIN_PASSWORD="Bench-Admin-2026", DEMO_SCALE=os.environ.get("DEMO_SCALE", "2"))
from bench.common import (  # noqa: E402
    add_companies, analyze, bench_app, drop_database, ensure_database, p95, timed_gets)

COMPANIES = 400
NATIONALITIES = "ARRAY['CN','CN','CN','CN','JP','JP','KR','KR','IN','MY','SG','TW','US','GB','DE','AU','PH','VN']"



def build(app, workers, events, today):
    from app.extensions import db
    from app.setup import initialize

    with app.app_context():
        initialize(demo=True)
        sql = lambda statement, **params: db.session.execute(db.text(statement), params)  # noqa: E731
        have = sql("SELECT count(*) FROM foreign_worker WHERE full_name LIKE 'Bench TKA %'").scalar()
        if have >= workers:
            return False
        started = time.perf_counter()
        add_companies(sql, COMPANIES, {
            "nib": "lpad((7000000000000 + g)::text, 13, '0')", "npwp": "'8' || lpad(g::text, 14, '0')",
            "name": "'PT Bench TKA ' || g", "email": "'hrd.tka' || g || '@contoh-perusahaan.co.id'",
            "status": "'verified'"})
        companies = "(SELECT array_agg(id ORDER BY id) FROM company)"
        kbji = "(SELECT array_agg(code ORDER BY code) FROM kbji WHERE level = 4)"
        kecamatan = "(SELECT array_agg(code ORDER BY code) FROM region WHERE level = 'kecamatan')"

        def pick(array, r="random()"):
            return f"({array})[1 + floor({r} * cardinality({array}))::int]"

        sql(f"""INSERT INTO foreign_worker (company_id, full_name, sex, birth_date, nationality, passport_number,
                    passport_expires_on, position, kbji_code, rptka_number, rptka_start, rptka_end, permit_kind,
                    permit_number, permit_expires_on, counterpart_name, status, arrived_on, departed_on,
                    created_at, updated_at)
                SELECT {pick(companies)}, 'Bench TKA ' || g, CASE WHEN random() < 0.8 THEN 'L' ELSE 'P' END,
                       date '1965-01-01' + floor(random() * 12000)::int, {pick(NATIONALITIES)},
                       'BT' || lpad(g::text, 7, '0'), CAST(:today AS date) + floor(random() * 2000)::int,
                       'Tenaga ahli', {pick(kbji)}, 'B.3/' || g || '/PK/2026', s, s + 365 + floor(random() * 365)::int,
                       'kitas', '2C' || g, s + 365, 'Pendamping ' || g,
                       CASE WHEN random() < 0.17 THEN 'departed' ELSE 'present' END, s + 10, NULL, now(), now()
                FROM (SELECT g, CAST(:today AS date) - floor(random() * 700)::int AS s
                      FROM generate_series(1, :n) g) w""", n=workers - have, today=today)
        sql("UPDATE foreign_worker SET departed_on = LEAST(arrived_on + 200, CAST(:today AS date)) "
            "WHERE status = 'departed' AND departed_on IS NULL", today=today)
        sql(f"""INSERT INTO foreign_worker_location (worker_id, company_id, kecamatan_code, province_code,
                    regency_code, regency_name)
                SELECT id, company_id, {pick(kecamatan)}, '36', '36.03', 'Kabupaten Tangerang'
                FROM foreign_worker w WHERE full_name LIKE 'Bench TKA %'
                  AND NOT EXISTS (SELECT 1 FROM foreign_worker_location l WHERE l.worker_id = w.id)""")
        sql(f"""INSERT INTO foreign_worker_location (worker_id, company_id, kecamatan_code, province_code,
                    regency_code, regency_name)
                SELECT id, company_id, {pick(kecamatan)}, '36', '36.03', 'Kabupaten Tangerang'
                FROM foreign_worker WHERE full_name LIKE 'Bench TKA %' AND id % 5 = 0""")
        sql("""INSERT INTO foreign_worker_event (worker_id, company_id, kind, occurred_on, recorded_at)
               SELECT id, company_id, 'arrival', arrived_on, now() FROM foreign_worker
               WHERE full_name LIKE 'Bench TKA %'""")
        sql("""INSERT INTO foreign_worker_event (worker_id, company_id, kind, occurred_on, recorded_at)
               SELECT id, company_id, 'departure', departed_on, now() FROM foreign_worker
               WHERE full_name LIKE 'Bench TKA %' AND departed_on IS NOT NULL""")
        have_events = sql("SELECT count(*) FROM foreign_worker_event").scalar()
        sql("""INSERT INTO foreign_worker_event (worker_id, company_id, kind, occurred_on, locations, recorded_at)
               SELECT w.id, w.company_id, CASE WHEN g % 3 = 0 THEN 'extension' ELSE 'transfer' END,
                      LEAST(w.arrived_on + floor(random() * 300)::int, CAST(:today AS date)),
                      CASE WHEN g % 3 <> 0 THEN 'Kec. Cikupa, Kabupaten Tangerang' END, now()
               FROM generate_series(1, :n) g
               JOIN foreign_worker w ON w.id = (SELECT max(id) FROM foreign_worker) - (g::bigint * 7919) % :workers""",
            n=max(events - have_events, 0), workers=workers, today=today)
        db.session.commit()
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        return True


RECEIPT_BILLING = "BENCH-RECEIPT"


def receipt_payment(app, today) -> int:
    """A validated DKPTKA payment (the demo operator's company's when it has a worker inside the regency),
    numbered and signed as validation leaves it (made once: the billing code finds it again)."""
    from decimal import Decimal

    from app.core.models import utcnow
    from app.extensions import db
    from app.foreign_workers import regions
    from app.foreign_workers.models import ForeignWorker, ForeignWorkerLocation
    from app.foreign_workers.payments import DkptkaPayment
    from app.security.models import AppUser

    with app.app_context():
        found = db.session.query(DkptkaPayment.id).filter_by(billing_code=RECEIPT_BILLING).scalar()
        if found:
            return found
        operator_company = db.session.query(AppUser.company_id).filter_by(username="operator").scalar()
        worker = (db.session.query(ForeignWorker)  # the operator's own if it has one inside the regency
                  .filter(~ForeignWorker.locations.any(ForeignWorkerLocation.regency_code != regions.REGENCY))
                  .filter(ForeignWorker.locations.any())
                  .order_by(ForeignWorker.company_id != operator_company, ForeignWorker.id).first())
        company_id = worker.company_id
        now = utcnow()
        payment = DkptkaPayment(
            company_id=company_id, worker_id=worker.id, rptka_number="B.3/99/PK.04/2027", rptka_start=today,
            rptka_end=today.replace(year=today.year + 1), months=12, positions=1, usd_amount=1200,
            exchange_rate=Decimal("16250.5000"), rate_date=today, idr_amount=19_500_600,
            billing_code=RECEIPT_BILLING, bank_reference="BJB-BENCH-0001",
            work_locations="; ".join(str(location) for location in worker.locations), status="validated",
            submitted_at=now, received_at=now, validated_at=now, number=f"DKPTKA/9999/{today.year}",
            serial_year=today.year, serial=9999, signed_by_name="Drs. Hendra Wijaksana, M.Si.",
            signed_by_rank="Pembina Utama Muda (IV/c)", signed_by_nip="197205141998031005")
        db.session.add(payment)
        db.session.commit()
        return payment.id


def measure_receipt(app, payment_id, renders, warmup) -> tuple[list[float], int]:
    """Milliseconds of each render of the receipt (in an app context, as the receipt route draws it), after
    `warmup` renders that fill the caches (fonts, profile); and the PDF's size in bytes."""
    from app.extensions import db
    from app.foreign_workers.payments import DkptkaPayment
    from reports.dkptka_receipt import render_receipt_bytes

    with app.test_request_context("/"):
        payment = db.session.get(DkptkaPayment, payment_id)
        for _ in range(warmup):
            render_receipt_bytes(payment)
        samples = []
        for _ in range(renders):
            began = time.perf_counter()
            content = render_receipt_bytes(payment)
            samples.append((time.perf_counter() - began) * 1000)
    return samples, len(content)


def _client(app, username):
    from seed.demo import DEMO_PASSWORD

    client = app.test_client()
    response = client.post("/login/", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and "/login" not in response.headers["Location"], username
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--receipts", type=int, default=200, help="receipt PDF renders measured")
    parser.add_argument("--warmup", type=int, default=10, help="receipt PDF renders before measuring")
    parser.add_argument("--receipt-only", action="store_true", help="measure the receipt PDF only")
    args = parser.parse_args()
    if args.fresh:
        drop_database(URL)
    ensure_database(URL)
    today = date.today()
    app = bench_app()
    build(app, args.workers, args.events, today)
    payment_id = receipt_payment(app, today)
    samples, size = measure_receipt(app, payment_id, args.receipts, args.warmup)
    heading = f"\n## DKPTKA receipt PDF (issue 12) — {today} on {platform.node()} ({os.cpu_count()} CPU), PostgreSQL"
    what = (f"`reports/dkptka_receipt.py` `render_receipt_bytes` of a validated payment ({size:,} bytes), "
            f"{args.receipts} renders after {args.warmup} warm-up renders, in one process.")
    receipt = [heading, what, "", "| measure | p50 | p95 | target |", "|---|---|---|---|",
               f"| receipt PDF | {statistics.median(samples):.1f} ms | {p95(samples):.1f} ms | ≤ 100 ms |"]
    if args.receipt_only:
        print("\n".join(receipt))
        with open(ROOT / "bench" / "RESULTS.md", "a") as out:
            out.write("\n".join(receipt) + "\n")
        return
    with app.app_context():
        from app.extensions import db
        from app.security.models import AppUser

        analyze(db)
        counts = db.session.execute(db.text(
            "SELECT (SELECT count(*) FROM foreign_worker), (SELECT count(*) FROM foreign_worker_event)")).one()
        operator_company = db.session.query(AppUser.company_id).filter_by(username="operator").scalar()
        # the company with the most workers: the largest page of the company filter
        busiest = db.session.execute(db.text(
            "SELECT company_id, count(*) FROM foreign_worker GROUP BY company_id ORDER BY 2 DESC LIMIT 1")).one()
    window = (f"_flt_1_permit_expires_on={(today - timedelta(days=1)).isoformat()}"
              f"&_flt_2_permit_expires_on={(today + timedelta(days=61)).isoformat()}")
    officer, operator = _client(app, "petugas.tka"), _client(app, "operator")
    cases = [
        ("officer, by company", officer, f"/foreignworkerview/list/?_flt_0_company_id={busiest[0]}"),
        ("officer, KITAS/KITAP ending in 60 days", officer, f"/foreignworkerview/list/?{window}"),
        ("officer, by company and window", officer,
         f"/foreignworkerview/list/?_flt_0_company_id={busiest[0]}&{window}"),
        ("operator (own company), window", operator, f"/foreignworkerview/list/?{window}"),
    ]
    rows = []
    for label, client, url in cases:
        samples = timed_gets(client, url, args.rounds)
        rows.append(f"| {label} | {statistics.median(samples):.1f} ms | {p95(samples):.1f} ms | ≤ 100 ms |")
    with app.app_context():
        from app.foreign_workers.recap import tka_report
        from app.foreign_workers.reminders import send_tka_reminders
        from app.reporting.tables import Month

        began = time.perf_counter()
        report = tka_report(Month(today.year, today.month), today)
        recap_ms = (time.perf_counter() - began) * 1000
        timings = []
        for _ in range(2):  # the first run notifies, the second finds every key already there
            began = time.perf_counter()
            sent = send_tka_reminders(today)
            timings.append(((time.perf_counter() - began) * 1000, sum(v for k, v in sent.items() if k != "skipped")))
    others = [f"| recap data, this month as of today (5 tables; {report.summary[0].split(': ')[1]}) | "
              f"{recap_ms:.0f} ms |",
              f"| daily reminders, first run ({timings[0][1]:,} notifications) | {timings[0][0]:,.0f} ms |",
              f"| daily reminders, re-run the same day ({timings[1][1]} new) | {timings[1][0]:,.0f} ms |"]
    lines = [f"\n## TKA register (issue 12) — {today} on {platform.node()} ({os.cpu_count()} CPU), PostgreSQL",
             f"{counts[0]:,} foreign workers, {counts[1]:,} events; company filter on the busiest company "
             f"({busiest[1]} workers; the operator's company is {operator_company}); {args.rounds} requests "
             "each through the Flask test client.", "",
             "| list | p50 | p95 | target |", "|---|---|---|---|", *rows, "",
             "| other measure (one run) | time |", "|---|---|", *others, "", receipt[1], *receipt[2:]]
    print("\n".join(lines))
    with open(ROOT / "bench" / "RESULTS.md", "a") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
