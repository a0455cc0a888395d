"""`python -m app.tasks.worker [--burst] [queue …]`: the production RQ worker (default queue: RQ_QUEUE), run under a
supervisor (deploy/).

A bare `rq worker` exits on the first Redis error it meets outside its idle wait ("found an unhandled
exception, quitting"). This one rides out an outage: a heartbeat that cannot reach Redis is skipped while the
job goes on, and a work loop that ends on a lost connection waits for Redis with back-off and starts again.
Its heartbeats follow the JOB_* settings, so a job whose worker died is found within JOB_ABANDONED_AFTER
seconds and RQ retries it (or fails it when no retry is left)."""
import logging
import sys
import time

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Worker
from rq.exceptions import StopRequested

from config import Config

log = logging.getLogger("app.tasks.worker")


def backoff(first=1.0, longest=30.0):
    """Waits between reconnection attempts: 1, 2, 4 … seconds, at most `longest`."""
    delay = first
    while True:
        yield delay
        delay = min(delay * 2, longest)


def wait_for_redis(connection, who):
    for delay in backoff():
        try:
            connection.ping()
            return
        except RedisError as error:
            log.warning("%s: Redis unreachable (%s); retrying in %.0f s", who, error, delay)
            time.sleep(delay)


class ResilientWorker(Worker):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("job_monitoring_interval", Config.JOB_HEARTBEAT_SECONDS)
        kwargs.setdefault("maintenance_interval", Config.JOB_MAINTENANCE_SECONDS)
        # An idle worker wakes every worker_ttl - 15 s: often enough to look for abandoned jobs.
        kwargs.setdefault("worker_ttl", Config.JOB_MAINTENANCE_SECONDS + 15)
        super().__init__(*args, **kwargs)

    def get_heartbeat_ttl(self, job):
        # RQ keeps a started job for its heartbeat interval + a fixed 60 s; the setting decides instead.
        return max(Config.JOB_ABANDONED_AFTER, self.job_monitoring_interval + 1)

    # What the worker writes to Redis while its work horse runs a job: skipped during an outage, so the worker
    # keeps watching the job instead of quitting (a long outage makes the job abandoned, then retried).
    def maintain_heartbeats(self, job):
        self._unless_redis_is_down(super().maintain_heartbeats, job)

    def set_current_job_working_time(self, *args, **kwargs):
        self._unless_redis_is_down(super().set_current_job_working_time, *args, **kwargs)

    def heartbeat(self, *args, **kwargs):
        self._unless_redis_is_down(super().heartbeat, *args, **kwargs)

    def _unless_redis_is_down(self, write, *args, **kwargs):
        try:
            write(*args, **kwargs)
        except RedisError as error:
            self.log.warning("Worker %s: %s skipped, Redis unreachable: %s", self.name, write.__name__, error)


def preload_app():
    """Build the Flask app once in the worker, before it forks a work horse per job: each job then starts with
    the app ready instead of building it (about 2 s of CPU a job). The database connections made while building
    it are closed, so that no work horse shares its parent's connection."""
    from app.extensions import db
    from app.tasks.runner import _worker_app

    try:
        app = _worker_app()
        with app.app_context():
            db.engine.dispose()
    except Exception as error:  # e.g. the database is down: each job builds the app itself, as it can
        log.warning("worker: app not preloaded (%s); each job will build it", error)


def run(queues, connection, burst=False):
    """Work until asked to stop (SIGTERM/SIGINT), whatever Redis does meanwhile; with `burst`, until the queues
    are empty."""
    while True:
        wait_for_redis(connection, "worker")
        worker = ResilientWorker([Queue(name, connection=connection) for name in queues], connection=connection)
        try:
            worker.work(logging_level="INFO", burst=burst)
        except RedisError as error:  # lost while starting or tearing down
            log.warning("worker %s: Redis connection lost: %s", worker.name, error)
        if burst or worker._shutdown_requested_date is not None:  # SIGTERM/SIGINT: a supervisor stops us
            return
        log.warning("worker %s: work loop ended; starting again once Redis answers", worker.name)


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if not Config.REDIS_URL:
        sys.exit("REDIS_URL is not set: without it jobs run inside the web process.")
    argv = list(argv or [])
    burst = "--burst" in argv  # work off what is queued, then exit (tests, one-off runs)
    queues = [name for name in argv if name != "--burst"] or [Config.RQ_QUEUE]
    preload_app()
    try:
        run(queues, Redis.from_url(Config.REDIS_URL), burst)
    except StopRequested:  # the signal came while waiting for Redis
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
