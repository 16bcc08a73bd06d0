"""Firing timers: the scheduler's step that wakes every instance whose earliest timer is due.

Each instance keeps when its next timer falls (next_timer_at, from engine.workflow.spiff.timers),
so a pass reads only the instances that are due rather than loading every workflow.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import func, select

from engine.core import audit
from engine.core.db import Database
from engine.core.errors import ProcessFailure
from engine.core.uow import UnitOfWork
from engine.workflow.instances import run_command
from engine.workflow.models import ProcessInstance

log = logging.getLogger(__name__)


def fire_due_timers(db: Database, now: datetime) -> int:
    """One timer pass: every instance whose earliest timer is due, each in its own transaction
    so that one broken instance does not hold up the others."""
    with db.read_session() as session:
        due = session.scalars(
            select(ProcessInstance.id).where(
                ProcessInstance.status == "running",
                ProcessInstance.next_timer_at < now,  # SpiffWorkflow fires strictly after
            )
        ).all()
    fired = 0
    for instance_id in due:
        try:
            with UnitOfWork(db) as uow:
                # The engine steps refresh the timers themselves (step_failures.run_engine_steps),
                # where a timer whose expression fails becomes an incident instead of failing every pass.
                instance = run_command(uow, instance_id, now, lambda wf: None)
                audit.record(
                    uow.session,
                    now,
                    "system",
                    "timer",
                    body_id=instance.body_id,
                    instance_id=instance_id,
                )
                uow.commit()
                fired += 1
        except ProcessFailure:
            log.exception("timer on instance %s failed; left as it was", instance_id)
    return fired


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `fire_due_timers` next has work: just after the earliest timer (it fires strictly after)."""
    with db.read_session() as session:
        first = session.scalar(
            select(func.min(ProcessInstance.next_timer_at)).where(ProcessInstance.status == "running")
        )
    return None if first is None else first + timedelta(microseconds=1)
