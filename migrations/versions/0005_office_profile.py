"""Office profile: the head of office (name, rank, NIP) who signs letters, and the office's contact details
for letterheads, kept by Admin instead of environment variables. One row, filled on start-up (app.setup).

Revision ID: 0005_office_profile
Revises: 0004_workflow_kit
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_office_profile"
down_revision = "0004_workflow_kit"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "office_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("head_name", sa.String(length=150), nullable=False),
        sa.Column("head_rank", sa.String(length=100), nullable=True),
        sa.Column("head_nip", sa.String(length=25), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("email", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        # op.f: the name is final, the naming convention must not prefix it again.
        sa.CheckConstraint("id = 1", name=op.f("ck_office_profile_single_row")),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("office_profile")
