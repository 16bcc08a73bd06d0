"""In-app delivery by the batch: a backlog larger than a claim goes out once each, a pass that
runs out of time leaves the rest to the next, messages another pass took over are left to it,
and a batch costs a few statements whatever its size."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, func, insert, select, update

from engine.background import Lease
from engine.core.clock import FixedClock, RealClock
from engine.org.models import Person
from engine.reminders import outbox
from engine.reminders.models import DeliveryAttempt, Notification, OutboxMessage, Reminder
from engine.workflow.models import HumanTask
from notifications import delivery
from notifications.delivery import deliver_due
from notifications.jobs import prepare
from tests.notifications.conftest import later, on

AT = on(26, 10)  # a Thursday morning, in sending hours
PEOPLE = ["liaison.jyj", "liaison.mzj", "office.staff"]
BATCH = 100  # in-app messages a claim takes here: batches enough, in a fraction of a second


@pytest.fixture
def small_batches(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(outbox, "IN_APP_BATCH", BATCH)


def backlog(db, count: int) -> list[int]:  # noqa: ANN001
    """`count` in-app messages due at AT, to PEOPLE in turn, each for its own reminder of an open
    task of the demo's (written directly: planning that many tasks would be the slow part)."""
    with db.write_session() as session:
        task = session.scalars(select(HumanTask).where(HumanTask.status == "open").order_by(HumanTask.id)).first()
        reminders = session.scalars(
            insert(Reminder).returning(Reminder.id, sort_by_parameter_order=True),
            [
                {
                    "task_id": task.id,
                    "body_id": task.body_id,
                    "kind": "overdue",
                    "planned_at": AT - timedelta(seconds=k),  # one key each
                    "created_at": AT,
                    "created_by": "system",
                }
                for k in range(count)
            ],
        ).all()
        ids = session.scalars(
            insert(OutboxMessage).returning(OutboxMessage.id, sort_by_parameter_order=True),
            [
                {"reminder_id": r, "recipient": PEOPLE[k % len(PEOPLE)], "channel": "in_app", "next_attempt_at": AT}
                for k, r in enumerate(reminders)
            ],
        ).all()
        session.commit()
    return list(ids)


def notices(db, ids: list[int]) -> list[tuple[int, str]]:  # noqa: ANN001
    """(message id, whose) of each notice the messages made."""
    with db.read_session() as session:
        found = select(Notification.message_id, Person.username).join(Person, Person.id == Notification.person_id)
        return list(session.execute(found.where(Notification.message_id.in_(ids))).tuples())


def statuses(db, ids: list[int]) -> Counter:  # noqa: ANN001
    with db.read_session() as session:
        found = select(OutboxMessage.status, OutboxMessage.attempts).where(OutboxMessage.id.in_(ids))
        return Counter(session.execute(found).tuples())


def assert_delivered_once(db, ids: list[int]) -> None:  # noqa: ANN001
    recipient = {i: PEOPLE[k % len(PEOPLE)] for k, i in enumerate(ids)}
    assert Counter(notices(db, ids)) == Counter(recipient.items())
    assert statuses(db, ids) == {("sent", 1): len(ids)}
    with db.read_session() as session:
        tries = select(func.count()).select_from(DeliveryAttempt).where(DeliveryAttempt.message_id.in_(ids))
        assert session.scalar(tries.where(DeliveryAttempt.ok)) == session.scalar(tries) == len(ids)


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("database", ["db", "pg_demo"])
def test_a_backlog_of_several_batches_is_delivered_once_each(database, settings, request):
    db = request.getfixturevalue(database)
    ids = backlog(db, 2 * BATCH + 50)
    assert deliver_due(db, settings, AT) >= len(ids)
    assert deliver_due(db, settings, later(AT, minutes=1)) == 0
    assert_delivered_once(db, ids)


@pytest.mark.usefixtures("small_batches")
def test_a_pass_out_of_time_leaves_the_rest_to_the_next_pass(db, settings):
    ids = backlog(db, 2 * BATCH)
    ticks = itertools.count()  # a second goes by each time the pass looks at its stopwatch
    assert deliver_due(db, settings, AT, budget=1.5, stopwatch=lambda: next(ticks)) == BATCH  # one claim
    assert statuses(db, ids)[("pending", 0)] >= len(ids) - BATCH  # untouched, not held
    deliver_due(db, settings, later(AT, minutes=1))
    assert_delivered_once(db, ids)


@pytest.mark.usefixtures("small_batches")
def test_messages_another_pass_took_over_are_left_to_it(db, settings, monkeypatch):
    ids = backlog(db, 20)
    later_on = RealClock().now() + outbox.LEASE + timedelta(minutes=1)

    def prepared_then_stalled(db, claimed: list[int], now: datetime, base_url: str):  # noqa: ANN001
        jobs = prepare(db, claimed, now, base_url)
        # This pass stalls past its lease, and another scheduler takes the batch over.
        with db.write_session() as session:
            taken = update(OutboxMessage).where(OutboxMessage.id.in_(claimed))
            session.execute(taken.values(lease_until=later_on + outbox.LEASE))
            session.commit()
        return jobs

    monkeypatch.setattr(delivery, "prepare", prepared_then_stalled)
    assert deliver_due(db, settings, AT) == 0
    assert statuses(db, ids) == {("sending", 0): len(ids)} and notices(db, ids) == []
    monkeypatch.setattr(delivery, "prepare", prepare)
    # The other scheduler dies too; once its lease has run out, a third pass delivers each once.
    deliver_due(db, settings, AT, Lease(FixedClock(later_on + 2 * outbox.LEASE)))
    assert_delivered_once(db, ids)


def test_a_batch_of_notices_costs_a_few_statements_not_a_few_a_message(db, settings):
    ids = backlog(db, 200)  # and the demo's own: one claim of outbox.IN_APP_BATCH
    statements = []

    def count(_connection, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        deliver_due(db, settings, AT)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert_delivered_once(db, ids)
    assert len(statements) < 30, [" ".join(s.split()[:4]) for s in statements]
