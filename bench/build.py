"""Build the issue-9 benchmark database: the regency's five-year volume on PostgreSQL, then ANALYZE.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_bench python bench/build.py [--scale 1] [--fresh]

At --scale 1: 500,000 job seekers (about 70 % with an AK-1 card), 40,000 companies and 1,000,000 PKWT contracts.
Idempotent: a database already at the volume is only migrated and analyzed, so bench/lists.py runs it first.
A database built at a smaller scale is refused (the seed adds people only to an empty one): --fresh drops it.
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
    from app.seekers.models import JobSeeker
    from app.setup import initialize
    from bench.common import analyze
    from seed.demo_contracts import generate_contracts

    with app.app_context():
        initialize(demo=True)
        seekers = db.session.query(JobSeeker).count()
        if seekers < round(SEEKERS * scale) * 0.99:  # the seed adds people only to an empty database
            raise SystemExit(f"{URL} holds {seekers:,} job seekers (built at a smaller scale): add --fresh")
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


def prepare(scale, fresh=False):
    """The app on a benchmark database built at `scale` (dropped first when `fresh`); returns (app, seconds)."""
    configure(scale)
    from bench.common import drop_database, ensure_database

    if fresh:
        drop_database(URL)
    ensure_database(URL)
    began = time.perf_counter()
    app = bench_app()
    build(app, scale)
    seconds = time.perf_counter() - began
    print(f"built {URL} at scale {scale} in {seconds:.0f} s", file=sys.stderr)
    return app, seconds


def arguments(parser):
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 500k seekers, 40k companies, 1M PKWT")
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database and build it anew")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments(parser)
    args = parser.parse_args()
    prepare(args.scale, args.fresh)


if __name__ == "__main__":
    main()
