"""What an RQ worker runs: import the task, give it an app context and an audit actor, run it."""
from importlib import import_module

from flask import has_app_context

_app = None


def _worker_app():
    global _app
    if _app is None:
        from app import create_app

        _app = create_app()
    return _app


def run_task(task_path, args, kwargs, actor):
    from app.audit.listener import job_actor

    module, _, name = task_path.rpartition(".")
    func = getattr(import_module(module), name)
    token = job_actor.set(tuple(actor))
    try:
        if has_app_context():  # in-process mode: already inside the app that enqueued
            return _run_in_caller_context(func, args, kwargs)
        with _worker_app().app_context():
            return func(*args, **kwargs)
    finally:
        job_actor.reset(token)


def _run_in_caller_context(func, args, kwargs):
    from app.extensions import db

    try:
        return func(*args, **kwargs)
    except Exception:
        # A worker's app context would discard the failed task's uncommitted writes; don't leave them in the
        # caller's session for its next commit.
        db.session.rollback()
        raise
