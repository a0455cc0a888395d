"""Workflow kit: decisions store their reason as a code (counted by reason in reports), and rows with a
workflow know since when they wait in their status (work-queue age and deadline).

Revision ID: 0004_workflow_kit
Revises: 55b2995521bf
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_workflow_kit"
down_revision = "55b2995521bf"
branch_labels = None
depends_on = None

WORKFLOW_TABLES = ("company", "ak1_card", "pkwt_submission")


def upgrade():
    with op.batch_alter_table("transition_log") as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=40), nullable=True))
    for table in WORKFLOW_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True))
            batch_op.create_index(f"ix_{table}_status_changed_at", ["status_changed_at"])
        # Existing rows: the last logged move, else when the row was made.
        op.execute(f"""
            UPDATE {table} SET status_changed_at = COALESCE(
                (SELECT MAX(t.at) FROM transition_log t
                  WHERE t.table_name = '{table}' AND t.row_id = CAST({table}.id AS VARCHAR(100))),
                {table}.created_at)
        """)


def downgrade():
    for table in WORKFLOW_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_status_changed_at")
            batch_op.drop_column("status_changed_at")
    with op.batch_alter_table("transition_log") as batch_op:
        batch_op.drop_column("reason")
