"""Tasks the job tests enqueue (a worker process imports them by path, so they live in a module)."""
from datetime import date

from app.core.notifications import notify
from app.extensions import db
from app.tasks import report_progress
from app.reference.models import CollectiveLeaveDay


def notify_in_steps(user_id, key, steps=3):
    """Reports progress 1..steps, then leaves a visible trace: a notification for the user."""
    for done in range(1, steps + 1):
        report_progress(done, steps, f"Langkah {done} dari {steps}")
    notify(user_id, "account", key, "Tugas latar selesai", f"Tugas {key} selesai.")
    db.session.commit()
    return {"steps": steps}


def add_leave_day(day_iso, name):
    """Writes an audited row, so the audit trail shows whose job it was."""
    db.session.add(CollectiveLeaveDay(day=date.fromisoformat(day_iso), name=name))
    report_progress(1, 1)
    db.session.commit()
    return day_iso


def fail_after_writing(day_iso, message):
    """Writes (uncommitted), then fails: the write must not survive."""
    db.session.add(CollectiveLeaveDay(day=date.fromisoformat(day_iso), name=message))
    db.session.flush()
    raise RuntimeError(message)


def pause_once(marker, steps=4, pause=0.3):
    """The first run reports half its work, then hangs (its worker is killed meanwhile); a later run, seeing the
    marker file the first left, goes through its steps and finishes."""
    import time
    from pathlib import Path

    if not Path(marker).exists():
        Path(marker).write_text("first run")
        report_progress(1, 2, "Separuh jalan")
        time.sleep(600)
    for done in range(1, steps + 1):
        time.sleep(pause)
        report_progress(done, steps, f"Langkah {done} dari {steps}")
    return {"steps": steps}
