"""Configuration for the single `rq cron app.tasks.cron` scheduler process (production, with Redis)."""
from rq import cron

from config import Config

from app.tasks.runner import run_task
from app.tasks.schedule import SCHEDULE

QUEUE = Config.RQ_QUEUE  # the queue the app enqueues on (RQ_QUEUE)

for expression, task_path in SCHEDULE:
    cron.register(run_task, QUEUE, args=(task_path, (), {}, (None, "system")), cron=expression,
                  job_timeout=Config.JOB_TIMEOUT, name=task_path)
