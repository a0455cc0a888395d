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
