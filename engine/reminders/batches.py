"""Planning a batch of due tasks at once: read by index, worked out in memory, written in bulk.

A pass plans a hundred tasks a batch, each batch its own short write, so a pass over
100,000 reminders costs a handful of statements a batch rather than a dozen a reminder, and a
completion waits for a batch's write, not for the pass (SQLite has one write lock).
What is due is read, and worked out, outside the write; the write then keeps only the tasks
still as they were read, so a task completed or replanned meanwhile is left to the next pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Row, literal, select, tuple_, update
from sqlalchemy.orm import Session

from engine.core.clock import iso
from engine.core.db import Database
from engine.core.workdays import work_calendar
from engine.org.models import Body
from engine.reminders import bulk
from engine.reminders.models import UNPLANNED, OutboxMessage, Reminder
from engine.reminders.policy import Planned, Policy, layers, schedule
from engine.reminders.recipients import Audience
from engine.workflow.models import HumanTask

LATE_AFTER = timedelta(minutes=15)
# Tasks a batch: small enough that its write holds SQLite's write lock well under 100 ms even
# when each task is owed several reminders (a scheduler back after a day's downtime).
BATCH = 100

# All planning reads of a task: the row's other columns (its shown data above all) stay unread.
TASK = (
    HumanTask.id,
    HumanTask.instance_id,
    HumanTask.body_id,
    HumanTask.assignee_kind,
    HumanTask.assignee,
    HumanTask.title,
    HumanTask.due_at,
    HumanTask.created_at,
    HumanTask.reminder_policy,
    HumanTask.next_reminder_at,
)


@dataclass(frozen=True)
class Owed:
    """What a pass owes one task: the reminders to record, each with its (recipient, channel)
    pairs, and when the task next needs a look."""

    task: Row
    reminders: list[tuple[Planned, list[tuple[str, str]]]]
    next_at: datetime | None


class Planner:
    """One pass's planning at `now`. Kept from batch to batch: the calendar, the policies and
    schedules worked out (many tasks share a deadline and a policy) and who hears about what."""

    def __init__(self, session: Session, now: datetime):
        self.now, self.work, self.audience = now, work_calendar(session), Audience()
        self.bodies: dict[int, str] = {}  # each body's own policy, read when its first task comes
        self._policies: dict[tuple[int, str], Policy] = {}
        self._schedules: dict[tuple[datetime, Policy], list[Planned]] = {}

    def read(self, session: Session, after: tuple | None, size: int) -> list[Owed]:
        """The next `size` tasks due by `now`, in the order of when they were due, from `after`
        (the last batch's last task) on; with what each is owed."""
        due = select(*TASK).where(
            HumanTask.status == "open", HumanTask.due_at.is_not(None), HumanTask.next_reminder_at <= self.now
        )
        if after is not None:
            at, task_id = after  # typed, or the tuple would bind the instant untranslated
            at = literal(at, HumanTask.next_reminder_at.type)
            due = due.where(tuple_(HumanTask.next_reminder_at, HumanTask.id) > tuple_(at, task_id))
        tasks = session.execute(due.order_by(HumanTask.next_reminder_at, HumanTask.id).limit(size)).all()
        new_bodies = {task.body_id for task in tasks} - self.bodies.keys()
        if new_bodies:
            policies = select(Body.id, Body.reminder_policy).where(Body.id.in_(new_bodies))
            self.bodies.update(session.execute(policies).tuples().all())
        done = _planned(session, [task.id for task in tasks])
        return [self._owed(session, task, done.get(task.id, set())) for task in tasks]

    def _owed(self, session: Session, task: Row, done: set[Planned]) -> Owed:
        """What falls between the task's last planned reminder (or its creation) and now: nothing
        from before it existed, and no back-filling of past days when a policy changes."""
        planned = self._schedule(task)
        since = max([task.created_at, *(p.at for p in done)])
        owed = [p for p in planned if since <= p.at <= self.now and p not in done]
        upcoming = min((p.at for p in planned if p.at > self.now), default=None)
        return Owed(task, [(p, self.audience.of(session, task, p.kind)) for p in owed], upcoming)

    def _schedule(self, task: Row) -> list[Planned]:
        """The defaults under the body's overrides, under the task's own (its process's and its
        BPMN task's, merged when the task opened)."""
        layered = (task.body_id, task.reminder_policy)
        if layered not in self._policies:
            texts = (self.bodies[task.body_id], task.reminder_policy)
            self._policies[layered] = replace(Policy(), **layers(*texts, where=f"task {task.id}"))
        key = (task.due_at, self._policies[layered])
        if key not in self._schedules:
            self._schedules[key] = schedule(task.due_at, key[1], self.work)
        return self._schedules[key]


def _planned(session: Session, task_ids: list[str]) -> dict[str, set[Planned]]:
    """The reminders the policy already gave these tasks (a task has a dozen at most)."""
    found: dict[str, set[Planned]] = {}
    rows = select(Reminder.task_id, Reminder.planned_at, Reminder.kind).where(
        Reminder.task_id.in_(task_ids), Reminder.kind.not_in(UNPLANNED)
    )
    for task_id, at, kind in session.execute(rows):
        found.setdefault(task_id, set()).add(Planned(at, kind))
    return found


def write(db: Database, batch: list[Owed], now: datetime) -> list[dict]:
    """Record a batch in one transaction; the messages it will send. A task changed since it was
    read (completed, replanned, planned by another scheduler) is skipped; a reminder recorded
    meanwhile all the same is not recorded twice (the reminder key is unique)."""
    with db.write_session() as session:
        current = select(HumanTask.id, HumanTask.next_reminder_at).where(
            HumanTask.id.in_([owed.task.id for owed in batch]), HumanTask.status == "open"
        )
        still = dict(session.execute(current).tuples().all())
        kept = [owed for owed in batch if owed.task.id in still and still[owed.task.id] == owed.task.next_reminder_at]
        kept.sort(key=_story_order)
        messages, planned = _messages(kept, _record(session, kept, now), now)
        if messages:
            bulk.insert(session, OutboxMessage.__table__, messages)
        _look_again(session, kept)
        session.commit()
    return planned


def _story_order(owed: Owed) -> tuple:
    """Records are written in the order the tasks opened, not of their random UUIDs: the same
    story writes the same rows in the same order, whichever passes plan it (tests/scenarios/test_jumps.py)."""
    task = owed.task
    return (task.created_at, task.instance_id, task.assignee or "", task.id)


def _look_again(session: Session, kept: list[Owed]) -> None:
    """Each task's next look: a statement for each instant, which tasks with a common deadline
    and policy share, rather than one for each task."""
    at: dict[datetime | None, list[str]] = {}
    for owed in kept:
        at.setdefault(owed.next_at, []).append(owed.task.id)
    for next_at, task_ids in at.items():
        looks = update(HumanTask).where(HumanTask.id.in_(task_ids)).values(next_reminder_at=next_at)
        session.execute(looks.execution_options(synchronize_session=False))  # none of them is loaded here


def _messages(kept: list[Owed], made: dict[tuple[str, Planned], int], now: datetime) -> tuple[list[dict], list[dict]]:
    """The outbox rows of the reminders just recorded, and the same as `rows` shows them."""
    messages, planned = [], []
    for owed in kept:
        for p, sent_to in owed.reminders:
            reminder_id = made.get((owed.task.id, p))
            if reminder_id is not None:
                messages += [
                    {
                        "reminder_id": reminder_id,
                        "recipient": to,
                        "channel": channel,
                        "status": "pending",
                        "attempts": 0,
                        "next_attempt_at": now,
                        "last_error": "",
                    }
                    for to, channel in sent_to
                ]
                planned += rows(owed.task, p, now, sent_to)
    return messages, planned


def _record(session: Session, kept: list[Owed], now: datetime) -> dict[tuple[str, Planned], int]:
    """Insert the batch's 催办 records, any already there left alone; the new ones' ids."""
    values = [
        {
            "task_id": owed.task.id,
            "body_id": owed.task.body_id,
            "unit": unit_of(owed.task),
            "kind": p.kind,
            "planned_at": p.at,
            "created_at": now,
            "late": now - p.at > LATE_AFTER,
            "created_by": "system",
            "note": "",
        }
        for owed in kept
        for p, _sent_to in owed.reminders
    ]
    if not values:
        return {}
    table = Reminder.__table__
    new = bulk.insert(session, table, values, (table.c.id, table.c.task_id, table.c.planned_at, table.c.kind))
    return {(task_id, Planned(at, kind)): id_ for id_, task_id, at, kind in new}


def unit_of(task) -> str | None:  # noqa: ANN001 (a HumanTask or a row of its columns)
    return task.assignee if task.assignee_kind == "unit" else None


def rows(task, planned: Planned, now: datetime, sent_to: list[tuple[str, str]]) -> list[dict]:  # noqa: ANN001
    """A reminder's messages as `lianxi remind --json` shows them."""
    about = {
        "task_id": task.id,
        "kind": planned.kind,
        "planned_at": iso(planned.at),
        "unit": unit_of(task),
        "late": now - planned.at > LATE_AFTER,
        "title": task.title,
    }
    return [{**about, "recipient": recipient, "channel": channel} for recipient, channel in sent_to]
