"""Test set-up: one real database per run (SQLite file by default; PostgreSQL when TEST_DATABASE_URL is
set, as CI does), migrated with Alembic, with roles, reference data, the demo data and the admin account.

Tests share that database: each creates the rows it needs with values of its own and never assumes a table
is empty.

The tests run on the office's clock: `date.today()` in a test is the day in Asia/Jakarta, as the app stamps it
(app.core.formatting.today_jakarta). On a UTC machine the two dates differ from 17:00 to 24:00 UTC, and a test
comparing them failed only in those hours. The app itself never reads the process's time zone."""
import os
import re
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from flask import g

os.environ["TZ"] = "Asia/Jakarta"
time.tzset()

_tmp = Path(tempfile.mkdtemp(prefix="dnaker-test-"))
os.environ.setdefault("INSTANCE_DIR", str(_tmp / "instance"))
os.environ["ADMIN_PASSWORD"] = "Admin-Test-2026"

from seed.demo import DEMO_PASSWORD  # noqa: E402
from tests.mail import free_port, start_smtp  # noqa: E402

ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]


def fresh_database_url(suffix=""):
    """An empty database for this run: TEST_DATABASE_URL's (its name + suffix) or a SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{_tmp / f'test{suffix}.db'}"
    from sqlalchemy import create_engine, text

    url += suffix
    base, _, name = url.rpartition("/")
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url


DATABASE_URL = fresh_database_url()
os.environ["DATABASE_URL"] = DATABASE_URL  # for worker processes the tests start

TEST_CONFIG = {
    "SQLALCHEMY_DATABASE_URI": DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1),
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "SESSION_COOKIE_SECURE": False,
    "SERVER_NAME": None,
    "REDIS_URL": os.environ.get("TEST_REDIS_URL"),
    "RQ_QUEUE": f"dnaker-test-{uuid.uuid4().hex[:8]}",  # this run's jobs only, whatever the Redis holds
    "UPLOAD_FOLDER": str(_tmp / "uploads"),
    "MAIL_SERVER": "127.0.0.1",
    "MAIL_PORT": int(os.environ.get("TEST_SMTP_PORT", "8025")),
}


@pytest.fixture(scope="session")
def app():
    from app import create_app
    from app.setup import initialize

    application = create_app(TEST_CONFIG)
    with application.app_context():
        initialize(demo=True)
    # Tests hold an app context around requests, so requests would share `g` (and Flask-Login's cached
    # user) with each other; in production every request has its own. Start each request afresh.
    application.before_request_funcs.setdefault(None, []).insert(0, lambda: g.__dict__.clear())
    return application


@pytest.fixture()
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture()
def db(ctx):
    from app.extensions import db as database

    yield database
    database.session.rollback()


@pytest.fixture()
def mail_config(app, monkeypatch):
    """Mail to a port of our own; jobs in-process, so e-mail queued after a request is sent at once."""
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_ENABLED", True)
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    return port


@pytest.fixture()
def smtp(mail_config):
    controller, mailbox = start_smtp(mail_config)
    yield mailbox
    controller.stop()


def login(app, username, password=DEMO_PASSWORD):
    client = app.test_client()
    response = client.post("/login/", data={"username": username, "password": password})
    assert response.status_code == 302 and "/login" not in response.headers["Location"], f"login {username} failed"
    return client


@pytest.fixture()
def client_as(app):
    return lambda username, password=DEMO_PASSWORD: login(app, username, password)


def api_token(app, username, password=DEMO_PASSWORD):
    response = app.test_client().post("/api/v1/security/login",
                                      json={"username": username, "password": password, "provider": "db"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["access_token"]


@pytest.fixture()
def api_as(app):
    """A client whose requests carry the user's JWT."""

    class ApiClient:
        def __init__(self, username, password=DEMO_PASSWORD):
            self.client = app.test_client()
            self.headers = {"Authorization": f"Bearer {api_token(app, username, password)}"}

        def __getattr__(self, method):
            return lambda url, **kw: getattr(self.client, method)(url, headers=self.headers, **kw)

    return ApiClient


def drain_jobs(app):
    """Run queued jobs: with Redis, the production worker (`python -m app.tasks.worker --burst`) on this run's
    queue and database; in-process mode has run them already."""
    import subprocess
    import sys

    url = app.config.get("REDIS_URL")
    if not url:
        return
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "UPLOAD_FOLDER": app.config["UPLOAD_FOLDER"],
           "REDIS_URL": url, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    worker = subprocess.run([sys.executable, "-m", "app.tasks.worker", "--burst", app.config["RQ_QUEUE"]],
                            env=env, capture_output=True, text=True, timeout=300)
    assert worker.returncode == 0, worker.stderr[-3000:]


def unique(prefix=""):
    return prefix + uuid.uuid4().hex[:8]


def text_of(response):
    """Page text without tags, for assertions on what a user reads."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture()
def statements(app):
    """The SQL statements sent while the test runs (a list that fills as they go)."""
    from sqlalchemy import event

    from app.extensions import db

    with app.app_context():
        engine = db.engine
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)
