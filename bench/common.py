"""Helpers shared by the benchmarks."""
import statistics

from sqlalchemy import create_engine, text


def ensure_database(url):
    """Create the benchmark database on first use (PostgreSQL)."""
    base, _, name = url.rpartition("/")
    engine = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]
