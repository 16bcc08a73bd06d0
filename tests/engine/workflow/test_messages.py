"""Messages and signals reach the instances waiting for them, by correlation key for a message,
from a sender or from a throw in another process (engine.workflow.messages)."""

from __future__ import annotations

import message_steps
import pytest
from sqlalchemy import select

from engine import upgrading
from engine.core import audit, schema
from engine.core.errors import Forbidden, InvalidData, ProcessFailure
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import instances, messages, tasks
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff.events import Event


@pytest.fixture
def start(db, clock):
    """start("awaits_decision", dispute_id=42) → a new instance's id, the fixtures deployed once."""
    message_steps.deploy_fixtures(db, clock.now())
    return lambda process_id, **data: message_steps.start(db, process_id, clock.now(), **data)


def send(db, clock, event: Event, username: str = "office.staff") -> list[int]:
    with UnitOfWork(db) as uow:
        reached = messages.send(uow, accounts.find(uow.session, username), event, clock.now())
        uow.commit()
    return reached


def open_task(db, instance_id: int) -> HumanTask | None:
    with db.read_session() as session:
        query = select(HumanTask).where(HumanTask.instance_id == instance_id, HumanTask.status == "open")
        return session.scalar(query)


def data_of(db, instance_id: int) -> dict:
    with db.read_session() as session:
        return instances.current_data(session.get(ProcessInstance, instance_id))


def test_a_message_reaches_only_the_instance_whose_key_matches_and_its_data_arrives(db, clock, start):
    other, waiting = start("awaits_decision", dispute_id=41), start("awaits_decision", dispute_id=42)
    payload = {"outcome": "维持原决定"}
    event = Event("message", "decision_made", payload, {"dispute_id": "42"})
    assert send(db, clock, event) == [waiting]
    assert open_task(db, waiting).name == "act"
    assert data_of(db, waiting)["decision"] == payload
    assert open_task(db, other) is None
    with db.read_session() as session:
        assert session.get(ProcessInstance, waiting).waiting_for is None
        assert session.get(ProcessInstance, other).waiting_for == [
            {"kind": "message", "name": "decision_made", "correlation": {"dispute_id": "41"}}
        ]
        history = [(e.action, e.actor, e.summary, e.after) for e in audit.of_instance(session, waiting)]
    assert ("message", "office.staff", "decision_made", {"payload": payload, "correlation": {"dispute_id": "42"}}) in (
        history
    )


def test_a_message_nobody_waits_for_is_refused_and_changes_nothing(db, clock, start):
    waiting = start("awaits_decision", dispute_id=42)
    with db.read_session() as session:
        before = session.get(ProcessInstance, waiting).version
    wrong_key = Event("message", "decision_made", {"outcome": "维持"}, {"dispute_id": 99})
    with pytest.raises(
        messages.NotWaiting, match="no instance is waiting for message 'decision_made' with dispute_id=99"
    ):
        send(db, clock, wrong_key)
    with pytest.raises(Forbidden):
        send(db, clock, Event("message", "decision_made", {}, {"dispute_id": 42}), "liaison.wjj")
    for bad in (Event("message", " ", {}), Event("message", "decision_made", {"_x": 1}), Event("message", "x", {}, [])):
        with pytest.raises(InvalidData):
            send(db, clock, bad)
    with db.read_session() as session:
        assert session.get(ProcessInstance, waiting).version == before
        assert [e.action for e in audit.of_instance(session, waiting)] == ["start"]


def test_a_signal_reaches_every_instance_waiting_for_it(db, clock, start):
    first, second = start("awaits_signal"), start("awaits_signal")
    assert send(db, clock, Event("signal", "year_closed", {"year": 2026})) == [first, second]
    for instance_id in (first, second):
        assert open_task(db, instance_id).name == "sum_up"
        assert data_of(db, instance_id)["closing"] == {"year": 2026}


def test_a_message_thrown_in_one_process_reaches_the_catch_in_another(db, clock, start):
    waiting, deciding = start("awaits_decision", dispute_id=42), start("gives_decision", dispute_id=42)
    with UnitOfWork(db) as uow:
        tasks.complete(
            uow,
            accounts.find(uow.session, "office.staff"),
            open_task(db, deciding).id,
            {"outcome": "撤销"},
            clock.now(),
        )
        uow.commit()
    assert open_task(db, waiting).name == "act"
    assert data_of(db, waiting)["decision"] == {"dispute_id": 42, "outcome": "撤销"}
    with db.read_session() as session:
        assert session.get(ProcessInstance, deciding).status == "completed"
        passed = [(e.action, e.actor, e.after["from_instance"]) for e in audit.of_instance(session, waiting)[1:]]
    assert passed == [("message", "system", deciding)]


def test_messages_passed_back_and_forth_for_ever_are_stopped_and_change_nothing(db, clock, start):
    pair = [start("echo"), start("echo")]
    with pytest.raises(ProcessFailure, match=f"passed on {messages.MAX_HOPS} times"):
        send(db, clock, Event("message", "ping"))
    with db.read_session() as session:
        assert {e.action for i in pair for e in audit.of_instance(session, i)} == {"start"}


def test_an_upgraded_database_knows_what_its_instances_were_waiting_for(db):
    """Written at every save since migration 0031, and by engine.upgrading for those saved before."""
    with db.read_session() as session:
        before = dict(session.execute(select(ProcessInstance.id, ProcessInstance.waiting_for)).all())
    assert any(w and w[0]["name"] == "progress_requested" for w in before.values())  # the demo's supervised items
    schema.downgrade(db, "0030")
    upgrading.upgrade(db)
    with db.read_session() as session:
        assert dict(session.execute(select(ProcessInstance.id, ProcessInstance.waiting_for)).all()) == before
