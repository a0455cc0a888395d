"""Workflow kit: decisions store their reason as a code (counted by reason in reports).

Revision ID: 0004_workflow_kit
Revises: 55b2995521bf
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_workflow_kit"
down_revision = "55b2995521bf"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("transition_log") as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table("transition_log") as batch_op:
        batch_op.drop_column("reason")
