"""Matching: find the seekers who want or did an occupation of a KBJI group (candidates for a vacancy), and read
their hard filters (sex, age, education, place, active AK-1) from indexes alone.

Revision ID: 0015_match_digest
Revises: 0014_vacancy_search
Create Date: 2026-11-29 12:20:00

"""
from alembic import op

revision = '0015_match_digest'
down_revision = '0014_vacancy_search'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('job_seeker', schema=None) as batch_op:
        batch_op.create_index('ix_job_seeker_match', ['id', 'status', 'sex', 'education_level_code', 'birth_date',
                                                      'kecamatan_code', 'willing_outside_regency'], unique=False)
    with op.batch_alter_table('ak1_card', schema=None) as batch_op:
        batch_op.create_index('ix_ak1_card_seeker_active', ['job_seeker_id', 'status', 'valid_until'], unique=False)
    with op.batch_alter_table('seeker_preference', schema=None) as batch_op:
        batch_op.create_index('ix_seeker_preference_kind_kbji', ['kind', 'kbji_code', 'job_seeker_id'], unique=False)
    with op.batch_alter_table('seeker_experience', schema=None) as batch_op:
        batch_op.create_index('ix_seeker_experience_kbji_seeker', ['kbji_code', 'job_seeker_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ak1_card', schema=None) as batch_op:
        batch_op.drop_index('ix_ak1_card_seeker_active')
    with op.batch_alter_table('job_seeker', schema=None) as batch_op:
        batch_op.drop_index('ix_job_seeker_match')
    with op.batch_alter_table('seeker_experience', schema=None) as batch_op:
        batch_op.drop_index('ix_seeker_experience_kbji_seeker')
    with op.batch_alter_table('seeker_preference', schema=None) as batch_op:
        batch_op.drop_index('ix_seeker_preference_kind_kbji')
