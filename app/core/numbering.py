"""Gap-free numbering for official documents, and how each series writes its numbers.

A series declares its format as data (`NumberFormat`: prefix, padding, suffix, reset period), next to the
document it numbers; nothing else writes an official number by hand. A number is taken inside the caller's transaction: it is consumed only if that transaction commits, so a
rolled-back issue leaves no gap. The sequence row stays locked until then, so two officers issuing at the
same moment wait for each other instead of getting the same number.
"""
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Column, Integer, String, update
from sqlalchemy.dialects import postgresql, sqlite

from app.core.models import Model


class NumberSequence(Model):
    """The last number issued in one series for one period (e.g. ak1/2026). `year` is the period's key: the
    year for yearly series, 202601 for January 2026 in a monthly one, 0 for a series that never resets."""

    __tablename__ = "number_sequence"
    __audit__ = False  # the numbered document itself is audited

    name = Column(String(50), primary_key=True)
    year = Column(Integer, primary_key=True)
    last_value = Column(Integer, nullable=False, default=0)


_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def next_number(name: str, year: int, session=None) -> int:
    """The next serial of series ``name`` in period ``year``, issued in the caller's transaction (not
    committed). Documents take theirs through their NumberFormat.issue()."""
    if session is None:
        from app.extensions import db

        session = db.session
    table = NumberSequence.__table__
    # Create the row if missing; a concurrent creator makes this a no-op instead of a duplicate-key error.
    insert = _INSERT[session.get_bind().dialect.name]
    session.execute(insert(table).values(name=name, year=year, last_value=0).on_conflict_do_nothing())
    # UPDATE … RETURNING locks the row like SELECT … FOR UPDATE and increments in the same statement; a
    # concurrent caller blocks here until this transaction ends, then reads the committed value.
    return session.execute(
        update(table)
        .where(table.c.name == name, table.c.year == year)
        .values(last_value=table.c.last_value + 1)
        .returning(table.c.last_value)
    ).scalar_one()


class Number(NamedTuple):
    serial: int  # in its period
    text: str  # as printed


RESETS = {"year": lambda on: on.year, "month": lambda on: on.year * 100 + on.month, "never": lambda on: 0}


@dataclass(frozen=True)
class NumberFormat:
    """How one series writes its numbers: `prefix` + the serial zero-padded to `padding` digits + `suffix`,
    prefix and suffix taking the issue date's strftime fields (%d %m %y %Y; %% for a percent sign); the serial
    starts again at 1 every `reset` period (year | month | never)."""

    series: str
    prefix: str = ""
    padding: int = 5
    suffix: str = ""
    reset: str = "year"

    def __post_init__(self):
        if self.reset not in RESETS:
            raise ValueError(f"reset must be one of {sorted(RESETS)}, not {self.reset!r}")

    def format(self, on: date, serial: int) -> str:
        return f"{on.strftime(self.prefix)}{serial:0{self.padding}d}{on.strftime(self.suffix)}"

    def issue(self, on: date, session=None) -> Number:
        """The next number of the series for a document issued `on`, in the caller's transaction."""
        serial = next_number(self.series, RESETS[self.reset](on), session)
        return Number(serial, self.format(on, serial))
