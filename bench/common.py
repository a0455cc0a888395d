"""Helpers shared by the benchmarks."""
import statistics
from contextlib import contextmanager

from sqlalchemy import create_engine, text


def ensure_database(url):
    """Create the benchmark database on first use (PostgreSQL)."""
    with _server(url) as (conn, name):
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))


def drop_database(url):
    with _server(url) as (conn, name):
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def _server(url):
    """A connection to the server's maintenance database, outside any transaction, and the name in `url`."""
    base, _, name = url.rpartition("/")
    engine = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn, name
    finally:
        engine.dispose()


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def analyze(db):
    """Planner statistics for the rows just bulk-loaded: without them PostgreSQL plans from guesses, and the
    figures would not be those of a live database (autovacuum analyzes it within minutes)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def bench_app():
    """The app as the benchmarks drive it through the test client: no rate limit, CSRF or mail."""
    from app import create_app

    return create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False,
                       "MAIL_ENABLED": False})


def add_companies(sql, wanted, fresh):
    """Copies of the first company until there are `wanted`; `fresh`: column -> SQL of the copy's own value
    (unique ones such as NIB and NPWP, from the series number `g`)."""
    have = sql("SELECT count(*) FROM company").scalar()
    if have >= wanted:
        return
    columns = [c for c in sql("SELECT * FROM company LIMIT 0").keys() if c != "id"]
    values = ", ".join(fresh.get(name, f"c.{name}") for name in columns)
    sql(f"INSERT INTO company ({', '.join(columns)}) SELECT {values} FROM generate_series(1, :n) g "
        f"JOIN company c ON c.id = (SELECT min(id) FROM company)", n=wanted - have)


def timed_gets(client, url, rounds):
    """Milliseconds of `rounds` GETs of `url` after one that warms the caches; each must answer 200."""
    import time

    samples = []
    for i in range(rounds + 1):
        began = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if i:
            samples.append((time.perf_counter() - began) * 1000)
    return samples
