"""一键催办: the office reminds, with one click, exactly the units still owing a request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import Forbidden
from engine.org.models import Person
from engine.reminders.models import Reminder
from engine.reminders.planning import record
from engine.workflow import access
from engine.workflow.models import HumanTask


def still_owing(session: Session, instance_id: int, task_name: str) -> list[HumanTask]:
    return list(
        session.scalars(
            select(HumanTask)
            .where(HumanTask.instance_id == instance_id, HumanTask.name == task_name, HumanTask.status == "open")
            .order_by(HumanTask.assignee)
        )
    )


def nag(
    session: Session, person: Person, instance_id: int, task_name: str, now: datetime, note: str = ""
) -> list[Reminder]:
    instance = access.visible_instance(session, person, instance_id)
    if not person.is_office:
        raise Forbidden("only the office sends reminders")
    reminders = [
        record(session, task, "manual", now, now, person.username, note)
        for task in still_owing(session, instance_id, task_name)
    ]
    if not reminders:
        return []
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
    return reminders
