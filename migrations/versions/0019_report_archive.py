"""The report archive: each generation of a declared report (report, period, parameters, who, when, status) and
its stored files. At most one generation running and one done per report, period and parameters (partial unique
indexes): two jobs started together make one file.

Revision ID: 0019_report_archive
Revises: 0018_ipk_close
Create Date: 2026-11-30 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0019_report_archive'
down_revision = '0018_ipk_close'
branch_labels = None
depends_on = None

SAME = ['report_key', 'period', 'parameters_key']


def upgrade():
    op.create_table('report_generation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_key', sa.String(length=30), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('parameters', sa.Text(), nullable=False),
    sa.Column('parameters_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('job_id', sa.String(length=64), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['ab_user.id'],
                            name=op.f('fk_report_generation_requested_by_id_ab_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_generation'))
    )
    with op.batch_alter_table('report_generation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_generation_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_generation_job_id'), ['job_id'], unique=False)
        batch_op.create_index('ix_report_generation_period', ['period', 'report_key'], unique=False)
        for status in ('running', 'done'):
            batch_op.create_index(f'uq_report_generation_{status}', SAME, unique=True,
                                  postgresql_where=sa.text(f"status = '{status}'"),
                                  sqlite_where=sa.text(f"status = '{status}'"))
    op.create_table('report_generation_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generation_id', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('stored_file_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['generation_id'], ['report_generation.id'],
                            name=op.f('fk_report_generation_file_generation_id_report_generation')),
    sa.ForeignKeyConstraint(['stored_file_id'], ['stored_file.id'],
                            name=op.f('fk_report_generation_file_stored_file_id_stored_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_generation_file')),
    sa.UniqueConstraint('stored_file_id', name=op.f('uq_report_generation_file_stored_file_id'))
    )
    with op.batch_alter_table('report_generation_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_generation_file_generation_id'), ['generation_id'], unique=False)


def downgrade():
    op.drop_table('report_generation_file')
    op.drop_table('report_generation')
