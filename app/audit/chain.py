"""The hash chain: each entry's hash covers its content and the previous entry's hash.

A chain alone cannot show that its newest entries were deleted: what is left is still a valid chain. So its head
(last id and hash) is anchored by signed checkpoints appended to a file outside the database
(AUDIT_CHECKPOINT_FILE, HMAC-SHA256 with AUDIT_CHECKPOINT_KEY or SECRET_KEY): every checkpointed entry must still
be there with the same hash, and a database user can neither rewrite the file nor forge a signature."""
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app

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


@dataclass
class Report:
    checked: int = 0
    last_id: int = 0
    last_hash: str = GENESIS
    broken: int | None = None  # first entry whose content or link does not match
    missing: list[dict] = field(default_factory=list)  # checkpoints whose entry is gone: truncation
    forged: int = 0  # checkpoint lines without a valid signature

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.missing and not self.forged


def walk(session, after_id: int = 0, prev: str = GENESIS, checkpoints=(), batch: int = 5000) -> Report:
    """Check the entries after `after_id` in order, the first one linking to `prev`; stop at the first broken
    one. Each checkpointed entry must be met with its hash."""
    from app.audit.models import AuditEntry

    anchors = {c["id"]: c for c in checkpoints}
    report = Report(last_id=after_id, last_hash=prev)
    while True:
        rows = (session.query(AuditEntry).filter(AuditEntry.id > report.last_id)
                .order_by(AuditEntry.id).limit(batch).all())
        if not rows:
            break
        for e in rows:
            expected = entry_hash(report.last_hash, e.at, e.user_id, e.username, e.ip, e.action, e.table_name,
                                  e.row_id, e.changes)
            anchor = anchors.pop(e.id, {"hash": e.hash})
            if e.prev_hash != report.last_hash or e.hash != expected or anchor["hash"] != e.hash:
                report.broken = e.id
                return report
            report.last_id, report.last_hash, report.checked = e.id, e.hash, report.checked + 1
        session.expunge_all()
    report.missing = list(anchors.values())
    return report


def verify_chain(session, batch: int = 5000):
    """The chain alone: (entries checked, id of the first broken entry or None)."""
    report = walk(session, batch=batch)
    return report.checked, report.broken


def verify_audit(session) -> Report:
    """The whole chain against every checkpoint: tampering, truncation and forged checkpoints."""
    checkpoints, forged = read_checkpoints()
    report = walk(session, checkpoints=checkpoints)
    report.forged = forged
    return report


def append_checkpoint(session) -> Report:
    """Anchor the current head: check the entries since the last checkpoint (which must still be there), then
    append a signed checkpoint of the new head. Nothing is written for a chain that is not intact."""
    from app.audit.models import AuditEntry

    checkpoints, forged = read_checkpoints()
    latest = checkpoints[-1] if checkpoints else {"id": 0, "hash": GENESIS}
    if latest["id"] and session.get(AuditEntry, latest["id"]) is None:
        report = Report(last_id=latest["id"], last_hash=latest["hash"], missing=[latest], forged=forged)
    else:
        # from the checkpointed entry itself, so that a rewrite of it shows too
        report = walk(session, after_id=max(latest["id"] - 1, 0), prev=_prev_hash_of(session, latest["id"]),
                      checkpoints=[latest] if latest["id"] else [])
        report.forged = forged
    if report.intact and report.last_id != latest["id"]:
        _append(signed_head(report.last_id, report.last_hash))
    return report


def _prev_hash_of(session, entry_id):
    from app.audit.models import AuditEntry

    entry = session.get(AuditEntry, entry_id) if entry_id else None
    return entry.prev_hash if entry else GENESIS


def signed_head(entry_id: int, entry_hash_: str) -> dict:
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return {"id": entry_id, "hash": entry_hash_, "at": at, "sig": _signature(entry_id, entry_hash_, at)}


def _signature(entry_id, entry_hash_, at) -> str:
    key = current_app.config.get("AUDIT_CHECKPOINT_KEY") or current_app.config["SECRET_KEY"]
    return hmac.new(str(key).encode(), f"{entry_id}|{entry_hash_}|{at}".encode(), hashlib.sha256).hexdigest()


def _path() -> Path:
    return Path(current_app.config["AUDIT_CHECKPOINT_FILE"])


def read_checkpoints() -> tuple[list[dict], int]:
    """(checkpoints with a valid signature in file order, number of lines that are not)."""
    if not _path().exists():
        return [], 0
    valid, forged = [], 0
    for line in _path().read_text().splitlines():
        try:
            item = json.loads(line)
            ok = hmac.compare_digest(item["sig"], _signature(int(item["id"]), item["hash"], item["at"]))
        except (ValueError, KeyError, TypeError):
            ok = False
        if ok:
            valid.append({**item, "id": int(item["id"])})
        elif line.strip():
            forged += 1
    return valid, forged


def _append(checkpoint: dict):
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        handle.write(json.dumps(checkpoint) + "\n")
        handle.flush()
