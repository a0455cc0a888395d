"""Indexes for two list look-ups that read the table: job seekers by kecamatan and status (the count reads the
index alone; the kecamatan-only index it replaces is its prefix) and PKWT contracts by the worker's NIK across
companies (issue 9).

Revision ID: 0025_list_lookup_indexes
Revises: 0024_dkptka_extension_link
Create Date: 2026-11-29 21:40:00

"""
from alembic import op


revision = '0025_list_lookup_indexes'
down_revision = '0024_dkptka_extension_link'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_job_seeker_kecamatan_status', 'job_seeker', ['kecamatan_code', 'status'], unique=False)
    op.drop_index('ix_job_seeker_kecamatan_code', table_name='job_seeker')
    op.create_index('ix_pkwt_contract_nik', 'pkwt_contract', ['nik'], unique=False)


def downgrade():
    op.drop_index('ix_pkwt_contract_nik', table_name='pkwt_contract')
    op.create_index('ix_job_seeker_kecamatan_code', 'job_seeker', ['kecamatan_code'], unique=False)
    op.drop_index('ix_job_seeker_kecamatan_status', table_name='job_seeker')
