"""Benchmark of issue 4 on PostgreSQL: the PKWT register at 1,000,000 contracts filtered by company and by an
end-date range (server time through the whole Flask stack, as an officer), one registration letter with
100 workers, and a 5,000-row batch validated and stored.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_bench_pkwt python bench/pkwt.py

Appends its figures to bench/RESULTS.md."""
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench_pkwt")
CONTRACTS = int(os.environ.get("BENCH_CONTRACTS", "1000000"))
os.environ.update(DATABASE_URL=URL, INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench-pkwt"),
                  ADMIN_PASSWORD="Bench-Admin-2026", DEMO_SCALE="100")

from bench.common import analyze, ensure_database, p95  # noqa: E402


def build(app):
    from app.companies.models import Company
    from app.contracts.models import PkwtContract
    from app.extensions import db
    from app.setup import initialize
    from seed.demo_contracts import generate_contracts

    with app.app_context():
        initialize(demo=True)
        have = db.session.query(PkwtContract).count()
        if have < CONTRACTS:
            companies = [c for (c,) in db.session.query(Company.id).filter_by(status="verified")]
            generate_contracts(CONTRACTS - have, companies, seed=have + 1)
        db.session.commit()
        analyze(db)
        return db.session.query(PkwtContract).count()


def register_benchmark(app):
    from app.contracts.models import PkwtSubmission
    from app.extensions import db
    from seed.demo import DEMO_PASSWORD

    client = app.test_client()
    client.post("/login/", data={"username": "petugas.hi", "password": DEMO_PASSWORD})
    with app.app_context():
        companies = [c for (c,) in db.session.query(PkwtSubmission.company_id).distinct().limit(200)]
    rng, today, urls = random.Random(2), date.today(), []
    for _ in range(60):
        start = today + timedelta(days=rng.randint(-400, 300))
        urls.append(f"/pkwtcontractview/list/?_flt_0_company_id={rng.choice(companies)}"
                    f"&_flt_1_end_date={start}&_flt_2_end_date={start + timedelta(days=30)}")
    samples = []
    for i, url in enumerate(urls):
        began = time.perf_counter()
        response = client.get(url)
        if i >= 10:  # the first ones warm the caches
            samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, url
    return samples


def letter_benchmark(app):
    """A letter for 100 workers (demo submissions hold ten): built in memory, never stored."""
    from app.contracts.models import PkwtContract, PkwtSubmission
    from app.extensions import db
    from reports.pkwt_letter import render_letter_bytes

    with app.app_context():
        sample = db.session.query(PkwtSubmission).filter_by(status="approved").first()
        columns = [c.key for c in PkwtContract.__table__.columns if c.key not in ("id", "submission_id")]
        workers = [PkwtContract(**{k: getattr(c, k) for k in columns})
                   for c in db.session.query(PkwtContract).limit(100)]
        submission = PkwtSubmission(id=sample.id, company=sample.company, status="approved", number=sample.number,
                                    registered_at=sample.registered_at, signed_by_name=sample.signed_by_name,
                                    signed_by_nip=sample.signed_by_nip, contracts=workers)
        workers = len(submission.contracts)
        render_letter_bytes(submission)
        samples = []
        for _ in range(10):
            began = time.perf_counter()
            render_letter_bytes(submission)
            samples.append((time.perf_counter() - began) * 1000)
    return workers, samples


def batch_benchmark(app):
    from openpyxl import Workbook

    from app.contracts.batch import store_batch
    from app.extensions import db
    from app.security.models import AppUser

    with app.app_context():
        company_id = db.session.query(AppUser.company_id).filter_by(username="operator").scalar()
        data = _batch_file(Workbook, 5000)
        began = time.perf_counter()
        submission = store_batch(company_id, data)
        db.session.commit()
        return len(submission.contracts), time.perf_counter() - began


def _batch_file(workbook_class, rows):
    from app.contracts.batch import template_xlsx  # noqa: F401  (the columns the template declares)
    from openpyxl import load_workbook

    template = load_workbook(BytesIO(template_xlsx()))
    sheet = template.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    today, rng = date.today(), random.Random(time.time())
    for i in range(rows):
        sex = rng.choice("LP")
        birth = date(1990, 1, 1) + timedelta(days=rng.randint(0, 3000))
        day = birth.day + (40 if sex == "P" else 0)
        values = {"NIK": f"360302{day:02d}{birth:%m%y}{rng.randint(0, 9999):04d}", "Nama pekerja": f"Pekerja {i}",
                  "Jenis kelamin": sex, "Tanggal lahir": birth, "Alamat": "Jl. Raya Serang", "Kewarganegaraan": "ID",
                  "Jabatan": "Operator", "Tempat kerja": "Cikupa", "Upah per bulan": 6_000_000,
                  "Cara pembayaran upah": "bulanan", "Jenis PKWT": "jangka_waktu", "Tanggal mulai": today,
                  "Tanggal berakhir": today + timedelta(days=180), "Tanggal ditandatangani": today}
        sheet.append([_value_for(header, values) for header in headers])
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def _value_for(header, values):
    for key, value in values.items():
        if header and header.lower().startswith(key.lower()):
            return value
    return None


def main():
    from app import create_app

    ensure_database(URL)
    app = create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    began = time.perf_counter()
    contracts = build(app)
    built = time.perf_counter() - began
    register = register_benchmark(app)
    workers, letter = letter_benchmark(app)
    stored, batch_seconds = batch_benchmark(app)
    lines = [
        f"## {date.today()} — {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}): PKWT",
        f"- database: PostgreSQL, {contracts:,} PKWT contracts (set-up {built:.0f} s)",
        f"- register filtered by company and a 30-day end-date range: p95 {p95(register):.1f} ms, "
        f"median {statistics.median(register):.1f} ms (target < 150 ms)",
        f"- registration letter with {workers} workers: p95 {p95(letter):.1f} ms (target < 200 ms for 100)",
        f"- batch of {stored:,} rows validated and stored: {batch_seconds:.1f} s (target < 30 s for 5,000)",
    ]
    print("\n".join(lines))
    with open(ROOT / "bench" / "RESULTS.md", "a") as results:
        results.write("\n".join(lines) + "\n\n")


if __name__ == "__main__":
    main()
