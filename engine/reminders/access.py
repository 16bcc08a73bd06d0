"""Who may see a notification (the in-app channel): only the person it was sent to. Anyone else's
is not found (NotFound, 404), exactly like an id that does not exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.org.models import Person
from engine.reminders.models import Notification


def visible_notification(session: Session, person: Person, notification_id: int) -> Notification:
    row = session.get(Notification, notification_id)
    if row is None or row.person_id != person.id:
        raise NotFound(f"notification {notification_id}")
    return row
