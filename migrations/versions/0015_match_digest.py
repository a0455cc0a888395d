"""Matching: find the seekers who want or did an occupation of a KBJI group (candidates for a vacancy).

Revision ID: 0015_match_digest
Revises: 0013_vacancies
Create Date: 2026-11-29 12:20:00

"""
from alembic import op

revision = '0015_match_digest'
down_revision = '0013_vacancies'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('seeker_preference', schema=None) as batch_op:
        batch_op.create_index('ix_seeker_preference_kbji_seeker', ['kbji_code', 'job_seeker_id'], unique=False)
    with op.batch_alter_table('seeker_experience', schema=None) as batch_op:
        batch_op.create_index('ix_seeker_experience_kbji_seeker', ['kbji_code', 'job_seeker_id'], unique=False)


def downgrade():
    with op.batch_alter_table('seeker_experience', schema=None) as batch_op:
        batch_op.drop_index('ix_seeker_experience_kbji_seeker')
    with op.batch_alter_table('seeker_preference', schema=None) as batch_op:
        batch_op.drop_index('ix_seeker_preference_kbji_seeker')
