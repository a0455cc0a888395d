"""IPK months closed: the frozen figures of each closed month, who closed and who re-opened it and why.

Revision ID: 0018_ipk_close
Revises: 0017_ipk_facts
Create Date: 2026-11-30 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0018_ipk_close'
down_revision = '0017_ipk_facts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'ipk_month',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('closed_by_name', sa.String(length=256), nullable=False),
        sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reopened_by_id', sa.Integer(), nullable=True),
        sa.Column('reopened_by_name', sa.String(length=256), nullable=True),
        sa.Column('reopen_reason', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['closed_by_id'], ['ab_user.id'], name=op.f('fk_ipk_month_closed_by_id_ab_user')),
        sa.ForeignKeyConstraint(['reopened_by_id'], ['ab_user.id'], name=op.f('fk_ipk_month_reopened_by_id_ab_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ipk_month')),
        sa.UniqueConstraint('month', name=op.f('uq_ipk_month_month')),
    )


def downgrade():
    op.drop_table('ipk_month')
