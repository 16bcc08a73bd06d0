"""Upgrading a database: the schema's migrations, then what only today's code can write.

A migration may not read today's models (they change after it is written), so what must be
derived from the records by the code of the day runs here, after the schema is at head, and
only for a database that came from before the revision that needs it."""

from __future__ import annotations

from engine.core import schema
from engine.core.db import Database
from engine.search import index


def upgrade(db: Database) -> None:
    before = schema.upgrade(db)
    if before is not None and before < "0013":  # 0013 brought the search index, empty
        with db.write_session() as session:
            index.rebuild(session)
            session.commit()
