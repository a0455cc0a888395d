"""Full-text search of the public vacancy portal: a vacancy's title, company name, education field and description
as one document, searched by the database's full-text index (never LIKE).

- PostgreSQL: `vacancy.search_document` (tsvector, the `indonesian` configuration: Snowball stemming, so "menjual",
  "penjual" and "penjualan" meet at "jual"), weighted title A > company B > education field C > description D,
  kept by a trigger (the company's name lives in another table: a generated column cannot read it), with a GIN index.
- SQLite: an FTS5 table `vacancy_fts` (rowid = vacancy.id; no stemming) kept in sync by triggers; the column
  `search_document` exists there too (the models declare one schema) and stays empty.
A company renamed updates its vacancies' documents on both. And a partial index of the published vacancies by
publication time, for the portal's "newest first".

Revision ID: 0014_vacancy_search
Revises: 0013_vacancies
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0014_vacancy_search"
down_revision = "0013_vacancies"
branch_labels = None
depends_on = None

PG_DOCUMENT = """
    setweight(to_tsvector('indonesian', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('indonesian', coalesce((SELECT name FROM company WHERE id = NEW.company_id), '')), 'B') ||
    setweight(to_tsvector('indonesian', coalesce(NEW.education_field, '')), 'C') ||
    setweight(to_tsvector('indonesian', coalesce(NEW.description, '')), 'D')"""

PG_UPGRADE = [
    f"""CREATE FUNCTION vacancy_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_document := {PG_DOCUMENT};
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER vacancy_search_document BEFORE INSERT OR UPDATE OF title, description, education_field,
    company_id ON vacancy FOR EACH ROW EXECUTE FUNCTION vacancy_search_document()""",
    """CREATE FUNCTION company_name_vacancy_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE vacancy SET title = title WHERE company_id = NEW.id;  -- the trigger above rebuilds the documents
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER company_name_vacancy_search AFTER UPDATE OF name ON company FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION company_name_vacancy_search()""",
    "UPDATE vacancy SET title = title",
]
PG_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS company_name_vacancy_search ON company",
    "DROP FUNCTION IF EXISTS company_name_vacancy_search()",
    "DROP TRIGGER IF EXISTS vacancy_search_document ON vacancy",
    "DROP FUNCTION IF EXISTS vacancy_search_document()",
]

SQLITE_ROW = ("new.id, new.title, (SELECT name FROM company WHERE id = new.company_id), new.education_field, "
              "new.description")
SQLITE_UPGRADE = [
    "CREATE VIRTUAL TABLE vacancy_fts USING fts5(title, company, education_field, description, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER vacancy_fts_insert AFTER INSERT ON vacancy BEGIN
        INSERT INTO vacancy_fts (rowid, title, company, education_field, description) VALUES ({SQLITE_ROW});
    END""",
    f"""CREATE TRIGGER vacancy_fts_update AFTER UPDATE OF title, description, education_field, company_id ON vacancy
    BEGIN
        DELETE FROM vacancy_fts WHERE rowid = old.id;
        INSERT INTO vacancy_fts (rowid, title, company, education_field, description) VALUES ({SQLITE_ROW});
    END""",
    """CREATE TRIGGER vacancy_fts_delete AFTER DELETE ON vacancy BEGIN
        DELETE FROM vacancy_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER company_name_vacancy_fts AFTER UPDATE OF name ON company WHEN old.name IS NOT new.name BEGIN
        UPDATE vacancy_fts SET company = new.name WHERE rowid IN (SELECT id FROM vacancy WHERE company_id = new.id);
    END""",
    "INSERT INTO vacancy_fts (rowid, title, company, education_field, description) SELECT v.id, v.title, c.name, "
    "v.education_field, v.description FROM vacancy v JOIN company c ON c.id = v.company_id",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS company_name_vacancy_fts",
    "DROP TRIGGER IF EXISTS vacancy_fts_delete",
    "DROP TRIGGER IF EXISTS vacancy_fts_update",
    "DROP TRIGGER IF EXISTS vacancy_fts_insert",
    "DROP TABLE IF EXISTS vacancy_fts",
]


def upgrade():
    dialect = op.get_bind().dialect.name
    document_type = postgresql.TSVECTOR() if dialect == "postgresql" else sa.Text()
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_document", document_type, nullable=True))
    # The portal lists the newest open vacancies first: the published ones, a small part of the register.
    op.create_index("ix_vacancy_open_published_at", "vacancy", ["published_at"],
                    postgresql_where=sa.text("status = 'published'"), sqlite_where=sa.text("status = 'published'"))
    if dialect == "postgresql":
        for statement in PG_UPGRADE:
            op.execute(statement)
        op.create_index("ix_vacancy_search_document", "vacancy", ["search_document"], postgresql_using="gin")
    elif dialect == "sqlite":
        for statement in SQLITE_UPGRADE:
            op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    op.drop_index("ix_vacancy_open_published_at", table_name="vacancy")
    if dialect == "postgresql":
        op.drop_index("ix_vacancy_search_document", table_name="vacancy")
        for statement in PG_DOWNGRADE:
            op.execute(statement)
    elif dialect == "sqlite":
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_column("search_document")
