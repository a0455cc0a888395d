"""Indexes for look-ups that read the whole table at the regency's volume (issue 9): job seekers by kecamatan and
status (the count reads the index alone; the kecamatan-only index it replaces is its prefix), PKWT contracts by
the worker's NIK across companies, the contracts whose wage waits for a UMK (a partial index of the few), and
issued AK-1 cards by issue date (the re-reports due today, counted from the index), a user's unread
notifications (the bell on every page).

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


def upgrade():
    op.create_index('ix_job_seeker_kecamatan_status', 'job_seeker', ['kecamatan_code', 'status'], unique=False)
    op.drop_index('ix_job_seeker_kecamatan_code', table_name='job_seeker')
    op.create_index('ix_pkwt_contract_nik', 'pkwt_contract', ['nik'], unique=False)
    op.create_index('ix_pkwt_contract_minimum_wage_missing', 'pkwt_contract', ['company_id'], unique=False,
                    postgresql_where=sa.text('minimum_wage_missing'), sqlite_where=sa.text('minimum_wage_missing'))
    op.create_index('ix_ak1_card_status_issued', 'ak1_card', ['status', 'issued_at'], unique=False)
    op.create_index('ix_notification_unread', 'notification', ['user_id'], unique=False,
                    postgresql_where=sa.text('read_at IS NULL'), sqlite_where=sa.text('read_at IS NULL'))


def downgrade():
    op.drop_index('ix_notification_unread', table_name='notification')
    op.drop_index('ix_ak1_card_status_issued', table_name='ak1_card')
    op.drop_index('ix_pkwt_contract_minimum_wage_missing', table_name='pkwt_contract')
    op.drop_index('ix_pkwt_contract_nik', table_name='pkwt_contract')
    op.create_index('ix_job_seeker_kecamatan_code', 'job_seeker', ['kecamatan_code'], unique=False)
    op.drop_index('ix_job_seeker_kecamatan_status', table_name='job_seeker')
