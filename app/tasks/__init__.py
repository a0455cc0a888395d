"""Background jobs on RQ. With REDIS_URL: a Redis queue served by `rq worker` processes and one `rq cron`
scheduler. Without it (a first run, tests on a laptop): the same RQ jobs run in-process at once, on an
in-memory Redis. Either way a task is a plain function run by `run_task`, inside an app context, able to
report progress the UI can show."""
import threading
import time
from datetime import datetime, timezone

from flask import current_app, has_request_context
from rq import Queue, get_current_job
from rq.job import Job

_fake_server = None


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


def enqueue(task_path: str, *args, job_timeout=1800, **kwargs) -> str:
    """Queue `task_path` ("package.module.function") with args; returns the job id.

    The user who asked is passed along so the task's changes are audited in their name."""
    from app.security.tenancy import request_user

    user = request_user() if has_request_context() else None
    actor = (user.id, user.username) if user else (None, "system")
    jobs = queue()
    job = jobs.enqueue("app.tasks.runner.run_task", task_path, args, kwargs, actor,
                       job_timeout=job_timeout, result_ttl=7 * 24 * 3600, failure_ttl=7 * 24 * 3600,
                       meta={"task": task_path, "user_id": actor[0], "progress": 0})
    if not jobs.is_async and job.is_failed:  # in-process, RQ records the failure instead of raising
        result = job.latest_result()
        current_app.logger.error("job %s (%s) failed:\n%s", job.id, task_path, result.exc_string if result else "")
    return job.id


def job_status(job_id: str) -> dict | None:
    try:
        job = Job.fetch(job_id, connection=connection())
    except Exception:  # unknown or expired job id
        return None
    job.refresh()
    status = job.get_status(refresh=False)
    return {"id": job.id, "status": str(status.value if hasattr(status, "value") else status),
            "progress": 100 if status == "finished" else job.meta.get("progress", 0),
            "message": job.meta.get("message"),
            "user_id": job.meta.get("user_id"), "task": job.meta.get("task"),
            "result": job.return_value() if status == "finished" else None}


def report_progress(done: int, total: int, message: str | None = None):
    """Called by a task: percentage done, shown by the UI while the job runs."""
    job = get_current_job()
    if job is None:
        return
    job.meta["progress"] = int(done * 100 / total) if total else 100
    if message:
        job.meta["message"] = message
    job.save_meta()


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
