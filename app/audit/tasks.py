"""Scheduled audit check: a broken chain is logged loudly (and returned for the job record)."""
import logging

from app.audit.chain import verify_chain
from app.extensions import db


def verify_audit_chain():
    checked, broken = verify_chain(db.session)
    if broken is not None:
        logging.getLogger(__name__).error("audit chain broken at entry %s", broken)
    return {"checked": checked, "broken": broken}
