"""The application user (FAB's user plus the company or job seeker it acts for) and login records."""
from flask_appbuilder.security.sqla.models import User
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, event
from sqlalchemy.orm import relationship
from sqlalchemy.orm.attributes import NO_VALUE

from app.core.models import Model, trigram_indexes, utcnow
from app.security.sessions import end_sessions, session_id


class AppUser(User):
    __tablename__ = "ab_user"
    __table_args__ = (*trigram_indexes("ab_user", "username", "email", "first_name", "last_name"),
                      {"extend_existing": True})
    # Bookkeeping FAB updates at every login; the login_event table records logins instead.
    __audit_exclude__ = {"password", "login_count", "fail_login_count", "last_login", "changed_on",
                         "session_version", "last_failed_login"}

    company_id = Column(Integer, ForeignKey("company.id"), index=True)
    company = relationship("Company", foreign_keys=[company_id], lazy="selectin")
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), index=True, unique=True)
    phone = Column(String(20))
    nip = Column(String(18))  # civil-servant number of an officer who signs documents
    session_version = Column(Integer, nullable=False, default=0, server_default="0")  # see sessions.py
    last_failed_login = Column(DateTime(timezone=True))

    def get_id(self):
        """Flask-Login keeps this in the session cookie: the session version voids older sessions."""
        return session_id(self)


@event.listens_for(AppUser.password, "set", active_history=True)
def _new_password_ends_sessions(user, value, old, _initiator):
    """Whoever sets it (own form, Admin, `flask fab reset-password`), a new password voids older sessions."""
    if old not in (None, NO_VALUE) and value != old:
        end_sessions(user)


class LoginEvent(Model):
    """Every login attempt, form or API, successful or not (append-only; not a domain change)."""

    __tablename__ = "login_event"
    __audit__ = False
    __table_args__ = tuple(trigram_indexes("login_event", "username"))

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)
    username = Column(String(256), nullable=False, index=True)
    user_id = Column(Integer, ForeignKey("ab_user.id"), index=True)
    success = Column(Boolean, nullable=False)
    channel = Column(String(10), nullable=False)  # form | api
    ip = Column(String(64))
