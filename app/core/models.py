"""Model base pieces shared by every domain package."""
from datetime import datetime, timezone

from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, Index


def utcnow():
    return datetime.now(timezone.utc)


class TimestampMixin:
    """When a row was created and last changed (who changed what lives in the audit trail)."""

    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_at = Column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False)


def trigram_indexes(table: str, *columns: str) -> list[Index]:
    """Lists search these text columns with "contains" (ILIKE '%…%'): a pg_trgm GIN index each on PostgreSQL,
    none elsewhere, named ix_<table>_<column>_trgm (created by migration 0012)."""
    return [Index(f"ix_{table}_{column}_trgm", column, postgresql_using="gin",
                  postgresql_ops={column: "gin_trgm_ops"}).ddl_if(dialect="postgresql") for column in columns]


__all__ = ["Model", "TimestampMixin", "trigram_indexes", "utcnow"]
