"""List search indexes: a pg_trgm GIN index (PostgreSQL only) on every text column a list searches with
"contains" (ILIKE '%…%'), on the tables that grow with the regency's volume, so that a name or number search
reads the index instead of the whole table (job_seeker.full_name has had one since 0002). The models declare the
same indexes (app.core.models.trigram_indexes).

Reference tables (a few thousand rows at most), FAB's role and permission tables and the per-user notification
inbox are not indexed: a scan of them is cheaper than the index.

Revision ID: 0012_list_search_indexes
Revises: 0011_law_as_coded
"""
from alembic import op

revision = "0012_list_search_indexes"
down_revision = "0011_law_as_coded"
branch_labels = None
depends_on = None

SEARCHED_TEXT = {
    "ab_user": ["username", "email", "first_name", "last_name"],
    "ak1_card": ["number"],
    "audit_entry": ["username", "table_name", "row_id"],
    "branch": ["name"],
    "company": ["name", "nib", "npwp"],
    "job_seeker": ["nik"],
    "login_event": ["username"],
    "pkwt_contract": ["full_name", "nik"],
    "pkwt_submission": ["number"],
    "seeker_education": ["school", "major"],
    "seeker_experience": ["company_name", "position"],
    "seeker_language": ["language"],
    "seeker_training": ["kind", "institution"],
}


def _indexes():
    for table, columns in SEARCHED_TEXT.items():
        for column in columns:
            yield f"ix_{table}_{column}_trgm", table, column


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in _indexes():
        op.create_index(name, table, [column], postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, _column in _indexes():
        op.drop_index(name, table_name=table)
