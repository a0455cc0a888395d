"""Gap-free yearly numbering for official documents.

A number is taken inside the caller's transaction: it is consumed only if that transaction commits, so a
rolled-back issue leaves no gap. The sequence row stays locked until then, so two officers issuing at the
same moment wait for each other instead of getting the same number.
"""
from sqlalchemy import Column, Integer, String, update
from sqlalchemy.dialects import postgresql, sqlite

from app.core.models import Model


class NumberSequence(Model):
    """The last number issued in one series for one year (e.g. ak1/2026)."""

    __tablename__ = "number_sequence"
    __audit__ = False  # the numbered document itself is audited

    name = Column(String(50), primary_key=True)
    year = Column(Integer, primary_key=True)
    last_value = Column(Integer, nullable=False, default=0)


_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def next_number(name: str, year: int, session=None) -> int:
    """The next number of series ``name`` in ``year``, issued in the caller's transaction (not committed)."""
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


def format_number(template: str, n: int, **fields) -> str:
    """An official number from a template, e.g. ``format_number("560/{n:04d}/AK1/{year}", 7, year=2026)``."""
    return template.format(n=n, **fields)
