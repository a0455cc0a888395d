"""`python -m app.tasks.scheduler`: the one scheduler process of production (app/tasks/cron.py's schedule),
run under a supervisor (deploy/).

`rq cron app.tasks.cron` exits on the first Redis error. This one keeps its schedule in memory through an
outage: it waits for Redis with back-off, registers itself again and enqueues what fell due meanwhile."""
import logging
import sys
import time

from redis import Redis
from redis.exceptions import RedisError
from rq.cron import CronScheduler
from rq.exceptions import StopRequested

from app.tasks.worker import backoff
from config import Config

log = logging.getLogger("app.tasks.scheduler")


class ResilientCronScheduler(CronScheduler):
    def start(self):
        self._install_signal_handlers()
        registered, delays = False, backoff()
        try:
            while True:
                try:
                    if not registered:
                        self.register_birth()
                        registered, delays = True, backoff()
                    if self.enqueue_jobs():  # a job due during an outage is enqueued once Redis is back
                        self.save()
                    self.heartbeat()
                    # Heartbeat as often as workers do, so an outage is noticed (and logged) while it lasts.
                    pause = min(self.calculate_sleep_interval(), Config.JOB_HEARTBEAT_SECONDS)
                except RedisError as error:
                    registered, pause = False, next(delays)
                    log.warning("scheduler %s: Redis unreachable (%s); retrying in %.0f s", self.name, error, pause)
                time.sleep(pause)
        except (StopRequested, KeyboardInterrupt):
            log.info("scheduler %s: stopping", self.name)
        finally:
            try:
                self.register_death()
            except RedisError:
                pass  # its registry entry expires by itself


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if not Config.REDIS_URL:
        sys.exit("REDIS_URL is not set: without it the web process runs the schedule itself.")
    scheduler = ResilientCronScheduler(connection=Redis.from_url(Config.REDIS_URL))
    scheduler.load_config_from_file("app.tasks.cron")
    scheduler.start()


if __name__ == "__main__":
    main()
