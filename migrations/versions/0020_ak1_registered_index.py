"""Registrations by day, kecamatan and education answered from one partial index (the dashboard's monthly
figures and its breakdowns at 500,000 cards).

Revision ID: 0020_ak1_registered_index
Revises: 0019_report_archive
Create Date: 2026-11-29 16:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0020_ak1_registered_index'
down_revision = '0019_report_archive'
branch_labels = None
depends_on = None

REGISTERED = sa.text("ipk_registration IS TRUE")


def upgrade():
    op.create_index('ix_ak1_card_registered', 'ak1_card', ['ipk_from', 'ipk_kecamatan_code', 'ipk_education_code'],
                    unique=False, postgresql_where=REGISTERED, sqlite_where=REGISTERED)


def downgrade():
    op.drop_index('ix_ak1_card_registered', table_name='ak1_card', postgresql_where=REGISTERED,
                  sqlite_where=REGISTERED)
