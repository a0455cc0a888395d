"""Job fairs: a booth code is unique within its fair.

Revision ID: 0016_fairs_extra
Revises: 0015_match_digest
Create Date: 2026-11-29 12:20:00

"""
from alembic import op


revision = '0016_fairs_extra'
down_revision = '0015_match_digest'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('fair_company', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_fair_company_booth'), ['booth', 'fair_id'])


def downgrade():
    with op.batch_alter_table('fair_company', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_fair_company_booth'), type_='unique')
