"""Creating and upgrading the schema (alembic), and what the schema is at in a database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from engine.core.db import Database, is_sqlite

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Returns the revision the database was at before, None if it had no schema."""
    with _migrating(db) as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        command.upgrade(_config(connection), revision)
    return before


def downgrade(db: Database, revision: str) -> None:
    """Back to an earlier revision: for an operator undoing an upgrade, and for testing one."""
    with _migrating(db) as connection:
        command.downgrade(_config(connection), revision)


@contextmanager
def _migrating(db: Database) -> Iterator:
    """One transaction for the whole migration. SQLite alters a table by copying it, which its
    foreign keys would refuse while other tables point at it: they are off for the copy (a
    pragma that only takes effect outside a transaction) and checked before the commit."""
    with db.engine.connect() as connection:
        sqlite = is_sqlite(db.engine)
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left rows whose foreign keys point nowhere")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def is_current(db: Database) -> bool:
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current == ScriptDirectory.from_config(_config()).get_current_head()


def autogenerate(db: Database, message: str) -> None:
    """For developers: `python -m engine.core.schema "what changed"` against an up-to-date database."""
    with db.engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        scratch_db = Database(f"sqlite:///{scratch}/schema.db")
        upgrade(scratch_db)
        autogenerate(scratch_db, sys.argv[1])
