"""What a claimed batch of outbox messages needs for its sends, read in one short read
transaction, so that no database transaction stays open while a mail server or robot is being
talked to. Set-based: one query for the messages with their reminders and tasks (only the
columns the wording uses), then one each for the people, units and robots they name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from engine.core.db import Database
from engine.org.models import Body, Person, Unit
from engine.reminders.models import OutboxMessage, Reminder
from engine.workflow.models import HumanTask
from notifications.texts import Facts


@dataclass(frozen=True)
class Job:
    id: int
    channel: str  # in_app | email | webhook
    recipient: str  # a user name, or "body:CODE"
    lease_until: datetime  # as claimed: a different value later means another pass took it over
    facts: Facts
    address: str | None  # the e-mail address or the robot's URL
    name: str  # the person's display name, for the To: header
    person_id: int | None  # whose notification centre an in-app notice goes to
    digest: bool  # an e-mail to someone who chose one mail a day
    skip_reason: str  # non-empty when there is nothing to send any more

    @property
    def route(self) -> str:
        """What an outage takes down: the mail server for all e-mail, one body's robot, and
        never the in-app channel, which is our own database."""
        return self.recipient if self.channel == "webhook" else self.channel


@dataclass(frozen=True)
class Named:
    """The people, units and robots a batch's messages name, by their keys."""

    people: dict[str, Row]  # username → (id, active, email, display_name, digest)
    units: dict[tuple[int, str], str]  # (body id, unit code) → the unit's name
    robots: dict[str, str | None]  # body code → its robot's webhook URL


MESSAGES = (
    select(
        OutboxMessage.id,
        OutboxMessage.channel,
        OutboxMessage.recipient,
        OutboxMessage.lease_until,
        Reminder.kind,
        Reminder.body_id,
        Reminder.unit,
        Reminder.planned_at,
        Reminder.late,
        Reminder.note,
        Reminder.created_by,
        HumanTask.id.label("task_id"),
        HumanTask.status.label("task_status"),
        HumanTask.title,
        HumanTask.title_en,
        HumanTask.due_at,
        HumanTask.shown["_instance_title"].as_string().label("instance_title"),
    )
    .join(Reminder, Reminder.id == OutboxMessage.reminder_id)
    .join(HumanTask, HumanTask.id == Reminder.task_id)
    .where(OutboxMessage.status == "sending")
    .order_by(OutboxMessage.id)
)


def prepare(db: Database, ids: list[int], now: datetime, base_url: str) -> list[Job]:
    with db.read_session() as session:
        messages = session.execute(MESSAGES.where(OutboxMessage.id.in_(ids))).all()
        named = _named(session, messages)
    return [_job(m, named, now, base_url) for m in messages]


def _named(session: Session, messages: list[Row]) -> Named:
    usernames = {m.recipient for m in messages if m.channel != "webhook"}
    usernames |= {m.created_by for m in messages if m.created_by != "system"}
    codes = {m.unit for m in messages if m.unit}
    robots = {m.recipient.removeprefix("body:") for m in messages if m.channel == "webhook"}
    people = select(Person.username, Person.id, Person.active, Person.email, Person.display_name, Person.digest)
    units = select(Unit.body_id, Unit.code, Unit.name).where(Unit.code.in_(codes))
    return Named(
        people={p.username: p for p in _read(session, people.where(Person.username.in_(usernames)), usernames)},
        units={(u.body_id, u.code): u.name for u in _read(session, units, codes)},
        robots=dict(_read(session, select(Body.code, Body.webhook_url).where(Body.code.in_(robots)), robots)),
    )


def _read(session: Session, query, keys: set[str]) -> list[Row]:  # noqa: ANN001
    """The rows of `query`, not asked for when there are no `keys` to look up."""
    return session.execute(query).all() if keys else []


def _job(message: Row, named: Named, now: datetime, base_url: str) -> Job:
    address, name, person_id, digest, missing = _recipient(message, named)
    return Job(
        id=message.id,
        channel=message.channel,
        recipient=message.recipient,
        lease_until=message.lease_until,
        facts=_facts(message, named, now, base_url),
        address=address,
        name=name,
        person_id=person_id,
        digest=digest,
        skip_reason=missing if message.task_status == "open" else "the task is no longer open: answered meanwhile",
    )


def _facts(message: Row, named: Named, now: datetime, base_url: str) -> Facts:
    by = named.people.get(message.created_by)  # the person who nagged; "system" is nobody
    return Facts(
        kind=message.kind,
        task_id=message.task_id,
        title=message.title,
        title_en=message.title_en or message.title,
        instance_title=message.instance_title or "",
        unit=named.units.get((message.body_id, message.unit)),
        due_at=message.due_at,
        planned_at=message.planned_at,
        late=message.late,
        note=message.note,
        by=by.display_name if by else message.created_by,
        now=now,
        base_url=base_url,
    )


def _recipient(message: Row, named: Named) -> tuple[str | None, str, int | None, bool, str]:
    """(address, display name, person id, digest?, why it cannot be sent any more or "")."""
    if message.channel == "webhook":
        url = named.robots.get(message.recipient.removeprefix("body:"))
        return url, message.recipient, None, False, "" if url else "the body has no robot any more"
    person = named.people.get(message.recipient)
    if person is None or not person.active:
        return None, message.recipient, None, False, "the person is no longer active"
    if message.channel == "email" and not person.email:
        return None, person.display_name, person.id, False, "the person has no e-mail address any more"
    return person.email, person.display_name, person.id, message.channel == "email" and person.digest, ""
