"""A delivery pass that runs long: its outbox claims and its scheduler lease must outlast it,
or a second scheduler could take over messages still being sent and send them again.

Time is a fake clock that each send moves on a minute (a slow mail server), so a pass of a few
small batches lasts longer than either lease."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, update

from engine import background
from engine.core.clock import FixedClock
from engine.core.models import SchedulerLease
from engine.reminders import outbox, planning
from engine.reminders.models import OutboxMessage
from notifications import scheduler
from notifications.channels import email
from notifications.delivery import deliver_due
from tests.notifications.conftest import on

START = on(26, 9, 5)  # Thursday: the meeting's "before" reminders and the demo's overdue ones


@pytest.fixture
def slow_mail(db, meeting, settings, monkeypatch) -> tuple[FixedClock, list[int]]:
    """Reminders planned at START, to go two a batch; the clock the pass is timed by, and
    the list `sending_with` fills with the ids of the mails sent, in order."""
    planning.plan_due(db, START)
    with db.write_session() as session:  # the in-app notices went already: batches of mail only
        session.execute(update(OutboxMessage).where(OutboxMessage.channel == "in_app").values(status="sent"))
        session.commit()
    monkeypatch.setattr(outbox, "BATCH", 2)
    return FixedClock(START), []


def mails(db) -> list[OutboxMessage]:  # noqa: ANN001
    with db.read_session() as session:
        return list(session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")))


def sending_with(monkeypatch, clock: FixedClock, sent: list[int], meanwhile=lambda message_id: None) -> None:  # noqa: ANN001
    """Each mail takes a minute; `meanwhile` runs as it goes, while no transaction is open."""

    def send(_settings, mail: email.Mail) -> None:  # noqa: ANN001
        clock.advance(minutes=1)
        message_id = int(mail.key.removeprefix("outbox-"))
        meanwhile(message_id)
        sent.append(message_id)

    monkeypatch.setattr(email, "send", send)


def test_a_batch_claimed_late_in_a_long_pass_is_not_free_for_another_scheduler(db, slow_mail, settings, monkeypatch):
    clock, sent = slow_mail
    taken_over = []

    def another_scheduler_claims(message_id: int) -> None:
        if clock.now() - START > outbox.LEASE:  # this pass has outlived an outbox lease
            claimed = outbox.claim(db, clock.now(), "email", clock, outbox.BATCH)
            taken_over.extend(set(claimed) & {message_id})

    sending_with(monkeypatch, clock, sent, another_scheduler_claims)
    assert len(mails(db)) > 6  # batches enough to run past the lease
    deliver_due(db, replace(settings, smtp_url="smtp://127.0.0.1:25"), START, background.Lease(clock))
    assert clock.now() - START > outbox.LEASE and sent
    assert taken_over == []


def test_a_long_pass_keeps_its_scheduler_lease(db, slow_mail, settings, monkeypatch):
    clock, sent = slow_mail
    lease = background.Lease(clock, db, "first", scheduler.LEASE_FOR)
    assert lease.renew()
    second_took_over = []

    def second_scheduler_tries(_message_id: int) -> None:
        if background.hold_lease(db, "second", clock.now(), scheduler.LEASE_FOR):
            second_took_over.append(clock.now())

    sending_with(monkeypatch, clock, sent, second_scheduler_tries)
    deliver_due(db, replace(settings, smtp_url="smtp://127.0.0.1:25"), START, lease)
    assert clock.now() - START > scheduler.LEASE_FOR
    assert second_took_over == []
    assert sorted(sent) == sorted(m.id for m in mails(db))  # the whole pass went through


def test_a_pass_whose_lease_was_taken_over_stops_before_its_next_batch(db, slow_mail, settings, monkeypatch):
    clock, sent = slow_mail
    lease = background.Lease(clock, db, "first", scheduler.LEASE_FOR)
    assert lease.renew()

    def stuck_past_the_lease(_message_id: int) -> None:
        if len(sent) == 2:  # the first scheduler's third mail hangs; the second takes over
            clock.advance(minutes=10)
            with db.write_session() as session:
                session.execute(update(SchedulerLease).values(holder="second", until=clock.now() + lease.ttl))
                session.commit()

    sending_with(monkeypatch, clock, sent, stuck_past_the_lease)
    deliver_due(db, replace(settings, smtp_url="smtp://127.0.0.1:25"), START, lease)
    assert len(sent) == 4  # the batch in hand, and no other
    assert {m.status for m in mails(db) if m.id not in sent} == {"pending"}  # left for the second
