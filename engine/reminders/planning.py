"""Planning reminders: turn each open task's schedule into 催办 records and outbox messages.

Planning and sending are separate steps. Planning writes what is due up to `now`, once: the
reminder key is unique, and a task's `next_reminder_at` means a pass reads only the tasks with
something due. A reminder planned long after its instant (the scheduler was down) is marked
late and still sent, once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.db import Database
from engine.models import Body, CalendarDay, HumanTask, OutboxMessage, Reminder
from engine.reminders import recipients
from engine.reminders.policy import Planned, Policy, schedule
from engine.workdays import WorkCalendar

LATE_AFTER = timedelta(minutes=15)


def calendar(session: Session) -> WorkCalendar:
    return WorkCalendar({d.day: d.working for d in session.scalars(select(CalendarDay))})


def policy_for(session: Session, task: HumanTask) -> Policy:
    body = session.get(Body, task.body_id)
    return Policy().with_text(body.reminder_policy).with_text(task.reminder_policy)


def plan_due(db: Database, now: datetime) -> int:
    """One planning pass; returns how many reminders it recorded."""
    with db.write_session() as session:
        work = calendar(session)
        due = session.scalars(
            select(HumanTask).where(
                HumanTask.status == "open", HumanTask.due_at.is_not(None), HumanTask.next_reminder_at <= now
            )
        ).all()
        made = sum(_plan_task(session, task, work, now) for task in due)
        session.commit()
    return made


def preview(session: Session, now: datetime) -> list[tuple[HumanTask, Planned]]:
    """What a pass at `now` would plan, without writing anything (`lianxi remind --dry-run`)."""
    work, found = calendar(session), []
    for task in session.scalars(select(HumanTask).where(HumanTask.status == "open", HumanTask.due_at.is_not(None))):
        found += [(task, p) for p in _owed(session, task, work, now) if not _exists(session, task, p)]
    return found


def _plan_task(session: Session, task: HumanTask, work: WorkCalendar, now: datetime) -> int:
    made = 0
    for planned in _owed(session, task, work, now):
        if not _exists(session, task, planned):
            record(session, task, planned.kind, planned.at, now, "system")
            made += 1
    upcoming = [p.at for p in schedule(task.due_at, policy_for(session, task), work) if p.at > now]
    task.next_reminder_at = min(upcoming, default=None)
    return made


def _owed(session: Session, task: HumanTask, work: WorkCalendar, now: datetime) -> list[Planned]:
    """A task hears of what falls between its creation and now, nothing from before it existed."""
    return [p for p in schedule(task.due_at, policy_for(session, task), work) if task.created_at <= p.at <= now]


def _exists(session: Session, task: HumanTask, planned: Planned) -> bool:
    return (
        session.scalar(
            select(Reminder.id).where(
                Reminder.task_id == task.id, Reminder.kind == planned.kind, Reminder.planned_at == planned.at
            )
        )
        is not None
    )


def record(
    session: Session, task: HumanTask, kind: str, planned_at: datetime, now: datetime, by: str, note: str = ""
) -> Reminder:
    """A 催办 record and one outbox message per recipient and channel."""
    reminder = Reminder(
        task_id=task.id,
        body_id=task.body_id,
        unit=task.assignee if task.assignee_kind == "unit" else None,
        kind=kind,
        planned_at=planned_at,
        created_at=now,
        late=now - planned_at > LATE_AFTER,
        created_by=by,
        note=note,
    )
    session.add(reminder)
    people = recipients.escalation_to(session, task) if kind == "escalation" else recipients.owers(session, task)
    for person in people:
        for channel in recipients.channels_of(person):
            reminder.messages.append(_message(person.username, channel, now))
    robot = recipients.webhook_of(session, task.body_id)
    if robot:
        reminder.messages.append(_message(robot, "webhook", now))
    session.flush()
    return reminder


def _message(recipient: str, channel: str, now: datetime) -> OutboxMessage:
    return OutboxMessage(recipient=recipient, channel=channel, status="pending", attempts=0, next_attempt_at=now)
