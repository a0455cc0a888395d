"""The schedule's configuration for the single scheduler process (`python -m app.tasks.scheduler`, which loads
it like `rq cron app.tasks.cron` would)."""
from rq import cron

from config import Config

from app.tasks.runner import run_task
from app.tasks.schedule import SCHEDULE

QUEUE = Config.RQ_QUEUE  # the queue the app enqueues on (RQ_QUEUE)

for expression, task_path in SCHEDULE:
    cron.register(run_task, QUEUE, args=(task_path, (), {}, (None, "system")), cron=expression,
                  job_timeout=Config.JOB_TIMEOUT, name=task_path)
