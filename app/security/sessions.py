"""When a session or an API token stops being valid, and how long an account waits after failed logins.

Every user has a session version. It is signed into the session cookie (as Flask-Login's user id,
"<id>:<version>") and into each JWT (claim "sv"); logout and a password change raise it, so every session and
token issued before stops opening anything, on every device. Failed logins are counted per account (FAB's
fail_login_count, reset by a successful login): past a few, the account waits before it may try again, twice as
long after each further failure."""
from datetime import datetime, timezone

from flask import current_app

from app.core.models import utcnow


def session_id(user) -> str:
    return f"{user.id}:{user.session_version or 0}"


def parse_session_id(value) -> tuple[int, int] | None:
    """(user id, session version) of a session id, None when it is not one (e.g. from before versions)."""
    user_id, _sep, version = str(value).partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    return int(user_id), int(version)


def end_sessions(user):
    """Void every session and token of `user` (not committed)."""
    user.session_version = (user.session_version or 0) + 1


def login_wait(user, now: datetime | None = None) -> int:
    """Seconds `user` must still wait before the next login attempt is checked (0: may try now)."""
    config = current_app.config
    failures = user.fail_login_count or 0
    if failures < config["LOGIN_FAILURES_BEFORE_DELAY"] or user.last_failed_login is None:
        return 0
    delay = min(config["LOGIN_DELAY_SECONDS"] * 2 ** (failures - config["LOGIN_FAILURES_BEFORE_DELAY"]),
                config["LOGIN_DELAY_MAX_SECONDS"])
    last = user.last_failed_login
    if last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=timezone.utc)
    return max(0, int(delay - ((now or utcnow()) - last).total_seconds() + 0.999))
