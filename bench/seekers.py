"""Benchmark of issue 3 at the regency's volume: 200,000 job seekers on PostgreSQL.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dnaker_bench python bench/seekers.py

Builds the database once (migrations, reference data, demo data at scale 1000: 200,000 job seekers, most with
an AK-1 card), then measures, in this process, the server time of the seeker list searched by NIK and by name
(as an officer, through the whole Flask stack), the time to render one card PDF, and the time and peak memory
of 1,000 cards in one PDF (in a child process, so its peak is its own). Prints the figures and appends them to
bench/RESULTS.md."""
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench")
SCALE = int(os.environ.get("BENCH_SCALE", "1000"))
from bench.common import analyze, ensure_database, p95  # noqa: E402

os.environ.update(DATABASE_URL=URL, INSTANCE_DIR=os.environ.get("INSTANCE_DIR", "/tmp/dnaker-bench"),
                  ADMIN_PASSWORD="Bench-Admin-2026", DEMO_SCALE=str(SCALE))


def build(app):
    from app.extensions import db
    from app.seekers.models import JobSeeker
    from app.setup import initialize

    with app.app_context():
        initialize(demo=True)
        db.session.commit()
        analyze(db)
        return db.session.query(JobSeeker).count()


def time_requests(client, urls):
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def search_benchmarks(app):
    from app.extensions import db
    from app.seekers.models import JobSeeker
    from seed.demo import DEMO_PASSWORD

    client = app.test_client()
    client.post("/login/", data={"username": "petugas.ak", "password": DEMO_PASSWORD})
    with app.app_context():
        rng = random.Random(1)
        ids = rng.sample(range(1, db.session.query(db.func.max(JobSeeker.id)).scalar()), 100)
        people = db.session.query(JobSeeker.nik, JobSeeker.full_name).filter(JobSeeker.id.in_(ids)).all()
    by_nik = [f"/jobseekerview/list/?_flt_3_nik={nik}" for nik, _ in people]
    by_name = [f"/jobseekerview/list/?_flt_2_full_name={name.split()[-1]}" for _, name in people]
    time_requests(client, by_nik[:5] + by_name[:5])  # warm caches
    return time_requests(client, by_nik), time_requests(client, by_name)


def card_benchmarks(app):
    from app.extensions import db
    from app.seekers.models import Ak1Card
    from reports.ak1_card import render_card

    with app.app_context():
        card = db.session.query(Ak1Card).filter(Ak1Card.number.isnot(None)).first()
        render_card(card)
        samples = []
        for _ in range(30):
            start = time.perf_counter()
            render_card(card)
            samples.append((time.perf_counter() - start) * 1000)
    child = subprocess.run([sys.executable, __file__, "--thousand-cards"], capture_output=True, text=True,
                           check=True, env=os.environ)
    seconds, peak_mb = map(float, child.stdout.split()[-2:])
    return samples, seconds, peak_mb


def thousand_cards():
    """Child process: 1,000 cards in one PDF; prints seconds and peak RSS in MB."""
    from app import create_app
    from app.extensions import db
    from app.seekers.models import Ak1Card
    from reports.ak1_card import render_cards

    app = create_app()
    with app.app_context():
        ids = [i for (i,) in db.session.query(Ak1Card.id).filter(Ak1Card.number.isnot(None)).limit(1000)]
        start = time.perf_counter()
        with open(os.devnull, "wb") as out:
            render_cards((db.session.get(Ak1Card, i) for i in ids), out)
        seconds = time.perf_counter() - start
    print(f"{seconds:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def main():
    from app import create_app

    ensure_database(URL)
    app = create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    started = time.perf_counter()
    seekers = build(app)
    built = time.perf_counter() - started
    nik, name = search_benchmarks(app)
    one_card, thousand_seconds, peak_mb = card_benchmarks(app)
    lines = [
        f"## {date.today()} — {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})",
        f"- database: PostgreSQL, {seekers:,} job seekers (set-up {built:.0f} s)",
        f"- seeker list searched by NIK: p95 {p95(nik):.1f} ms, median {statistics.median(nik):.1f} ms "
        f"(target < 100 ms)",
        f"- seeker list searched by name: p95 {p95(name):.1f} ms, median {statistics.median(name):.1f} ms "
        f"(target < 100 ms)",
        f"- one AK-1 card PDF: p95 {p95(one_card):.1f} ms (target < 50 ms)",
        f"- 1,000 cards in one PDF: {thousand_seconds:.1f} s, peak memory {peak_mb:.0f} MB "
        f"(targets < 20 s, < 300 MB)",
    ]
    print("\n".join(lines))
    with open(ROOT / "bench" / "RESULTS.md", "a") as results:
        results.write("\n".join(lines) + "\n\n")


if __name__ == "__main__":
    thousand_cards() if "--thousand-cards" in sys.argv else main()
