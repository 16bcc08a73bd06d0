"""The domain records a task's completion writes, named by the task's BPMN `record` property.

The process decides *when* (which task); the recorders decide *what* is kept (a meeting, a
version of its minutes, a co-signature). Deploying a BPMN that names an unknown record fails.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from engine.workflow.models import HumanTask, ProcessInstance


@dataclass(frozen=True)
class Completion:
    task: HumanTask
    instance: ProcessInstance
    values: dict  # what was submitted, cleaned
    data: dict  # the process data after the task ran
    by: str  # a user name, or "system"
    now: datetime


Recorder = Callable[[Session, Completion], None]


def recorders() -> Mapping[str, Recorder]:
    """Every record name the features keep (engine.features)."""
    from engine import features  # at call time: the features import this core, never the reverse

    return features.RECORDERS


def write(session: Session, completion: Completion) -> None:
    if completion.task.record:
        recorders()[completion.task.record](session, completion)
