"""The notification centre (the in-app channel) as its owner reads it: the unread count, the
newest notifications, and marking them read. Only one's own: someone else's notification is not
found (engine.reminders.access)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.org.models import Person
from engine.reminders.access import visible_notification
from engine.reminders.models import Notification


def unread_count(session: Session, person: Person) -> int:
    """One COUNT over ix_notification_unread: the bell's badge on every page."""
    query = select(func.count()).select_from(Notification)
    query = query.where(Notification.person_id == person.id, Notification.read_at.is_(None))
    return session.scalar(query) or 0


def of_person(session: Session, person: Person, *, unread_only: bool = False, limit: int = 100) -> list[Notification]:
    """The person's notifications, newest first (all of them, or the unread)."""
    query = select(Notification).where(Notification.person_id == person.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    query = query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    return list(session.scalars(query))


def mark_read(session: Session, person: Person, notification_id: int, now: datetime) -> bool:
    """Mark one of the person's notifications read (NotFound for anyone else's); True when it was
    unread."""
    row = visible_notification(session, person, notification_id)
    if row.read_at is not None:
        return False
    row.read_at = now
    return True


def mark_all_read(session: Session, person: Person, now: datetime) -> int:
    """Mark every unread notification of the person's read; how many there were."""
    return session.execute(
        update(Notification)
        .where(Notification.person_id == person.id, Notification.read_at.is_(None))
        .values(read_at=now)
    ).rowcount
