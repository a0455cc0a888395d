"""A DKPTKA payment names the extension request it pays; the request keeps the moment a payment for it was
validated (the extension is released).

Revision ID: 0024_dkptka_extension_link
Revises: 0023_dkptka_payments
Create Date: 2026-11-29 18:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0024_dkptka_extension_link'
down_revision = '0023_dkptka_payments'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dkptka_payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extension_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_dkptka_payment_extension_id'), ['extension_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_dkptka_payment_extension_id_tka_extension_request'),
                                    'tka_extension_request', ['extension_id'], ['id'])
    with op.batch_alter_table('tka_extension_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('released_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('tka_extension_request', schema=None) as batch_op:
        batch_op.drop_column('released_at')
    with op.batch_alter_table('dkptka_payment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_dkptka_payment_extension_id_tka_extension_request'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_dkptka_payment_extension_id'))
        batch_op.drop_column('extension_id')
