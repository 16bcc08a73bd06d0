"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from engine.core import schema
from engine.core.db import Database
from engine.search.models import is_index_part
from engine.tables import metadata
from engine.workflow.models import HumanTask


def drift(db: Database) -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": lambda name, _type, _parents: not is_index_part(name)}
        )
        return compare_metadata(context, metadata)


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


def own_consent_tasks(db: Database) -> list[tuple[str, bool, dict]]:
    with db.read_session() as session:
        rows = session.query(HumanTask).filter(HumanTask.name == "cosign_minutes").all()
        return sorted((t.id, t.proxy_allowed, t.shown) for t in rows)


def upgrade_from_0010_keeps_own_consent(db: Database) -> None:
    """0011 moves `proxy` = no from the shown data into its column: a co-signature stays the unit's own."""
    before = own_consent_tasks(db)
    assert before and all(not allowed and "_no_proxy" not in shown for _, allowed, shown in before)
    schema.downgrade(db, "0010")
    with db.engine.connect() as connection:
        flagged = connection.scalar(
            text("SELECT count(*) FROM human_task WHERE CAST(shown AS TEXT) LIKE '%_no_proxy%'")
        )
    assert flagged == len(before)
    schema.upgrade(db)
    assert own_consent_tasks(db) == before


def test_upgrade_from_0010_keeps_own_consent_on_sqlite(db):
    upgrade_from_0010_keeps_own_consent(db)


def test_upgrade_from_0010_keeps_own_consent_on_postgresql(pg_demo):
    upgrade_from_0010_keeps_own_consent(pg_demo)
