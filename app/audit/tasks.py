"""Scheduled audit checks: a broken chain is logged loudly (and returned for the job record)."""
import logging

from app.audit.chain import append_checkpoint, verify_audit
from app.extensions import db

log = logging.getLogger(__name__)


def verify_audit_chain():
    """The whole chain against every checkpoint (daily)."""
    return _logged(verify_audit(db.session))


def checkpoint_audit_chain():
    """Check the entries since the last checkpoint and anchor the new head (hourly: rows deleted before the next
    run after they were written are the only ones that could go unnoticed)."""
    return _logged(append_checkpoint(db.session))


def _logged(report):
    if report.broken is not None:
        log.error("audit chain broken at entry %s", report.broken)
    for missing in report.missing:
        log.error("audit chain truncated: checkpointed entry %s (%s) is gone", missing["id"], missing.get("at"))
    if report.forged:
        log.error("audit checkpoint file holds %s lines without a valid signature", report.forged)
    return {"checked": report.checked, "broken": report.broken, "head": report.last_id,
            "missing": [m["id"] for m in report.missing], "forged": report.forged}
