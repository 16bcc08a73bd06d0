"""The outbox's side of delivery: claim what is due, then settle the messages as sent, failed
(to be retried with backoff), skipped or postponed. Channels themselves live in `notifications`.

A claim is its own short transaction; settling is done in the caller's, a whole batch of
messages in a few set-based statements, so that the caller decides what goes together (a
batch of in-app notices, one mail). A scheduler killed mid-batch loses nothing: what it had
settled stays settled, and what it held returns to the queue when its lease runs out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import Row, insert, literal, select, update
from sqlalchemy.orm import Session

from engine.core.base import Instant
from engine.core.clock import Clock
from engine.core.db import Database
from engine.reminders.models import URGENT, DeliveryAttempt, OutboxMessage, Reminder

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8
BATCH = 50  # messages per claim for a channel that talks to a server: all sent well within LEASE
IN_APP_BATCH = 500  # in-app messages per claim: settled together in one write of a few tens of ms

# Message id → the lease_until it was claimed with: a different value later means another pass
# took it over once the lease had run out.
Held = Mapping[int, datetime]
_tried = OutboxMessage.attempts + 1  # the attempt being settled counts


def urgent_reminders():
    """The ids of urgent reminders, as a subquery."""
    return select(Reminder.id).where(Reminder.kind == URGENT)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes, at most an hour, between tries of a failing channel."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def claim(
    db: Database, now: datetime, channel: str, lease_clock: Clock, limit: int, urgent_only: bool = False
) -> list[int]:
    """Up to `limit` of the channel's messages due by `now`, held by this pass for LEASE (only
    urgent ones in quiet hours). The hold is timed by `lease_clock` as it reads at the claim,
    not by the pass's `now`: a batch claimed late in a long pass would otherwise be born
    expired, free for another scheduler to send again."""
    with db.write_session() as session:
        held_at = lease_clock.now()
        queue = select(OutboxMessage.id).where(OutboxMessage.channel == channel)
        if urgent_only:
            queue = queue.where(OutboxMessage.reminder_id.in_(urgent_reminders()))
        # Two range scans of ix_outbox_queue, each read in the index's order: what a pass that
        # died held past its lease, then what is due. An OR of the two would read the table.
        expired = queue.where(OutboxMessage.status == "sending", OutboxMessage.lease_until < held_at)
        ids = _first(session, expired, limit)
        due = queue.where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        ids += _first(session, due, limit - len(ids))
        if ids:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(status="sending", lease_until=held_at + LEASE)
                .execution_options(synchronize_session=False)
            )
        session.commit()
        return ids


def _first(session: Session, query, limit: int) -> list[int]:  # noqa: ANN001
    """The first `limit` ids of `query` in the queue's order, locked; those another pass is
    claiming at the same moment (PostgreSQL) are left to it."""
    if limit <= 0:
        return []
    query = query.order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
    return list(session.scalars(query.with_for_update(skip_locked=True)))


def sent(session: Session, held: Held, now: datetime) -> list[int]:
    """Record a successful attempt of each held message; the ids settled."""
    done = [row.id for row in _release(session, held, status="sent", sent_at=now, last_error="", attempts=_tried)]
    _attempted(session, done, now)
    return done


def failed(session: Session, held: Held, now: datetime, error: str, *, outage: bool = False) -> dict[int, datetime]:
    """Record a failed attempt of each held message; each one's next try, by id. A failure is
    retried with backoff; after MAX_ATTEMPTS the message is given up (and left out), unless the
    failure was an `outage` of the channel itself (mail server down): that is no fault of the
    message, and it keeps trying, at most hourly, until the channel is back."""
    rows = _release(session, held, status="pending", last_error=error, attempts=_tried)
    _attempted(session, [row.id for row in rows], now, error)
    given_up = [row.id for row in rows if row.attempts >= MAX_ATTEMPTS and not outage]
    if given_up:
        session.execute(_where(given_up).values(status="failed"))
    retries = {row.id: now + backoff(row.attempts) for row in rows if row.id not in given_up}
    for at in set(retries.values()):
        session.execute(_where([i for i, then in retries.items() if then == at]).values(next_attempt_at=at))
    return retries


def skip(session: Session, held: Held, reasons: Mapping[int, str]) -> list[int]:
    """Nothing to send any more (the unit answered meanwhile, the person left): each held
    message settled with its reason, by id; the ids settled. One UPDATE per reason."""
    done = []
    for reason in set(reasons.values()):
        alike = {message_id: held[message_id] for message_id, why in reasons.items() if why == reason}
        done += [row.id for row in _release(session, alike, status="skipped", last_error=reason)]
    return done


def postpone(session: Session, held: Held, until: datetime, reason: str = "") -> list[int]:
    """Back to the queue untried, to go at `until` (the channel is down this pass, or a digest
    waits for its hour): no attempt is recorded, because none was made."""
    because = {"last_error": reason} if reason else {}
    return [row.id for row in _release(session, held, status="pending", next_attempt_at=until, **because)]


def _release(session: Session, held: Held, **values) -> list[Row]:
    """Set `values` on those of the `held` messages this pass still holds, still `sending`
    under the lease it claimed them with, and end the hold; their (id, attempts). One that
    another pass took over after the lease ran out is that pass's to settle, not ours. One
    UPDATE per lease: a claim holds its whole batch under one."""
    by_lease: dict[datetime, list[int]] = {}
    for message_id, lease_until in held.items():
        by_lease.setdefault(lease_until, []).append(message_id)
    rows = []
    for lease_until, ids in by_lease.items():
        still_ours = _where(ids).where(OutboxMessage.status == "sending", OutboxMessage.lease_until == lease_until)
        changed = still_ours.values(lease_until=None, **values)
        rows += session.execute(changed.returning(OutboxMessage.id, OutboxMessage.attempts)).all()
    return rows


def _where(ids: list[int]):
    return update(OutboxMessage).where(OutboxMessage.id.in_(ids)).execution_options(synchronize_session=False)


def _attempted(session: Session, ids: list[int], now: datetime, error: str | None = None) -> None:
    """One attempt row per message, written from the messages' own rows: one statement whatever
    their number, no row sent over from Python."""
    if ids:
        columns = (OutboxMessage.id, literal(now, Instant()), literal(error is None), literal(error or ""))
        attempts = select(*columns).where(OutboxMessage.id.in_(ids))
        session.execute(insert(DeliveryAttempt).from_select(["message_id", "at", "ok", "error"], attempts))
