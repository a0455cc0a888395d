"""Indexes for look-ups that read the whole table at the regency's volume (issue 9): job seekers by kecamatan and
status (the count reads the index alone; the kecamatan-only index it replaces is its prefix), PKWT contracts by
the worker's NIK across companies, the contracts whose wage waits for a UMK (a partial index of the few), and
issued AK-1 cards by issue date (the re-reports due today, counted from the index), a user's unread
notifications (the bell on every page). And a finer histogram of the text columns the big lists search by a
pattern: with the default one PostgreSQL took a common name for 3 % of a million contracts and counted its
matches by reading the table from the start (100 ms), instead of through the trigram index (4-12 ms).

Revision ID: 0025_list_lookup_indexes
Revises: 0024_dkptka_extension_link
Create Date: 2026-11-29 21:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0025_list_lookup_indexes'
down_revision = '0024_dkptka_extension_link'
branch_labels = None
depends_on = None


# PostgreSQL: statistics target of the columns searched by "contains" on the lists with hundreds of thousands of rows
FINER_STATISTICS = {"job_seeker": ["full_name", "nik"], "pkwt_contract": ["full_name", "nik"], "company": ["name"],
                    "ak1_card": ["number"], "pkwt_submission": ["number"]}


def _set_statistics(target):
    if op.get_bind().dialect.name == "postgresql":
        for table, columns in FINER_STATISTICS.items():
            for column in columns:
                op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {target}")


def upgrade():
    op.create_index('ix_job_seeker_kecamatan_status', 'job_seeker', ['kecamatan_code', 'status'], unique=False)
    op.drop_index('ix_job_seeker_kecamatan_code', table_name='job_seeker')
    op.create_index('ix_pkwt_contract_nik', 'pkwt_contract', ['nik'], unique=False)
    op.create_index('ix_pkwt_contract_minimum_wage_missing', 'pkwt_contract', ['company_id'], unique=False,
                    postgresql_where=sa.text('minimum_wage_missing'), sqlite_where=sa.text('minimum_wage_missing'))
    op.create_index('ix_ak1_card_status_issued', 'ak1_card', ['status', 'issued_at'], unique=False)
    op.create_index('ix_notification_unread', 'notification', ['user_id'], unique=False,
                    postgresql_where=sa.text('read_at IS NULL'), sqlite_where=sa.text('read_at IS NULL'))
    _set_statistics(1000)


def downgrade():
    _set_statistics(-1)  # the server's default
    op.drop_index('ix_notification_unread', table_name='notification')
    op.drop_index('ix_ak1_card_status_issued', table_name='ak1_card')
    op.drop_index('ix_pkwt_contract_minimum_wage_missing', table_name='pkwt_contract')
    op.drop_index('ix_pkwt_contract_nik', table_name='pkwt_contract')
    op.create_index('ix_job_seeker_kecamatan_code', 'job_seeker', ['kecamatan_code'], unique=False)
    op.drop_index('ix_job_seeker_kecamatan_status', table_name='job_seeker')
