"""The audit trail: one append-only, hash-chained entry per inserted, updated or deleted domain row."""
from sqlalchemy import Column, DateTime, Index, Integer, String, Text

from app.core.models import Model, trigram_indexes, utcnow


class AuditEntry(Model):
    __tablename__ = "audit_entry"
    __audit__ = False
    __table_args__ = (Index("ix_audit_entry_table_row", "table_name", "row_id"),
                      *trigram_indexes("audit_entry", "username", "table_name", "row_id"))

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)
    user_id = Column(Integer, index=True)
    username = Column(String(256))
    ip = Column(String(64))
    action = Column(String(10), nullable=False)  # insert | update | delete
    table_name = Column(String(100), nullable=False)
    row_id = Column(String(100), nullable=False)
    changes = Column(Text, nullable=False)  # JSON {field: [old, new]}
    prev_hash = Column(String(64), nullable=False)
    hash = Column(String(64), nullable=False, unique=True)

    def __repr__(self):
        return f"{self.action} {self.table_name}#{self.row_id}"
