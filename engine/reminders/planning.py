"""Planning reminders: turn each open task's schedule into 催办 records and outbox messages.

Planning and sending are separate steps. Planning writes what is due up to `now`, once: the
reminder key is unique, and a task's `next_reminder_at` means a pass reads only the tasks with
something due. A reminder planned long after its instant (the scheduler was down) is marked
late and still sent, once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core.clock import iso
from engine.core.db import Database
from engine.core.workdays import WorkCalendar, work_calendar
from engine.org.models import Body
from engine.reminders import recipients
from engine.reminders.models import UNPLANNED, OutboxMessage, Reminder
from engine.reminders.policy import Planned, Policy, layers, schedule
from engine.workflow.models import HumanTask

LATE_AFTER = timedelta(minutes=15)


def policy_for(session: Session, task: HumanTask) -> Policy:
    """The defaults under the body's overrides, under the task's own (its process's and its
    BPMN task's, merged when the task opened)."""
    body = session.get(Body, task.body_id).reminder_policy
    return replace(Policy(), **layers(body, task.reminder_policy, where=f"task {task.id}"))


def plan_due(db: Database, now: datetime) -> list[dict]:
    """One planning pass: every reminder due by `now` and not yet recorded gets recorded.
    Returns the messages it will send (`lianxi remind --json` shows them)."""
    with db.write_session() as session:
        work = work_calendar(session)
        # Held for the pass: the session's identity map keeps only weak references, and each
        # task's policy and recipients look its body up again.
        bodies = session.scalars(select(Body)).all()  # noqa: F841
        due = session.scalars(
            select(HumanTask).where(
                HumanTask.status == "open", HumanTask.due_at.is_not(None), HumanTask.next_reminder_at <= now
            )
        ).all()
        planned = [row for task in due for row in _plan_task(session, task, work, now)]
        session.commit()
    return planned


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `plan_due` next has work: the earliest open task's next reminder."""
    with db.read_session() as session:
        first = select(func.min(HumanTask.next_reminder_at))
        return session.scalar(first.where(HumanTask.status == "open", HumanTask.due_at.is_not(None)))


def preview(session: Session, now: datetime) -> list[dict]:
    """What a pass at `now` would plan, writing nothing (`lianxi remind --dry-run`)."""
    work, found = work_calendar(session), []
    for task in session.scalars(select(HumanTask).where(HumanTask.status == "open", HumanTask.due_at.is_not(None))):
        for planned in _owed(session, task, policy_for(session, task), work, now):
            if not _exists(session, task, planned):
                found += _rows(task, planned.kind, planned.at, now, deliveries(session, task, planned.kind))
    return found


def _plan_task(session: Session, task: HumanTask, work: WorkCalendar, now: datetime) -> list[dict]:
    rows, policy = [], policy_for(session, task)
    for planned in _owed(session, task, policy, work, now):
        if not _exists(session, task, planned):
            reminder = record(session, task, planned.kind, planned.at, now, "system")
            sent_to = [(message.recipient, message.channel) for message in reminder.messages]
            rows += _rows(task, planned.kind, planned.at, now, sent_to)
    upcoming = [p.at for p in schedule(task.due_at, policy, work) if p.at > now]
    task.next_reminder_at = min(upcoming, default=None)
    return rows


def _owed(session: Session, task: HumanTask, policy: Policy, work: WorkCalendar, now: datetime) -> list[Planned]:
    """What falls between the task's last planned reminder (or its creation) and now: nothing
    from before it existed, and no back-filling of past days when a policy changes."""
    last = session.scalar(
        select(func.max(Reminder.planned_at)).where(Reminder.task_id == task.id, Reminder.kind.not_in(UNPLANNED))
    )
    since = max(task.created_at, last) if last else task.created_at
    return [p for p in schedule(task.due_at, policy, work) if since <= p.at <= now]


def replan(session: Session, now: datetime, body_id: int | None = None) -> None:
    """After a body's policy (or, for every body, the national calendar) changed: when each open
    task next needs a look."""
    work = work_calendar(session)
    query = select(HumanTask).where(HumanTask.status == "open", HumanTask.due_at.is_not(None))
    if body_id is not None:
        query = query.where(HumanTask.body_id == body_id)
    for task in session.scalars(query):
        upcoming = [p.at for p in schedule(task.due_at, policy_for(session, task), work) if p.at > now]
        task.next_reminder_at = min(upcoming, default=None)


def _exists(session: Session, task: HumanTask, planned: Planned) -> bool:
    found = session.scalar(
        select(Reminder.id).where(
            Reminder.task_id == task.id, Reminder.kind == planned.kind, Reminder.planned_at == planned.at
        )
    )
    return found is not None


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
    for recipient, channel in deliveries(session, task, kind):
        reminder.messages.append(
            OutboxMessage(recipient=recipient, channel=channel, status="pending", attempts=0, next_attempt_at=now)
        )
    session.flush()
    return reminder


def deliveries(session: Session, task: HumanTask, kind: str) -> list[tuple[str, str]]:
    """(recipient, channel) for each message a reminder of `kind` about `task` sends now."""
    people = recipients.escalation_to(session, task) if kind == "escalation" else recipients.owers(session, task)
    pairs = [(person.username, channel) for person in people for channel in recipients.channels_of(person)]
    robot = recipients.webhook_of(session, task.body_id)
    return pairs + ([(robot, "webhook")] if robot else [])


def _rows(task: HumanTask, kind: str, planned_at: datetime, now: datetime, sent_to: list[tuple]) -> list[dict]:
    unit = task.assignee if task.assignee_kind == "unit" else None
    late = now - planned_at > LATE_AFTER
    return [
        {
            "task_id": task.id,
            "kind": kind,
            "planned_at": iso(planned_at),
            "recipient": recipient,
            "unit": unit,
            "channel": channel,
            "late": late,
            "title": task.title,
        }
        for recipient, channel in sent_to
    ]
