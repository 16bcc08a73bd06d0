"""催办记录: a task's or a unit's reminders, newest first, each with the deliveries it made, and
how many times each task has been reminded."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from engine.reminders.models import Reminder

UNIT_LIMIT = 200  # a unit's page lists its most recent reminders


def _newest_first(query):
    return query.options(selectinload(Reminder.messages)).order_by(Reminder.created_at.desc(), Reminder.id.desc())


def of_task(session: Session, task_id: str) -> list[Reminder]:
    return list(session.scalars(_newest_first(select(Reminder).where(Reminder.task_id == task_id))))


def of_unit(session: Session, body_id: int, unit: str, limit: int = UNIT_LIMIT) -> list[Reminder]:
    """The reminders the unit received, newest first, with their tasks."""
    query = select(Reminder).where(Reminder.body_id == body_id, Reminder.unit == unit)
    query = _newest_first(query).options(selectinload(Reminder.task)).limit(limit)
    return list(session.scalars(query))


def counts_by_task(session: Session, task_ids: list[str]) -> dict[str, int]:
    """How many times each task has been reminded: one grouped COUNT (tasks never reminded left out)."""
    if not task_ids:
        return {}
    query = select(Reminder.task_id, func.count()).where(Reminder.task_id.in_(task_ids)).group_by(Reminder.task_id)
    return dict(session.execute(query).all())
