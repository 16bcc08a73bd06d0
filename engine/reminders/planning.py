"""Planning reminders: turn each open task's schedule into 催办 records and outbox messages.

Planning and sending are separate steps. Planning writes what is due up to `now`, once: the
reminder key is unique, and a task's `next_reminder_at` means a pass reads only the tasks with
something due. A reminder planned long after its instant (the scheduler was down) is marked
late and still sent, once. A pass goes a batch at a time (engine.reminders.batches).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.core.db import Database, is_sqlite
from engine.reminders import batches
from engine.reminders.batches import LATE_AFTER, Planner
from engine.reminders.models import OutboxMessage, Reminder
from engine.reminders.recipients import Audience
from engine.workflow.models import HumanTask

if TYPE_CHECKING:
    from engine.background import Lease

log = logging.getLogger(__name__)


def plan_due(db: Database, now: datetime, lease: Lease | None = None) -> list[dict]:
    """One planning pass: every reminder due by `now` and not yet recorded gets recorded, a batch
    per transaction. Between batches a scheduler's `lease` is renewed; when another scheduler
    has taken it over, the pass stops, and what it left is the next pass's (nothing recorded
    is recorded again). Returns the messages it will send (`lianxi remind --json` shows them)."""
    with db.read_session() as session:
        planner = Planner(session, now)
    planned, after = [], None
    while True:
        with db.read_session() as session:
            batch = planner.read(session, after, batches.BATCH)
        began = time.monotonic()
        planned += batches.write(db, batch, now) if batch else []
        if len(batch) < batches.BATCH:
            return planned
        after = (batch[-1].task.next_reminder_at, batch[-1].task.id)
        if lease is not None and not lease.renew():
            log.warning("reminder planning stopped: the scheduler lease went to another scheduler")
            return planned
        _let_writers_in(db, time.monotonic() - began)


def _let_writers_in(db: Database, held: float) -> None:
    """SQLite has one write lock, and a writer kept waiting for it only looks again now and then
    (every 100 ms at worst): a pass that took the lock back at once would keep a completion
    waiting for the whole pass. So after each batch the lock stays free as long as the batch
    held it. PostgreSQL locks rows, and a completion never waits for the pass there."""
    if is_sqlite(db.engine):
        time.sleep(held)


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `plan_due` next has work: the earliest open task's next reminder."""
    with db.read_session() as session:
        first = select(func.min(HumanTask.next_reminder_at))
        return session.scalar(first.where(HumanTask.status == "open", HumanTask.due_at.is_not(None)))


def preview(session: Session, now: datetime) -> list[dict]:
    """What a pass at `now` would plan, writing nothing (`lianxi remind --dry-run`)."""
    planner, found, after = Planner(session, now), [], None
    while batch := planner.read(session, after, batches.BATCH):
        found += [
            row for owed in batch for p, sent_to in owed.reminders for row in batches.rows(owed.task, p, now, sent_to)
        ]
        after = (batch[-1].task.next_reminder_at, batch[-1].task.id)
    return found


def replan(session: Session, now: datetime, body_id: int | None = None) -> None:
    """After a body's policy (or, for every body, the national calendar) changed: each open task
    is due a look at the next pass, which works its schedule out afresh. One statement, however
    many tasks are open; the pass then plans only from each task's last reminder on, as ever,
    so what fell before the change is not back-filled."""
    looks = update(HumanTask).where(HumanTask.status == "open", HumanTask.due_at.is_not(None))
    if body_id is not None:
        looks = looks.where(HumanTask.body_id == body_id)
    session.execute(looks.values(next_reminder_at=now))


def record(
    session: Session, task: HumanTask, kind: str, planned_at: datetime, now: datetime, by: str, note: str = ""
) -> Reminder:
    """One 催办 record and one outbox message per recipient and channel (一键催办, urgent alerts)."""
    reminder = Reminder(
        task_id=task.id,
        body_id=task.body_id,
        unit=batches.unit_of(task),
        kind=kind,
        planned_at=planned_at,
        created_at=now,
        late=now - planned_at > LATE_AFTER,
        created_by=by,
        note=note,
    )
    session.add(reminder)
    for recipient, channel in Audience().of(session, task, kind):
        reminder.messages.append(
            OutboxMessage(recipient=recipient, channel=channel, status="pending", attempts=0, next_attempt_at=now)
        )
    session.flush()
    return reminder
