"""Configuration for the single `rq cron app.jobs.cron` scheduler process (production, with Redis)."""
import os

from rq import cron

from app.jobs.runner import run_task
from app.jobs.schedule import SCHEDULE

QUEUE = os.environ.get("RQ_QUEUE", "dnaker")

for expression, task_path in SCHEDULE:
    cron.register(run_task, QUEUE, args=(task_path, (), {}, (None, "system")), cron=expression,
                  name=task_path)
