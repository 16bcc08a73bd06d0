"""the search index: one entry per task, meeting, decided item, document and plan, matched by
FTS5 on SQLite and a GIN index over the same terms on PostgreSQL (docs/SEARCH.md)

The entries of an existing database are written by `lianxi search rebuild`, once, after upgrading:
a migration that read today's models would break when they change.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The FTS5 table reads its rows from search_entry (external content); the triggers keep it in step.
SQLITE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_entry', content_rowid='id')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
)
# The terms are already cut (engine.search.terms): made lexemes as they are, never parsed again.
POSTGRESQL = (
    "CREATE INDEX ix_search_terms ON search_entry USING gin (array_to_tsvector(string_to_array(terms, ' ')))",
)


def upgrade() -> None:
    op.create_table(
        "search_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_search_entry_body_id_body")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entry")),
        sa.UniqueConstraint("kind", "record_id", name=op.f("uq_search_entry_kind")),
    )
    op.create_index(op.f("ix_search_entry_body_id"), "search_entry", ["body_id"], unique=False)
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")  # its triggers go with search_entry
    op.drop_index(op.f("ix_search_entry_body_id"), table_name="search_entry")
    op.drop_table("search_entry")
