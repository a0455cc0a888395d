"""The migrations build the schema the models describe, constraint and index names included, on SQLite and on
PostgreSQL (when TEST_DATABASE_URL is set, in a scratch database beside it); and a database built before the naming
convention gets its names renamed without losing rows."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.sql.schema import DEFAULT_NAMING_CONVENTION
from sqlalchemy.sql.naming import conv

from app.extensions import FULL_TEXT_TABLES, db
from app.models import Model
from tests.conftest import TEST_CONFIG

BEFORE_CONVENTION = "0005_office_profile"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL only with TEST_DATABASE_URL"))]


@pytest.fixture(params=BACKENDS)
def scratch_app(request, tmp_path):
    """An application on an empty database of its own."""
    from app import create_app

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'scratch.db'}"
    else:
        base, _, name = os.environ["TEST_DATABASE_URL"].rpartition("/")
        url = f"{base}/{name}_scratch"
        admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}_scratch" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}_scratch"'))
        admin.dispose()
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    application = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


def differences(app):
    """What autogenerate would write into a new migration, with the options env.py uses."""
    opts = {key: value for key, value in app.extensions["migrate"].configure_args.items()
            if key in ("compare_type", "compare_server_default", "include_object", "include_name")}
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts=opts), Model.metadata)


def stored_name(dialect, name):
    """A name as the database keeps it: SQLAlchemy shortens a conventional name past the dialect's limit."""
    return dialect.identifier_preparer.truncate_and_render_constraint_name(conv(name), _alembic_quote=False)


def model_names(app):
    """Names the models give, as this database keeps them (skipping what env.py leaves out for this database)."""
    include = app.extensions["migrate"].configure_args.get("include_object", lambda *args: True)
    return {(table.name, stored_name(db.engine.dialect, item.name)) for table in Model.metadata.tables.values()
            for item in [*table.constraints, *table.indexes] if include(item, item.name, None, False, None)}


def database_names():
    """Names of every primary key, foreign key, unique and check constraint and index (autogenerate compares
    only some of them)."""
    insp = inspect(db.engine)
    names = set()
    for table in insp.get_table_names():
        if table == "alembic_version" or FULL_TEXT_TABLES.fullmatch(table):  # SQLite FTS5, kept by triggers
            continue
        items = [insp.get_pk_constraint(table), *insp.get_foreign_keys(table), *insp.get_unique_constraints(table),
                 *insp.get_check_constraints(table),
                 *(index for index in insp.get_indexes(table) if "duplicates_constraint" not in index)]
        names |= {(table, item["name"]) for item in items}
    return names


def test_fresh_database_matches_models(scratch_app):
    upgrade()
    assert differences(scratch_app) == []
    assert database_names() == model_names(scratch_app)
    # A check constraint is named by its rule alone (name="single_row"): the convention adds "ck_<table>_".
    assert [name for table, name in model_names(scratch_app) if name.startswith(f"ck_{table}_ck_")] == []


def test_database_built_before_the_convention_gets_its_names_and_keeps_its_rows(scratch_app, monkeypatch):
    with monkeypatch.context() as before:  # as every database migrated before the naming convention was built
        before.setattr(Model.metadata, "naming_convention", DEFAULT_NAMING_CONVENTION)
        upgrade(revision=BEFORE_CONVENTION)
    assert database_names() != model_names(scratch_app)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO region (code, name, level) VALUES ('36.03', 'Kab. Tangerang', 'kabupaten')"))
        conn.execute(text("INSERT INTO legal_form (code, name) VALUES ('PT', 'Perseroan Terbatas')"))
        conn.execute(text("INSERT INTO employer_type (code, name) VALUES ('swasta', 'Swasta')"))
        conn.execute(text(
            "INSERT INTO company (id, name, legal_form_code, nib, npwp, employer_type_code, address, kecamatan_code,"
            " desa_code, headcount_male, headcount_female, status, created_at, updated_at) VALUES (7, 'PT Maju',"
            " 'PT', '1234567890123', '0123456789012345', 'swasta', 'Jl. Raya 1', '36.03', '36.03', 3, 4, 'verified',"
            " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        conn.execute(text(
            "INSERT INTO branch (company_id, name, address, kecamatan_code, headcount, created_at, updated_at)"
            " VALUES (7, 'Cabang Balaraja', 'Jl. Balaraja 2', '36.03', 12, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))

    upgrade()

    assert differences(scratch_app) == []
    assert database_names() == model_names(scratch_app)
    with db.engine.begin() as conn:
        assert conn.execute(text("SELECT name, nib FROM company")).all() == [("PT Maju", "1234567890123")]
        assert conn.execute(text("SELECT company_id, name, headcount FROM branch")).all() == [
            (7, "Cabang Balaraja", 12)]
    with pytest.raises(Exception), db.engine.begin() as conn:  # the renamed constraints still hold
        conn.execute(text(
            "INSERT INTO company (name, legal_form_code, nib, npwp, employer_type_code, address, kecamatan_code,"
            " desa_code, headcount_male, headcount_female, status, created_at, updated_at) VALUES ('PT Kembar',"
            " 'PT', '1234567890123', '9999999999999999', 'swasta', 'Jl. Lain', '36.03', '36.03', 0, 0, 'verified',"
            " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
