"""A closed IPK month: its figures frozen (issue 11 part 2).

One row per month ever closed (unique: two closes at once make one row). Re-opening keeps the row and its frozen
figures, marked open with who, when and why, so the page can show what a recomputation changes; closing again
replaces the figures. The audit trail (app/audit) records every change of the row."""
from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, String, Text

from app.core.models import Model, TimestampMixin

CLOSED, REOPENED = "closed", "reopened"


class IpkMonth(TimestampMixin, Model):
    __tablename__ = "ipk_month"

    id = Column(Integer, primary_key=True)
    month = Column(String(7), nullable=False, unique=True)  # "2031-03"
    status = Column(String(10), nullable=False, default=CLOSED,
                    info={"labels": {CLOSED: "Ditutup", REOPENED: "Dibuka kembali"}})
    # {"form|part|row|sex|measure": n}; cells of 0 left out
    figures = Column(JSON, nullable=False)
    closed_at = Column(DateTime(timezone=True), nullable=False)
    closed_by_id = Column(Integer, ForeignKey("ab_user.id"))
    closed_by_name = Column(String(256), nullable=False)
    reopened_at = Column(DateTime(timezone=True))
    reopened_by_id = Column(Integer, ForeignKey("ab_user.id"))
    reopened_by_name = Column(String(256))
    reopen_reason = Column(Text)

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    def __repr__(self):
        return f"IPK {self.month}"
