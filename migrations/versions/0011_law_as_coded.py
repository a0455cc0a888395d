"""The law as coded: sectoral minimum wages (UMSK) by KBLI; on each PKWT the minimum it was compared against (or
that the start year had no UMK), whether earlier contracts of the worker were left unnamed, and its real end
(date and reason) from which compensation is computed.

Revision ID: 0011_law_as_coded
Revises: 0010_office_identity
"""
from alembic import op
import sqlalchemy as sa

revision = "0011_law_as_coded"
down_revision = "0010_office_identity"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sectoral_minimum_wage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kbli_code", sa.String(length=5), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sectoral_minimum_wage"),
        sa.UniqueConstraint("year", "kbli_code", name="uq_sectoral_minimum_wage_year"),
    )
    with op.batch_alter_table("pkwt_contract") as batch:
        batch.add_column(sa.Column("minimum_wage", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("minimum_wage_missing", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("unlinked_earlier", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("ended_at", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("pkwt_contract") as batch:
        for column in ("end_reason", "ended_at", "unlinked_earlier", "minimum_wage_missing", "minimum_wage"):
            batch.drop_column(column)
    op.drop_table("sectoral_minimum_wage")
