"""Sessions and logins: a per-user session version (signed into session cookies and API tokens; raised by
logout and password change, it ends every older session and token) and the time of the last failed login
(for the account's growing login delay).

Revision ID: 0008_sessions
Revises: 0006_naming_convention
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_sessions"
down_revision = "0006_naming_convention"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ab_user") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_failed_login", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("ab_user") as batch:
        batch.drop_column("last_failed_login")
        batch.drop_column("session_version")
