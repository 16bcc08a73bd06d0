"""The unit of work: one write transaction, committed only when the service says so."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from engine.db import Database
from engine.errors import NotFound
from engine.models import ProcessInstance


class UnitOfWork:
    def __init__(self, db: Database):
        self._db = db
        self.session: Session | None = None
        self._locked: dict[int, ProcessInstance] = {}

    def __enter__(self) -> UnitOfWork:
        self.session = self._db.write_session()
        return self

    def __exit__(self, *exc) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
        self._locked.clear()  # committing released the locks

    def lock_instance(self, instance_id: int) -> ProcessInstance:
        """The per-instance critical section: FOR UPDATE on PostgreSQL; on SQLite the write
        transaction already began IMMEDIATE and holds the database's write lock. Once locked, the
        row cannot change under this transaction, so a second call does not read it again."""
        if instance_id in self._locked:
            return self._locked[instance_id]
        instance = self.session.scalars(
            select(ProcessInstance)
            .where(ProcessInstance.id == instance_id)
            .options(undefer(ProcessInstance.state))
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one_or_none()
        if instance is None:
            raise NotFound(f"instance {instance_id}")
        self._locked[instance_id] = instance
        return instance
