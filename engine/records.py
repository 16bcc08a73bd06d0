"""The domain records a task's completion writes, named by the task's BPMN `record` property.

The process decides *when* (which task); the recorders decide *what* is kept (a meeting, a
version of its minutes, a co-signature). Deploying a BPMN that names an unknown record fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from engine.annual import recorders as annual
from engine.meetings import recorders as meetings
from engine.models import HumanTask, ProcessInstance
from engine.plan_runs import recorders as plan_runs
from engine.supervision import recorders as supervision


@dataclass(frozen=True)
class Completion:
    task: HumanTask
    instance: ProcessInstance
    values: dict  # what was submitted, cleaned
    data: dict  # the process data after the task ran
    by: str  # a user name, or "system"
    now: datetime


RECORDERS: dict[str, Callable[[Session, Completion], None]] = {
    **meetings.RECORDERS,
    **supervision.RECORDERS,
    **plan_runs.RECORDERS,
    **annual.RECORDERS,
}


def write(session: Session, completion: Completion) -> None:
    if completion.task.record:
        RECORDERS[completion.task.record](session, completion)
