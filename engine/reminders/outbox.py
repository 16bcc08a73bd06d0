"""The outbox's side of delivery: claim what is due, then settle each message as sent, failed
(to be retried with backoff) or skipped. Channels themselves live in `notifications`.

Each claim and each settlement is its own short transaction, so a scheduler killed mid-batch
loses nothing: what it had settled stays settled, and what it held returns to the queue when
its lease runs out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session

from engine.core.clock import Clock
from engine.core.db import Database
from engine.reminders.models import URGENT, DeliveryAttempt, OutboxMessage, Reminder

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8
BATCH = 50


def urgent_reminders():
    """The ids of urgent reminders, as a subquery."""
    return select(Reminder.id).where(Reminder.kind == URGENT)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes, at most an hour, between tries of a failing channel."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def claim(db: Database, now: datetime, channels: set[str], lease_clock: Clock, urgent_only: bool = False) -> list[int]:
    """Up to BATCH messages due by `now`, held by this pass for LEASE (only urgent ones in quiet
    hours). The hold is timed by `lease_clock` as it reads at the claim, not by the pass's `now`:
    a batch claimed late in a long pass would otherwise be born expired, free for another
    scheduler to send again."""
    with db.write_session() as session:
        held_at = lease_clock.now()
        due = session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.reminder_id.in_(urgent_reminders()) if urgent_only else true(),
                OutboxMessage.channel.in_(channels),
                or_(
                    (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
                    (OutboxMessage.status == "sending") & (OutboxMessage.lease_until < held_at),
                ),
            )
            .order_by(OutboxMessage.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        ).all()
        for message in due:
            message.status, message.lease_until = "sending", held_at + LEASE
        session.commit()
        return [m.id for m in due]


def settle(
    session: Session, message: OutboxMessage, now: datetime, error: str | None = None, *, outage: bool = False
) -> None:
    """Record one attempt. A failure is retried with backoff; after MAX_ATTEMPTS the message is
    given up, unless the failure was an `outage` of the channel itself (mail server down): that
    is no fault of this message, and it keeps trying, at most hourly, until the channel is back."""
    session.add(DeliveryAttempt(message_id=message.id, at=now, ok=error is None, error=error or ""))
    message.attempts += 1
    message.lease_until = None
    if error is None:
        message.status, message.sent_at, message.last_error = "sent", now, ""
    elif message.attempts >= MAX_ATTEMPTS and not outage:
        message.status, message.last_error = "failed", error
    else:
        message.status, message.last_error = "pending", error
        message.next_attempt_at = now + backoff(message.attempts)


def skip(message: OutboxMessage, reason: str) -> None:
    """Nothing to send any more: the unit answered meanwhile."""
    message.status, message.lease_until, message.last_error = "skipped", None, reason


def postpone(message: OutboxMessage, until: datetime, reason: str = "") -> None:
    """Back to the queue untried, to go at `until` (the channel is down this pass, or a digest
    waits for its hour): no attempt is recorded, because none was made."""
    message.status, message.lease_until, message.next_attempt_at = "pending", None, until
    if reason:
        message.last_error = reason
