"""When a session or an API token stops being valid, and how long an account waits after failed logins.

Every user has a session version. It is signed into the session cookie (as Flask-Login's user id,
"<id>:<version>") and into each JWT (claim "sv"); logout and a password change raise it, so every session and
token issued before stops opening anything, on every device. Failed logins are counted per account (FAB's
fail_login_count, reset by a successful login): past a few, the account waits before it may try again, twice as
long after each further failure."""
from datetime import datetime, timezone

from flask import current_app, request
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select

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
    return _wait(user.fail_login_count or 0, user.last_failed_login, now or utcnow())


NAME_WAIT_REPLAY = 100


def name_wait(username: str, now: datetime | None = None) -> int:
    """The same wait for a name no account has, replayed from its failed attempts (LoginEvent): a stranger
    must not tell an account from a made-up name by the delay. As for an account, an attempt refused while
    waiting does not count as a failure."""
    from app.extensions import db
    from app.security.models import LoginEvent

    # Only the latest failures: the delay reaches its cap after a few dozen, so replaying more changes nothing
    # but would let a stranger make every attempt on a made-up name cost a longer read.
    latest = list(db.session.scalars(select(LoginEvent.at).where(LoginEvent.username == username[:256],
                                                                 LoginEvent.success.is_(False))
                                     .order_by(LoginEvent.id.desc()).limit(NAME_WAIT_REPLAY)))
    failures, last = 0, None
    for at in reversed(latest):
        if _wait(failures, last, at) == 0:
            failures, last = failures + 1, at
    return _wait(failures, last, now or utcnow())


def _wait(failures: int, last: datetime | None, now: datetime) -> int:
    config = current_app.config
    if failures < config["LOGIN_FAILURES_BEFORE_DELAY"] or last is None:
        return 0
    delay = min(config["LOGIN_DELAY_SECONDS"] * 2 ** (failures - config["LOGIN_FAILURES_BEFORE_DELAY"]),
                config["LOGIN_DELAY_MAX_SECONDS"])
    return max(0, int(delay - (_aware(now) - _aware(last)).total_seconds() + 0.999))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite hands back naive UTC


class NavigationRefreshedSession(SecureCookieSessionInterface):
    """The cookie session, re-sent unchanged only on page navigations.

    With SESSION_REFRESH_EACH_REQUEST every response re-sends the cookie as it was when its request began. A
    background request (a select's options, an image) that started before a form was posted and answers after it
    then puts back the session without the message the post had stored, and the next page loses its
    "Data berhasil ditambahkan". A changed session is always sent; requests without Sec-Fetch-Mode (scripts,
    older browsers) keep the refresh."""

    def should_set_cookie(self, app, session) -> bool:
        if session.modified:
            return True
        if request.headers.get("Sec-Fetch-Mode", "navigate") != "navigate":
            return False
        return super().should_set_cookie(app, session)
