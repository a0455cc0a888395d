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
                                   "result": {"steps": 2}, "stalled": None, "retry_url": None}
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


# ---- faults: a worker killed mid-job, Redis going away ----------------------------------------------------------
FAST_CHECKS = {"JOB_HEARTBEAT_SECONDS": "1", "JOB_ABANDONED_AFTER": "3", "JOB_MAINTENANCE_SECONDS": "1"}
needs_redis = pytest.mark.skipif(not TEST_REDIS_URL, reason="needs a real Redis: set TEST_REDIS_URL")


def start_process(module, redis_url, queue_name, **settings):
    """`python -m app.tasks.worker` or `app.tasks.scheduler` as production runs it, with quick fault checks."""
    env = {**os.environ, **FAST_CHECKS, **settings, "DATABASE_URL": DATABASE_URL, "PYTHONPATH": str(REPO_ROOT),
           "INSTANCE_DIR": os.environ["INSTANCE_DIR"], "REDIS_URL": redis_url, "RQ_QUEUE": queue_name}
    import tempfile

    log = tempfile.NamedTemporaryFile("w+", prefix=module.rpartition(".")[2] + "-", suffix=".log", delete=False,
                                      dir=Path(os.environ["INSTANCE_DIR"]).parent)  # this run's temporary folder
    process = subprocess.Popen([sys.executable, "-m", module], cwd=REPO_ROOT, env=env, stdout=log, stderr=log)
    process.log = Path(log.name)  # what it said, for a failing assertion
    return process


def kill_hard(process):
    """SIGKILL the worker and the work horse it forked (its child), as the kernel's OOM killer would."""
    import signal

    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    for pid in [process.pid, *map(int, children)]:
        os.kill(pid, signal.SIGKILL)
    process.wait()


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(check, timeout=30, what="condition"):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"no {what} within {timeout} s")


@pytest.fixture()
def own_queue(app, monkeypatch):
    """This test's queue on the test Redis, and settings for quick fault checks in this process too."""
    name = unique("test-faults-")
    monkeypatch.setitem(app.config, "REDIS_URL", TEST_REDIS_URL)
    monkeypatch.setitem(app.config, "RQ_QUEUE", name)
    monkeypatch.setitem(app.config, "JOB_STALLED_AFTER", 1)
    return name


@needs_redis
def test_a_job_whose_worker_is_killed_runs_again_and_finishes(app, db, own_queue, monkeypatch, tmp_path):
    from app.tasks import job_status

    monkeypatch.setitem(app.config, "JOB_RETRIES", 1)
    job_id = enqueue_as(app, "petugas.ak", "tests.tasks.pause_once", str(tmp_path / "marker"))
    first = start_process("app.tasks.worker", TEST_REDIS_URL, own_queue)
    second = None
    try:
        wait_until(lambda: job_status(job_id)["progress"] == 50, what="progress from the first worker")
        kill_hard(first)
        second = start_process("app.tasks.worker", TEST_REDIS_URL, own_queue)
        wait_until(lambda: job_status(job_id)["status"] == "finished", what="retry to finish")
    finally:
        stop(first)
        if second is not None:
            stop(second)
    assert job_status(job_id)["result"] == {"steps": 4}


@needs_redis
def test_a_job_whose_worker_died_shows_failed_and_its_starter_can_run_it_again(app, db, own_queue, monkeypatch,
                                                                                client_as, tmp_path):
    from app.tasks import job_status

    monkeypatch.setitem(app.config, "JOB_RETRIES", 0)
    job_id = enqueue_as(app, "petugas.ak", "tests.tasks.pause_once", str(tmp_path / "marker"))
    owner = client_as("petugas.ak")
    # No worker takes it (all dead): after JOB_STALLED_AFTER the page says the job is not moving.
    assert wait_until(lambda: owner.get(f"/jobs/{job_id}").get_json()["stalled"], what="queued stalled notice")
    worker = start_process("app.tasks.worker", TEST_REDIS_URL, own_queue)
    try:
        wait_until(lambda: job_status(job_id)["progress"] == 50, what="progress")
        # No progress for longer than JOB_STALLED_AFTER: the user is told since when.
        stalled = wait_until(lambda: owner.get(f"/jobs/{job_id}").get_json()["stalled"], what="stalled notice")
        assert stalled.startswith("Belum bergerak sejak ") and stalled.endswith(" WIB.")
        kill_hard(worker)
        # Found by looking at it, with no worker left alive: failed within seconds, not frozen at 50 %.
        status = wait_until(lambda: (s := owner.get(f"/jobs/{job_id}").get_json())["status"] == "failed" and s,
                            timeout=15, what="failure")
    finally:
        stop(worker)
    assert status["retry_url"] == f"/jobs/{job_id}/retry"
    assert client_as("admin", ADMIN_PASSWORD).get(f"/jobs/{job_id}").get_json()["retry_url"] is None
    assert client_as("petugas.hi").post(f"/jobs/{job_id}/retry").status_code == 404  # not theirs
    assert "Coba lagi" in owner.get(f"/jobs/{job_id}/progress").get_data(as_text=True)

    again = owner.post(f"/jobs/{job_id}/retry")
    assert again.status_code == 302
    new_id = again.headers["Location"].rstrip("/").split("/")[-2]
    assert new_id != job_id and job_status(new_id)["status"] == "queued"
    assert owner.post(f"/jobs/{new_id}/retry").status_code == 404  # only a failed job runs again
    worker = start_process("app.tasks.worker", TEST_REDIS_URL, own_queue)
    try:
        wait_until(lambda: job_status(new_id)["status"] == "finished", what="the new run to finish")
    finally:
        stop(worker)


def test_the_job_page_says_the_queue_service_is_unavailable_while_redis_is_down(app, db, client_as, monkeypatch):
    from app.seekers.models import Ak1Card
    from tests.mail import free_port

    monkeypatch.setitem(app.config, "REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens
    client = client_as("petugas.ak")
    status = client.get(f"/jobs/{uuid.uuid4()}", headers={"Accept": "application/json"})
    assert status.status_code == 503 and status.headers["Retry-After"]
    assert status.get_json()["message"] == "Layanan antrean sedang tidak tersedia. Coba lagi sebentar."
    page = client.get(f"/jobs/{uuid.uuid4()}/progress")
    assert page.status_code == 503 and "Layanan antrean sedang tidak tersedia" in page.get_data(as_text=True)
    # Starting a job meanwhile: the same answer, not a 500.
    card = db.session.query(Ak1Card).filter(Ak1Card.status == "issued").first()
    printing = client.post("/ak1cardview/action_post", data={"action": "print_cards", "rowid": [str(card.id)]})
    assert printing.status_code == 503 and printing.headers["Retry-After"]
    assert "Layanan antrean sedang tidak tersedia" in printing.get_data(as_text=True)


@pytest.fixture()
def spare_redis(tmp_path):
    """A Redis of this test's own on a spare port (never the machine's), keeping its data across a restart."""
    from tests.mail import free_port

    port = free_port()
    command = ["redis-server", "--port", str(port), "--save", "", "--appendonly", "yes", "--dir", str(tmp_path)]

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        from redis import Redis

        wait_until(lambda: _answers(Redis(port=port)), timeout=10, what="Redis to start")
        return process

    servers = [start()]
    yield f"redis://127.0.0.1:{port}/0", servers, start
    for server in servers:
        stop(server)


def _answers(connection):
    from redis.exceptions import RedisError

    try:
        return connection.ping()
    except RedisError:
        return False


@needs_redis
def test_worker_and_scheduler_ride_out_a_redis_outage(app, db, monkeypatch, spare_redis, tmp_path):
    import time

    from redis import Redis
    from rq.cron_scheduler_registry import get_keys

    from app.tasks import job_status

    url, servers, start_redis = spare_redis
    queue_name = unique("test-outage-")
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "RQ_QUEUE", queue_name)
    marker = tmp_path / "marker"
    marker.write_text("no pause")  # the job just goes through its steps
    during = enqueue_as(app, "petugas.ak", "tests.tasks.pause_once", str(marker), 20, 0.4)
    # A job silent for less than JOB_ABANDONED_AFTER is still running: the outage must not make it run twice.
    worker = start_process("app.tasks.worker", url, queue_name, JOB_ABANDONED_AFTER="30")
    scheduler = start_process("app.tasks.scheduler", url, queue_name)
    try:
        wait_until(lambda: job_status(during)["progress"] > 0, what="the job to start")
        wait_until(lambda: get_keys(Redis.from_url(url)), what="the scheduler to register")
        stop(servers.pop())  # Redis goes away mid-job …
        time.sleep(6)
        servers.append(start_redis())  # … and comes back
        wait_until(lambda: job_status(during)["status"] == "finished", timeout=60, what="the job to finish")
        after = enqueue_as(app, "petugas.ak", "tests.tasks.pause_once", str(marker), 1, 0)
        wait_until(lambda: job_status(after)["status"] == "finished", what="a later job to run")
        assert worker.poll() is None and scheduler.poll() is None  # neither quit
        wait_until(lambda: get_keys(Redis.from_url(url)), what="the scheduler to register again")
    finally:
        stop(worker)
        stop(scheduler)
    said = worker.log.read_text(), scheduler.log.read_text()
    assert worker.returncode == 0 and scheduler.returncode == 0, (said[0][-3000:], said[1][-3000:])
    assert "Redis unreachable" in said[0] and "Redis unreachable" in said[1]  # both met the outage
    assert said[0].count(f"Job OK ({during})") == 1  # the job in hand ran once, not again by a second loop


def test_every_deploy_command_names_a_module_that_runs():
    """The supervisor files (systemd units, Procfile) start modules that exist, with a main to run."""
    import importlib
    import re

    deploy = REPO_ROOT / "deploy"
    texts = [p.read_text() for p in [deploy / "Procfile", *(deploy / "systemd").glob("*.service")]]
    modules = set(re.findall(r"python -m ([\w.]+)", "\n".join(texts)))
    assert modules == {"app.tasks.worker", "app.tasks.scheduler"}
    for module in modules:
        assert callable(importlib.import_module(module).main)
    units = "\n".join(texts[1:])
    assert units.count("Restart=always") == 3  # web, worker@N, scheduler
