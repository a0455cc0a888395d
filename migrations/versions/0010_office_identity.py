"""Office identity on the office profile: the government and office names of the letterhead and the place of
signing, printed by the document shell (reports/shell.py) instead of being written into each renderer.

Revision ID: 0010_office_identity
Revises: 0008_sessions
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_office_identity"
down_revision = "0008_sessions"
branch_labels = None
depends_on = None

COLUMNS = [("government_name", 150, "Pemerintah Kabupaten Tangerang"), ("office_name", 150, "Dinas Tenaga Kerja"),
           ("city", 60, "Tigaraksa")]


def upgrade():
    with op.batch_alter_table("office_profile") as batch:
        for name, length, default in COLUMNS:  # the existing row gets the names printed until now
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=default))


def downgrade():
    with op.batch_alter_table("office_profile") as batch:
        for name, _, _ in reversed(COLUMNS):
            batch.drop_column(name)
