"""Recording that a unit has seen what was sent to it: the first opening of a task addressed to
it, and the receipt of its copy of the issued minutes. Who counts as opening is decided in
engine.meetings.queries (`note_opened`, `note_receipt`); these load the row in the writer's
session and record it there. The caller commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from engine.meetings.models import Distribution
from engine.meetings.queries import note_opened, note_receipt
from engine.org.models import Person
from engine.workflow.models import HumanTask


def task_opened(session: Session, task_id: str, person: Person, now: datetime) -> bool:
    """The task's first opening by someone who answers for it; True when this call recorded it."""
    return note_opened(session, session.get(HumanTask, task_id), person, now)


def copy_opened(session: Session, distribution_id: int, person: Person, now: datetime) -> tuple[Distribution, bool]:
    """The copy, with its receipt recorded if this is its unit's first opening; True when this
    call recorded it."""
    copy = session.get(Distribution, distribution_id)
    return copy, note_receipt(session, copy, person, now)
