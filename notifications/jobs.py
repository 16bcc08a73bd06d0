"""What one claimed outbox message needs for its send, read in one short read transaction so
that no database transaction stays open while a mail server or robot is being talked to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from engine.core.db import Database
from engine.org.models import Body, Person
from engine.reminders.models import OutboxMessage, Reminder
from notifications.texts import Facts, facts


@dataclass(frozen=True)
class Job:
    id: int
    channel: str  # in_app | email | webhook
    recipient: str  # a user name, or "body:CODE"
    lease_until: datetime  # as claimed: a different value later means another pass took it over
    facts: Facts
    address: str | None  # the e-mail address or the robot's URL
    name: str  # the person's display name, for the To: header
    digest: bool  # an e-mail to someone who chose one mail a day
    skip_reason: str  # non-empty when there is nothing to send any more

    @property
    def route(self) -> str:
        """What an outage takes down: the mail server for all e-mail, one body's robot, and
        never the in-app channel, which is our own database."""
        return self.recipient if self.channel == "webhook" else self.channel


def prepare(db: Database, ids: list[int], now: datetime, base_url: str) -> list[Job]:
    with db.read_session() as session:
        # Each message's reminder and task, read for the whole batch at once, not one by one.
        messages = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .order_by(OutboxMessage.id)
            .options(selectinload(OutboxMessage.reminder).selectinload(Reminder.task))
        )
        return [_job(session, m, now, base_url) for m in messages if m.status == "sending"]


def _job(session: Session, message: OutboxMessage, now: datetime, base_url: str) -> Job:
    address, name, digest, missing = _recipient(session, message)
    open_ = message.reminder.task.status == "open"
    return Job(
        id=message.id,
        channel=message.channel,
        recipient=message.recipient,
        lease_until=message.lease_until,
        facts=facts(session, message.reminder, now, base_url),
        address=address,
        name=name,
        digest=digest,
        skip_reason=missing if open_ else "the task is no longer open: answered meanwhile",
    )


def _recipient(session: Session, message: OutboxMessage) -> tuple[str | None, str, bool, str]:
    """(address, display name, digest?, why it cannot be sent any more or "")."""
    if message.channel == "webhook":
        url = session.scalar(select(Body.webhook_url).where(Body.code == message.recipient.removeprefix("body:")))
        return url, message.recipient, False, "" if url else "the body has no robot any more"
    wanted = select(Person.active, Person.email, Person.display_name, Person.digest)
    person = session.execute(wanted.where(Person.username == message.recipient)).first()
    if person is None or not person.active:
        return None, message.recipient, False, "the person is no longer active"
    if message.channel == "email" and not person.email:
        return None, person.display_name, False, "the person has no e-mail address any more"
    return person.email, person.display_name, message.channel == "email" and person.digest, ""
