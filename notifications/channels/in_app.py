"""The in-app channel: a row in the person's notification centre (its unread count is what the
page header shows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.org.models import Person
from engine.reminders.models import Notification
from notifications.channels import DeliveryError


def send(session: Session, username: str, message_id: int, task_id: str, title: str, text: str, now: datetime) -> None:
    """Written in the same transaction that settles the outbox message, and keyed by it (the
    column is unique), so a retried message never shows twice."""
    person_id = session.scalar(select(Person.id).where(Person.username == username))
    if person_id is None:
        raise DeliveryError(f"no person {username!r}")
    if session.scalar(select(Notification.id).where(Notification.message_id == message_id)) is not None:
        return
    session.add(
        Notification(
            person_id=person_id,
            message_id=message_id,
            task_id=task_id,
            title=title[:300],
            text=text,
            created_at=now,
        )
    )
