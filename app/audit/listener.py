"""Records every insert, update and delete of domain rows, in the same transaction as the change."""
import contextvars
import json
from datetime import date, datetime
from decimal import Decimal

from flask import has_request_context, request
from sqlalchemy import Column, event, inspect as sa_inspect, text

from app.audit.chain import GENESIS, entry_hash
from app.audit.models import AuditEntry
from app.core.models import utcnow

# FAB's permission bookkeeping is synced from code (roles.py), not edited: not domain data.
NOT_AUDITED_TABLES = {"ab_permission", "ab_view_menu", "ab_permission_view", "ab_role", "ab_register_user",
                      "ab_api_key", "ab_group"}
CHAIN_LOCK = 703_401  # PostgreSQL advisory lock id serialising writers of the chain

# Who acts outside a request (background job, command): (user_id, username).
job_actor = contextvars.ContextVar("job_actor", default=(None, "system"))


def is_audited(obj) -> bool:
    cls = type(obj)
    return getattr(cls, "__audit__", True) and getattr(cls, "__tablename__", None) not in NOT_AUDITED_TABLES


def _value(v):
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, bytes):
        return f"<{len(v)} bytes>"
    if isinstance(v, (list, tuple, set)):
        return sorted(str(x) for x in v)
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _changes(obj, action):
    state = sa_inspect(obj)
    mapper = state.mapper
    excluded = getattr(type(obj), "__audit_exclude__", set())
    changes = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in excluded or not isinstance(attr.expression, Column):  # a computed value (a count) is not data
            continue
        hist = state.attrs[key].history
        if action == "insert":
            new = getattr(obj, key)
            if new is not None:
                changes[key] = [None, _value(new)]
        elif action == "delete":
            old = hist.unchanged[0] if hist.unchanged else (hist.deleted[0] if hist.deleted else None)
            if old is not None:
                changes[key] = [_value(old), None]
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if _value(old) != _value(new):
                changes[key] = [_value(old), _value(new)]
    for rel in mapper.relationships:  # many-to-many collections, e.g. a user's roles
        if rel.secondary is None or rel.key in excluded or action != "update":
            continue
        hist = state.attrs[rel.key].history
        if hist.has_changes():
            now = list(hist.unchanged) + list(hist.added)
            before = list(hist.unchanged) + list(hist.deleted)
            changes[rel.key] = [_value(before), _value(now)]
    return changes


def _actor():
    if has_request_context():
        from app.security.tenancy import request_user

        user = request_user()
        return (user.id if user else None, user.username if user else "anonim",
                (request.remote_addr or "")[:64])  # the proxy's address unless TRUSTED_PROXIES (ProxyFix)
    user_id, username = job_actor.get()
    return user_id, username, None


def _pending(session):
    for action, objs in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            if not is_audited(obj):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            # new rows have their primary key by now, but not yet their identity key
            row_id = ",".join(str(v) for v in sa_inspect(obj).mapper.primary_key_from_instance(obj))
            yield action, obj.__tablename__, row_id, changes


def record_flush(session, flush_context):
    """after_flush: ids of new rows exist, and the attribute history still holds the old values."""
    pending = list(_pending(session))
    if not pending:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
    prev = conn.execute(text("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1")).scalar() or GENESIS
    user_id, username, ip = _actor()
    rows = []
    for action, table, row_id, changes in pending:
        at = utcnow()
        body = json.dumps(changes, ensure_ascii=False, sort_keys=True)
        digest = entry_hash(prev, at, user_id, username, ip, action, table, row_id, body)
        rows.append(dict(at=at, user_id=user_id, username=username, ip=ip, action=action, table_name=table,
                         row_id=row_id, changes=body, prev_hash=prev, hash=digest))
        prev = digest
    conn.execute(AuditEntry.__table__.insert(), rows)


def refuse_audit_changes(session, flush_context, instances):
    """The log is append-only, through the ORM as well (PostgreSQL also has a trigger)."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise PermissionError("audit entries cannot be changed or deleted")


def install(session):
    event.listen(session, "before_flush", refuse_audit_changes)
    event.listen(session, "after_flush", record_flush)
