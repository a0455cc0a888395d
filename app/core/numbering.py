"""Gap-free yearly numbering for official documents."""
from sqlalchemy import Column, Integer, String

from app.core.models import Model


class NumberSequence(Model):
    """The last number issued in one series for one year (e.g. ak1/2026)."""

    __tablename__ = "number_sequence"
    __audit__ = False  # the numbered document itself is audited

    name = Column(String(50), primary_key=True)
    year = Column(Integer, primary_key=True)
    last_value = Column(Integer, nullable=False, default=0)
