"""Model base pieces shared by every domain package."""
from datetime import datetime, timezone

from flask_appbuilder import Model
from sqlalchemy import Column, DateTime


def utcnow():
    return datetime.now(timezone.utc)


class TimestampMixin:
    """When a row was created and last changed (who changed what lives in the audit trail)."""

    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_at = Column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False)


__all__ = ["Model", "TimestampMixin", "utcnow"]
