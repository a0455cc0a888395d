"""IPK facts recorded when they happen: on each AK-1 card the day it came into force, whether that is a new
registration and the holder's data that day; on each vacancy the company's KBLI section when verified; the
sector of a past job. Existing rows are filled from what is stored now (the best there is).

Revision ID: 0017_ipk_facts
Revises: 0016_fairs_extra
Create Date: 2026-11-29 15:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0017_ipk_facts'
down_revision = '0016_fairs_extra'
branch_labels = None
depends_on = None

CARD_COLUMNS = [sa.Column('ipk_from', sa.Date()), sa.Column('ipk_registration', sa.Boolean()),
                sa.Column('ipk_sex', sa.String(1)), sa.Column('ipk_birth_date', sa.Date()),
                sa.Column('ipk_education_code', sa.String(4)), sa.Column('ipk_kbji_code', sa.String(4)),
                sa.Column('ipk_kbli_section', sa.String(1)), sa.Column('ipk_kecamatan_code', sa.String(13))]

BACKFILL_CARDS = """
UPDATE ak1_card SET
  ipk_from = CASE WHEN application_type = 'perbaikan'
                  THEN COALESCE((SELECT p.closed_at FROM ak1_card p WHERE p.id = ak1_card.previous_id), issued_at)
                  ELSE issued_at END,
  ipk_registration = CASE WHEN application_type = 'baru' THEN TRUE
                          WHEN application_type = 'perpanjangan' AND (SELECT p.expired_at FROM ak1_card p
                               WHERE p.id = ak1_card.previous_id) IS NOT NULL THEN TRUE
                          ELSE FALSE END,
  ipk_sex = (SELECT s.sex FROM job_seeker s WHERE s.id = ak1_card.job_seeker_id),
  ipk_birth_date = (SELECT s.birth_date FROM job_seeker s WHERE s.id = ak1_card.job_seeker_id),
  ipk_kecamatan_code = (SELECT s.kecamatan_code FROM job_seeker s WHERE s.id = ak1_card.job_seeker_id),
  ipk_education_code = (SELECT e.ipk_code FROM seeker_education e JOIN school_level l ON l.code = e.level_code
                        WHERE e.job_seeker_id = ak1_card.job_seeker_id ORDER BY l.sort_order DESC, e.id DESC
                        LIMIT 1),
  ipk_kbji_code = COALESCE(
    (SELECT p.kbji_code FROM seeker_preference p WHERE p.job_seeker_id = ak1_card.job_seeker_id
     AND p.kind = 'occupation' AND p.kbji_code IS NOT NULL ORDER BY p.id LIMIT 1),
    (SELECT x.kbji_code FROM seeker_experience x WHERE x.job_seeker_id = ak1_card.job_seeker_id
     ORDER BY x.start_date DESC, x.id DESC LIMIT 1))
WHERE issued_at IS NOT NULL
"""

BACKFILL_VACANCIES = """
UPDATE vacancy SET ipk_kbli_section = (
  SELECT CASE WHEN k.level = 'section' THEN k.code ELSE k.parent_code END
  FROM company c JOIN kbli k ON k.id = c.kbli_id WHERE c.id = vacancy.company_id)
WHERE published_at IS NOT NULL
"""


def upgrade():
    with op.batch_alter_table('ak1_card', schema=None) as batch_op:
        for column in CARD_COLUMNS:
            batch_op.add_column(column.copy())
        batch_op.create_index(batch_op.f('ix_ak1_card_ipk_from'), ['ipk_from'], unique=False)
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ipk_kbli_section', sa.String(1)))
    with op.batch_alter_table('seeker_experience', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kbli_id', sa.Integer()))
        batch_op.create_foreign_key(batch_op.f('fk_seeker_experience_kbli_id_kbli'), 'kbli', ['kbli_id'], ['id'])
    op.execute(BACKFILL_CARDS)
    op.execute(BACKFILL_VACANCIES)


def downgrade():
    with op.batch_alter_table('seeker_experience', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_seeker_experience_kbli_id_kbli'), type_='foreignkey')
        batch_op.drop_column('kbli_id')
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.drop_column('ipk_kbli_section')
    with op.batch_alter_table('ak1_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ak1_card_ipk_from'))
        for column in reversed(CARD_COLUMNS):
            batch_op.drop_column(column.name)
