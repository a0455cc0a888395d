"""Naming convention: the primary keys, foreign keys and unique constraints of a database built before the
convention (app/extensions.py) take its names, so that later migrations can name what they alter on every database.

PostgreSQL renames them in place. SQLite cannot rename a constraint: batch mode copies each table into one created
with the names (rows, indexes and check constraints come along; the application leaves SQLite's foreign key
enforcement off, so dropping the old copy touches no other table). Indexes and check constraints already had their
conventional names.

Revision ID: 0006_naming_convention
Revises: 0005_office_profile
"""
from alembic import op
from sqlalchemy import ForeignKeyConstraint, MetaData, PrimaryKeyConstraint, Table, UniqueConstraint, inspect
from sqlalchemy.sql.naming import conv

revision = "0006_naming_convention"
down_revision = "0005_office_profile"
branch_labels = None
depends_on = None


def conventional_name(constraint):
    """The convention's name for a reflected constraint (as written in app/extensions.py when this ran)."""
    table = constraint.table.name
    if isinstance(constraint, PrimaryKeyConstraint):
        return f"pk_{table}"
    if isinstance(constraint, ForeignKeyConstraint):
        return f"fk_{table}_{constraint.column_keys[0]}_{constraint.referred_table.name}"
    if isinstance(constraint, UniqueConstraint):
        return f"uq_{table}_{next(iter(constraint.columns)).name}"
    return None  # check constraints are named by hand


def upgrade():
    bind = op.get_bind()
    preparer = bind.dialect.identifier_preparer
    for name in inspect(bind).get_table_names():
        if name == "alembic_version":
            continue
        table = Table(name, MetaData(), autoload_with=bind)
        renames = []
        for constraint in table.constraints:
            new = conventional_name(constraint)
            if new is None:
                continue
            # As SQLAlchemy stores it: a name past the dialect's length limit is shortened with a hash.
            new = preparer.truncate_and_render_constraint_name(conv(new), _alembic_quote=False)
            if constraint.name != new:
                renames.append((constraint.name, new))
                constraint.name = conv(new)
        if not renames:
            continue
        if bind.dialect.name == "postgresql":
            for old, new in renames:
                op.execute(f'ALTER TABLE "{name}" RENAME CONSTRAINT "{old}" TO "{new}"')
        else:
            with op.batch_alter_table(name, copy_from=table, recreate="always"):
                pass


def downgrade():
    # The old names were the database's own (PostgreSQL's <table>_<column>_key and the like, none on SQLite):
    # nothing depends on them, so the conventional names stay.
    pass
