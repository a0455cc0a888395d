"""Unbound extensions, bound to the app in create_app()."""
import re
import sqlite3

from flask_appbuilder import Model
from flask_appbuilder.models.sqla.base import SQLA
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine

# Names of constraints and indexes, so that a migration can name what it alters on every database
# (PostgreSQL names unnamed ones its own way, SQLite not at all).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Our models and FAB's security tables share FAB's declarative base, whose MetaData is not the one SQLA(metadata=...)
# would create; the convention goes on that MetaData, before any model module defines a table on it (names are
# given when a constraint joins its table).
if Model.metadata.tables:
    raise RuntimeError("app.extensions must be imported before any model (the naming convention comes first)")
Model.metadata.naming_convention = NAMING_CONVENTION

db = SQLA(metadata=Model.metadata)


@event.listens_for(Engine, "connect")
def _sqlite_enforces_foreign_keys(dbapi_connection, _record):
    """SQLite checks foreign keys only when asked, per connection: without it, deleting a company left its
    payments and contracts pointing at nothing (PostgreSQL refuses), and ON DELETE CASCADE did nothing.
    (migrations/env.py turns it off while batch migrations recreate tables.)"""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


# SQLite's full-text index of the vacancy portal (FTS5 `vacancy_fts` and its shadow tables, migration 0014): kept by
# triggers, not by the models.
FULL_TEXT_TABLES = re.compile(r"vacancy_fts(_\w+)?")


def _for_this_database(obj, name, type_, reflected, compare_to):
    """Autogenerate compares an index the models keep for one database only (Index.ddl_if) on that database only."""
    if type_ == "table" and reflected and FULL_TEXT_TABLES.fullmatch(name or ""):
        return False
    dialects = getattr(getattr(obj, "_ddl_if", None), "dialect", None)
    return dialects is None or db.engine.dialect.name in ((dialects,) if isinstance(dialects, str) else dialects)


# Options for Alembic's env.py and for the test that models and migrations agree: batch mode so ALTERs work on
# SQLite, and autogenerate compares column types and server defaults too.
migrate = Migrate(render_as_batch=True, compare_type=True, compare_server_default=True,
                  include_object=_for_this_database)
csrf = CSRFProtect()
