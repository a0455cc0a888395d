"""Build the issue-9 benchmark database: the regency's five-year volume on PostgreSQL, then ANALYZE.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_bench python bench/build.py [--scale 1]

At --scale 1: 500,000 job seekers (about 70 % with an AK-1 card), 40,000 companies and 1,000,000 PKWT contracts.
Idempotent: a database already at the volume is only migrated and analyzed, so it can run before every bench.
The seed generator (seed/demo.py) makes the people and the first 4,000 companies; the other companies are copies
of those under new NIB/NPWP (list pages read names and codes, not faces), and the contracts are the seed's own
generator run further."""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench")
SEEKERS, COMPANIES, CONTRACTS = 500_000, 40_000, 1_000_000
ADMIN_PASSWORD = "Bench-Admin-2026"


def configure(scale):
    """Environment for the app of the benchmark database (before `app` is imported)."""
    os.environ.update(DATABASE_URL=URL, INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench"),
                      ADMIN_PASSWORD=ADMIN_PASSWORD,
                      DEMO_SCALE=str(max(1, round(SEEKERS * scale / 200))))  # seed: 200 seekers per unit


def bench_app():
    from app import create_app

    return create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False})


def build(app, scale):
    from app.companies.models import Company
    from app.contracts.models import PkwtContract
    from app.extensions import db
    from app.setup import initialize
    from bench.common import analyze
    from seed.demo_contracts import generate_contracts

    with app.app_context():
        initialize(demo=True)
        more_companies(db, Company, round(COMPANIES * scale))
        have = db.session.query(PkwtContract).count()
        if have < round(CONTRACTS * scale):
            companies = [c for (c,) in db.session.query(Company.id).filter_by(status="verified")]
            generate_contracts(round(CONTRACTS * scale) - have, companies, seed=have + 1)
        db.session.commit()
        analyze(db)


def more_companies(db, company, target):
    """Copies of the seeded companies (new id, NIB, NPWP and e-mail) up to `target`, in one INSERT … SELECT."""
    have = db.session.query(company).count()
    if have >= target:
        return
    fresh = {"nib": "lpad((8000000000000 + g)::text, 13, '0')", "npwp": "'9' || lpad(g::text, 14, '0')",
             "email": "'hrd.salinan' || g || '@contoh-perusahaan.co.id'"}
    columns = [c.name for c in company.__table__.columns if c.name != "id"]
    values = ", ".join(fresh.get(name, f"c.{name}") for name in columns)
    db.session.execute(db.text(
        f"INSERT INTO company ({', '.join(columns)}) SELECT {values} FROM generate_series(1, :n) g "
        f"JOIN company c ON c.id = 1 + (g % :have)"), {"n": target - have, "have": have})
    db.session.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    scale = parser.parse_args().scale
    configure(scale)
    from bench.common import ensure_database

    ensure_database(URL)
    began = time.perf_counter()
    build(bench_app(), scale)
    print(f"built {URL} at scale {scale} in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
