"""Background jobs: in-process without Redis, a real `rq worker` with it (TEST_REDIS_URL), progress and status
for the user who started the job only, and the `rq cron` configuration."""
import logging
import os
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import g

from tests.conftest import ADMIN_PASSWORD, DATABASE_URL, unique

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")


def enqueue_as(app, username, task, *args):
    """Enqueue as `username` did it from a screen: the job carries them as owner and audit actor."""
    from app.tasks import enqueue

    with app.test_request_context():
        g.user = app.appbuilder.sm.find_user(username=username)
        return enqueue(task, *args)


def unique_day():
    """A date no other test uses (collective_leave_day is keyed by date)."""
    return (date(2200, 1, 1) + timedelta(days=uuid.uuid4().int % 300_000)).isoformat()


def notification(db, key):
    from app.core.notifications import Notification

    db.session.expire_all()
    return db.session.query(Notification).filter_by(key=key).one_or_none()


@pytest.fixture()
def in_process(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)


def test_in_process_job_runs_at_once_and_reports_progress(app, db, in_process):
    from rq.job import Job

    from app.tasks import connection, job_status

    user, key = app.appbuilder.sm.find_user(username="petugas.ak"), unique("job-")
    job_id = enqueue_as(app, "petugas.ak", "tests.tasks.notify_in_steps", user.id, key, 4)

    assert notification(db, key).user_id == user.id
    status = job_status(job_id)
    assert (status["status"], status["progress"], status["result"]) == ("finished", 100, {"steps": 4})
    meta = Job.fetch(job_id, connection=connection()).meta  # what the task itself reported
    assert (meta["progress"], meta["message"], meta["user_id"]) == (100, "Langkah 4 dari 4", user.id)


def test_in_process_failure_is_logged_and_its_writes_discarded(app, db, in_process, caplog):
    from app.tasks import job_status
    from app.reference.models import CollectiveLeaveDay

    day, message = unique_day(), unique("sengaja gagal ")
    with caplog.at_level(logging.ERROR):
        job_id = enqueue_as(app, "petugas.ak", "tests.tasks.fail_after_writing", day, message)

    assert job_status(job_id)["status"] == "failed"
    [record] = [r for r in caplog.records if job_id in r.getMessage()]
    assert "tests.tasks.fail_after_writing" in record.getMessage()
    assert "Traceback" in record.getMessage() and f"RuntimeError: {message}" in record.getMessage()
    db.session.commit()  # the caller's next commit must not carry the failed task's write
    assert db.session.get(CollectiveLeaveDay, date.fromisoformat(day)) is None


def test_job_status_only_for_its_owner_and_admin(app, db, client_as, in_process):
    user = app.appbuilder.sm.find_user(username="petugas.ak")
    job_id = enqueue_as(app, "petugas.ak", "tests.tasks.notify_in_steps", user.id, unique("job-"), 2)

    owner = client_as("petugas.ak")
    response = owner.get(f"/jobs/{job_id}")
    assert response.status_code == 200
    assert response.get_json() == {"id": job_id, "status": "finished", "progress": 100, "message": "Langkah 2 dari 2",
                                   "result": {"steps": 2}}
    page = owner.get(f"/jobs/{job_id}/progress")
    assert page.status_code == 200 and "progress-bar" in page.get_data(as_text=True)
    assert client_as("admin", ADMIN_PASSWORD).get(f"/jobs/{job_id}").status_code == 200

    for other in (client_as("petugas.hi"), client_as("operator")):
        response = other.get(f"/jobs/{job_id}")
        assert response.status_code == 404 and response.get_json() == {"message": "Data atau halaman tidak ditemukan."}
        assert other.get(f"/jobs/{job_id}/progress").status_code == 404
    assert owner.get(f"/jobs/{uuid.uuid4()}").status_code == 404
    assert app.test_client().get(f"/jobs/{job_id}").status_code == 302  # to the login page


@pytest.mark.skipif(not TEST_REDIS_URL, reason="needs a real Redis: set TEST_REDIS_URL")
def test_worker_process_runs_jobs_as_the_enqueuing_user(app, db, client_as, monkeypatch):
    from app.audit.models import AuditEntry
    from app.tasks import job_status
    from app.reference.models import CollectiveLeaveDay

    queue_name = unique("test-jobs-")  # only this test's jobs, whatever else the test Redis holds
    monkeypatch.setitem(app.config, "REDIS_URL", TEST_REDIS_URL)
    monkeypatch.setitem(app.config, "RQ_QUEUE", queue_name)
    user, key, day = app.appbuilder.sm.find_user(username="petugas.hi"), unique("worker-"), unique_day()
    steps_job = enqueue_as(app, "petugas.hi", "tests.tasks.notify_in_steps", user.id, key, 3)
    audited_job = enqueue_as(app, "petugas.hi", "tests.tasks.add_leave_day", day, "Cuti bersama uji")
    assert job_status(steps_job)["status"] == "queued" and notification(db, key) is None

    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "INSTANCE_DIR": os.environ["INSTANCE_DIR"],
           "PYTHONPATH": str(REPO_ROOT)}
    env.pop("REDIS_URL", None)
    worker = subprocess.run([sys.executable, "-m", "rq.cli", "worker", "--burst", "--url", TEST_REDIS_URL,
                             queue_name], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert worker.returncode == 0, worker.stderr[-3000:]

    for job_id in (steps_job, audited_job):
        status = job_status(job_id)
        assert (status["status"], status["progress"]) == ("finished", 100), worker.stderr[-3000:]
    assert notification(db, key).user_id == user.id
    assert db.session.get(CollectiveLeaveDay, date.fromisoformat(day)).name == "Cuti bersama uji"
    [entry] = db.session.query(AuditEntry).filter_by(table_name="collective_leave_day", row_id=day).all()
    assert (entry.action, entry.username, entry.user_id, entry.ip) == ("insert", "petugas.hi", user.id, None)

    assert client_as("petugas.hi").get(f"/jobs/{steps_job}").get_json()["status"] == "finished"
    assert client_as("petugas.ak").get(f"/jobs/{steps_job}").status_code == 404


def test_cron_config_registers_every_schedule_entry(app):
    import fakeredis
    from rq.cron import CronScheduler

    from app.tasks.runner import run_task
    from app.tasks.schedule import SCHEDULE

    scheduler = CronScheduler(connection=fakeredis.FakeStrictRedis())
    scheduler.load_config_from_file("app.tasks.cron")  # what `rq cron app.tasks.cron` does

    registered = {(job.cron, job.args[0], job.queue_name, job.func) for job in scheduler._cron_jobs}
    from config import Config

    assert registered == {(cron, path, Config.RQ_QUEUE, run_task) for cron, path in SCHEDULE}
    for _, path in SCHEDULE:  # each task path resolves to a function a worker can run
        module, _, name = path.rpartition(".")
        assert callable(getattr(__import__(module, fromlist=[name]), name))
