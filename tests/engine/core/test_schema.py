"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from engine.core import schema
from engine.core.base import Base
from engine.core.db import Database


def drift(db: Database) -> list:
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_migrations_match_models_on_sqlite(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    schema.upgrade(db)
    assert schema.is_current(db)
    assert drift(db) == []
    db.dispose()


def test_migrations_match_models_on_postgresql(pg_url):
    db = Database(pg_url)
    schema.upgrade(db)
    schema.upgrade(db)  # upgrading an up-to-date database changes nothing
    assert drift(db) == []
    db.dispose()
