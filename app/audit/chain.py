"""The hash chain: each entry's hash covers its content and the previous entry's hash."""
import hashlib
import json
from datetime import timezone

GENESIS = "0" * 64


def stamp(at) -> str:
    """The entry time as hashed: UTC, microseconds (PostgreSQL returns it aware, SQLite naive)."""
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(prev_hash, at, user_id, username, ip, action, table_name, row_id, changes) -> str:
    payload = json.dumps([prev_hash, stamp(at), user_id, username, ip, action, table_name, row_id, changes],
                         separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def verify_chain(session, batch: int = 5000):
    """Walk the log in order; return (entries checked, id of the first broken entry or None)."""
    from app.audit.models import AuditEntry

    prev, checked, last_id = GENESIS, 0, 0
    while True:
        rows = (session.query(AuditEntry).filter(AuditEntry.id > last_id)
                .order_by(AuditEntry.id).limit(batch).all())
        if not rows:
            return checked, None
        for e in rows:
            expected = entry_hash(prev, e.at, e.user_id, e.username, e.ip, e.action, e.table_name,
                                  e.row_id, e.changes)
            if e.prev_hash != prev or e.hash != expected:
                return checked, e.id
            prev, last_id, checked = e.hash, e.id, checked + 1
        session.expunge_all()
