"""The scheduler's step that closes requests at their deadline (`close_at_due`)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import func, select

from engine.core.db import Database
from engine.core.errors import LianxiError
from engine.core.uow import UnitOfWork
from engine.workflow import completion
from engine.workflow.models import HumanTask

log = logging.getLogger(__name__)


def close_overdue(db: Database, now: datetime) -> int:
    # Every minute, so by index (ix_task_closes_at_due): it holds only the requests that close
    # at their deadline, however many other tasks are open.
    with db.read_session() as session:
        due = session.scalars(
            select(HumanTask.id).where(
                HumanTask.status == "open", HumanTask.close_values.is_not(None), HumanTask.due_at < now
            )
        ).all()
    closed = 0
    for task_id in due:
        try:
            with UnitOfWork(db) as uow:
                completion.close_at_due(uow, task_id, now)
                uow.commit()
                closed += 1
        except LianxiError:  # answered meanwhile, or the process refused: the others still close
            log.exception("closing task %s at its deadline failed", task_id)
    return closed


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `close_overdue` next has work: just after the earliest deadline of a request that
    closes at it (it closes strictly after)."""
    with db.read_session() as session:
        first = session.scalar(
            select(func.min(HumanTask.due_at)).where(HumanTask.status == "open", HumanTask.close_values.is_not(None))
        )
    return None if first is None else first + timedelta(microseconds=1)
