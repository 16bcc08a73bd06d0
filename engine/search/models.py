"""The search index: one row per record that can be found. The full-text part is the database's
own and lives outside the models: an FTS5 table kept by triggers on SQLite, a GIN expression
index on PostgreSQL (migration 0013; `INDEX_PARTS` tells alembic's comparison to leave them be)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base

# The database-specific parts of the index, which the models do not describe.
INDEX_PARTS = ("search_fts", "ix_search_terms")


class SearchEntry(Base):
    __tablename__ = "search_entry"
    __table_args__ = (UniqueConstraint("kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # task | meeting | item | document | plan
    record_id: Mapped[str] = mapped_column(String(40))  # a task's UUID, the others' integer ids
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")  # what else was indexed, for the excerpt
    terms: Mapped[str] = mapped_column(Text)  # engine.search.terms.indexed, space-separated


def is_index_part(name: str | None) -> bool:
    """For alembic's include_name: the FTS5 table, its shadow tables and the GIN index."""
    return bool(name) and name.startswith(INDEX_PARTS)
