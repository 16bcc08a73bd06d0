"""The unit of work: one write transaction, committed only when the service says so."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.core.db import Database


class UnitOfWork:
    def __init__(self, db: Database):
        self._db = db
        self.session: Session | None = None
        # Rows this transaction holds locked, by key (engine.workflow.instances.lock keeps instances here).
        self.locked: dict = {}

    def __enter__(self) -> UnitOfWork:
        self.session = self._db.write_session()
        return self

    def __exit__(self, *exc) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
        self.locked.clear()  # committing released the locks
