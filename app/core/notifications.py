"""In-app notifications plus e-mail, idempotent by key, with per-user opt-out by kind."""
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint

from app.core.models import Model, utcnow


class Notification(Model):
    __tablename__ = "notification"
    __audit__ = False  # a message to a user, not domain data

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("ab_user.id"), nullable=False, index=True)
    kind = Column(String(50), nullable=False)
    key = Column(String(200), nullable=False, unique=True)  # idempotency: one event, one notification
    title = Column(String(200), nullable=False)
    body = Column(Text, nullable=False)
    link = Column(String(300))
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    read_at = Column(DateTime(timezone=True))
    email_status = Column(String(10), nullable=False, default="none")  # none | pending | sent | failed | off
    emailed_at = Column(DateTime(timezone=True))


class NotificationPreference(Model):
    __tablename__ = "notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("ab_user.id"), nullable=False, index=True)
    kind = Column(String(50), nullable=False)
    in_app = Column(Boolean, nullable=False, default=True)
    email = Column(Boolean, nullable=False, default=True)
