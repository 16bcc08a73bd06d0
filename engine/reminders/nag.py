"""一键催办: the office reminds, with one click, exactly the units still owing a request.

A unit already nagged about a task within `NAG_INTERVAL` is skipped, so a second click (or two
people clicking) does not nag it twice; the others still owing are reminded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit, limits
from engine.core.errors import Forbidden
from engine.org.models import Person
from engine.reminders.models import Reminder
from engine.reminders.planning import record
from engine.workflow import access
from engine.workflow.models import HumanTask

NAG_INTERVAL = timedelta(hours=4)


@dataclass(frozen=True)
class Nagged:
    reminded: list[Reminder]
    skipped: list[HumanTask]  # owing still, but nagged within NAG_INTERVAL


def still_owing(session: Session, instance_id: int, task_name: str) -> list[HumanTask]:
    return list(
        session.scalars(
            select(HumanTask)
            .where(HumanTask.instance_id == instance_id, HumanTask.name == task_name, HumanTask.status == "open")
            .order_by(HumanTask.assignee)
        )
    )


def recently_nagged(session: Session, task_ids: list[str], now: datetime) -> set[str]:
    """The tasks among `task_ids` someone nagged about within NAG_INTERVAL before `now`."""
    return set(
        session.scalars(
            select(Reminder.task_id).where(
                Reminder.task_id.in_(task_ids), Reminder.kind == "manual", Reminder.created_at > now - NAG_INTERVAL
            )
        )
    )


def nag(session: Session, person: Person, instance_id: int, task_name: str, now: datetime, note: str = "") -> Nagged:
    instance = access.visible_instance(session, person, instance_id)
    if not person.is_office:
        raise Forbidden("only the office sends reminders")
    limits.refuse_long({"note": note}, note=limits.NOTE_MAX)
    owing = still_owing(session, instance_id, task_name)
    recent = recently_nagged(session, [task.id for task in owing], now)
    reminders = [
        record(session, task, "manual", now, now, person.username, note) for task in owing if task.id not in recent
    ]
    if reminders:  # a 催办 that reminded nobody leaves no record
        audit.record(
            session,
            now,
            person.username,
            "nag",
            body_id=instance.body_id,
            instance_id=instance_id,
            summary=task_name,
            after={"units": [r.unit or r.task.assignee for r in reminders], "note": note},
        )
    return Nagged(reminders, [task for task in owing if task.id in recent])
