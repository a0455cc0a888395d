"""Background jobs on RQ. With REDIS_URL: a Redis queue served by `python -m app.tasks.worker` processes and
one `python -m app.tasks.scheduler` (both ride out Redis outages). Without it (a first run, tests on a laptop):
the same RQ jobs run in-process at once, on an in-memory Redis. Either way a task is a plain function run by
`run_task`, inside an app context, able to report progress the UI can show."""
import logging
import threading
import time
from datetime import datetime, timezone

from flask import current_app, has_request_context
from redis.exceptions import RedisError
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import StartedJobRegistry

_fake_server = None
log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """Redis cannot be reached: the job service is down for now (503), not the job unknown (404)."""


def connection():
    from redis import Redis

    url = current_app.config.get("REDIS_URL")
    if url:
        return Redis.from_url(url)
    global _fake_server
    import fakeredis

    _fake_server = _fake_server or fakeredis.FakeServer()
    return fakeredis.FakeStrictRedis(server=_fake_server)


def queue():
    in_process = not current_app.config.get("REDIS_URL")
    return Queue(current_app.config["RQ_QUEUE"], connection=connection(), is_async=not in_process)


def enqueue(task_path: str, *args, **kwargs) -> str:
    """Queue `task_path` ("package.module.function") with args; returns the job id.

    The user who asked is passed along so the task's changes are audited in their name. A job that fails, or
    whose worker dies, runs again up to JOB_RETRIES times: tasks are idempotent."""
    from app.security.tenancy import request_user

    user = request_user() if has_request_context() else None
    actor = (user.id, user.username) if user else (None, "system")
    config = current_app.config
    jobs = queue()
    try:
        job = jobs.enqueue("app.tasks.runner.run_task", task_path, args, kwargs, actor,
                           job_timeout=config["JOB_TIMEOUT"], result_ttl=7 * 24 * 3600, failure_ttl=7 * 24 * 3600,
                           retry=Retry(max=config["JOB_RETRIES"]) if config["JOB_RETRIES"] and jobs.is_async else None,
                           meta={"task": task_path, "user_id": actor[0], "progress": 0})
    except RedisError as error:  # screens answer 503 "Layanan antrean sedang tidak tersedia" (app.tasks.views)
        raise QueueUnavailable() from error
    if not jobs.is_async and job.is_failed:  # in-process, RQ records the failure instead of raising
        result = job.latest_result()
        current_app.logger.error("job %s (%s) failed:\n%s", job.id, task_path, result.exc_string if result else "")
    return job.id


def job_status(job_id: str) -> dict | None:
    """What the progress page shows of a job; None for an unknown or expired id. Raises QueueUnavailable
    while Redis is down."""
    try:
        connection_ = connection()
        job = Job.fetch(job_id, connection=connection_)
        if job.get_status() == "started":  # its worker may have died: RQ retries or fails it once it is silent
            StartedJobRegistry(job.origin, connection=connection_).cleanup()
        job.refresh()
    except (NoSuchJobError, ValueError, TypeError):  # unknown, expired or malformed id
        return None
    except RedisError as error:
        raise QueueUnavailable() from error
    status = job.get_status(refresh=False)
    status = str(getattr(status, "value", status))
    # Waiting for a worker or running without progress: since when, once that is long enough to tell the user.
    moved_at = datetime.fromisoformat(job.meta["moved_at"]) if job.meta.get("moved_at") else \
        job.started_at or job.enqueued_at
    stalled = status in ("queued", "started") and moved_at is not None and \
        (datetime.now(timezone.utc) - _aware(moved_at)).total_seconds() > current_app.config["JOB_STALLED_AFTER"]
    return {"id": job.id, "status": status,
            "progress": 100 if status == "finished" else job.meta.get("progress", 0),
            "message": job.meta.get("message"), "stalled_since": _aware(moved_at) if stalled else None,
            "user_id": job.meta.get("user_id"), "task": job.meta.get("task"),
            "result": job.return_value() if status == "finished" else None}


def retry_job(job_id: str) -> str:
    """Run a failed job again, as a new job with the same task and arguments; returns the new job's id."""
    try:
        task_path, args, kwargs, _actor = Job.fetch(job_id, connection=connection()).args
        return enqueue(task_path, *args, **kwargs)
    except RedisError as error:
        raise QueueUnavailable() from error


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # RQ stores naive UTC


def report_progress(done: int, total: int, message: str | None = None):
    """Called by a task: percentage done, shown by the UI while the job runs. Best effort: a Redis outage
    does not stop the task."""
    job = get_current_job()
    if job is None:
        return
    job.meta["progress"] = int(done * 100 / total) if total else 100
    job.meta["moved_at"] = datetime.now(timezone.utc).isoformat()
    if message:
        job.meta["message"] = message
    try:
        job.save_meta()
    except RedisError as error:
        log.warning("progress of job %s not saved: %s", job.id, error)


def start_local_scheduler(app):
    """Without Redis, run the schedule (app/tasks/schedule.py) in a thread of this process."""
    if app.config.get("REDIS_URL"):
        return None
    from croniter import croniter

    from app.tasks.schedule import SCHEDULE

    def loop():
        base = datetime.now(timezone.utc)
        nexts = [(croniter(cron, base).get_next(datetime), cron, path) for cron, path in SCHEDULE]
        while nexts:
            nexts.sort()
            when, cron, path = nexts.pop(0)
            time.sleep(max(0.0, (when - datetime.now(timezone.utc)).total_seconds()))
            with app.app_context():
                try:
                    enqueue(path)
                except Exception:  # a failed run is retried at the next slot; the scan window catches up
                    app.logger.exception("scheduled job %s failed", path)
            nexts.append((croniter(cron, when).get_next(datetime), cron, path))

    thread = threading.Thread(target=loop, name="dnaker-scheduler", daemon=True)
    thread.start()
    return thread
