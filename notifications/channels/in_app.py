"""The in-app channel: a row in the person's notification centre (its unread count is what the
page header shows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from engine.reminders.models import Notification


@dataclass(frozen=True)
class Notice:
    person_id: int
    message_id: int  # the outbox message it delivers
    task_id: str
    title: str
    text: str


def send(session: Session, notices: list[Notice], now: datetime) -> None:
    """Written in the same transaction that settles their outbox messages, and keyed by them (the
    column is unique), so a retried message never shows twice. One INSERT for the batch."""
    there = set(
        session.scalars(
            select(Notification.message_id).where(Notification.message_id.in_([n.message_id for n in notices]))
        )
    )
    new = [
        {
            "person_id": n.person_id,
            "message_id": n.message_id,
            "task_id": n.task_id,
            "title": n.title[:300],
            "text": n.text,
            "created_at": now,
        }
        for n in notices
        if n.message_id not in there
    ]
    if new:
        session.execute(insert(Notification.__table__), new)  # Core: no ORM bookkeeping per row
