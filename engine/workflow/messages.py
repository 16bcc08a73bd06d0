"""Messages and signals between instances (docs/AUTHORING.md, "Messages and signals").

The office or the administrator sends one from the API or the command line; or a step throws one
that nothing inside its own instance catches, and it is passed on. Either way it reaches every
running instance of the body waiting for it: a message only those whose correlation keys match,
a signal all of them. Each instance reached is run as a task completion runs it (locked, loaded,
the event caught, the engine run to its next wait, saved, its inbox synced) and audited, all in
the sender's one transaction, so a send that fails anywhere changes nothing.

Who waits for what is written on each instance at every save (`ProcessInstance.waiting_for`):
a sender reads those rows, and loads only the workflows it reaches.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from engine.core import audit, limits
from engine.core.errors import FieldError, Forbidden, InvalidData, NotFound, ProcessFailure
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from engine.workflow import free_data, instances
from engine.workflow.models import ProcessInstance
from engine.workflow.spiff import events, runtime
from engine.workflow.spiff.events import Event

NAME_MAX = 200
# How many times one step's messages may be passed on, instance to instance, before the chain is
# taken for a loop between processes and the whole step refused.
MAX_HOPS = 8
_hops: ContextVar[int] = ContextVar("message_hops", default=0)


class NotWaiting(NotFound):
    """No running instance of the body waits for the message (with those keys) or the signal."""

    code = "not_waiting"


def may_send(person: Person) -> bool:
    return person.is_office or "admin" in person.roles


def send(uow: UnitOfWork, person: Person, event: Event, now: datetime) -> list[int]:
    """Deliver the event to the person's body; returns the ids of the instances it reached."""
    if not may_send(person):
        raise Forbidden("only the office and the administrator send messages and signals")
    event = checked(event)
    reached = deliver(uow, person.body_id, event, person.username, now)
    if not reached:
        raise NotWaiting(_nobody(event))
    return reached


def checked(event: Event) -> Event:
    """A name, a payload kept as a task's data without a form is (engine.workflow.free_data),
    correlation keys whose values are text or numbers (compared as text)."""
    name = event.name.strip() if isinstance(event.name, str) else ""
    if not name:
        raise InvalidData({"name": FieldError("required")})
    limits.refuse_long({"name": name}, name=NAME_MAX)
    payload = {} if event.payload is None else event.payload
    if not isinstance(payload, dict):
        raise InvalidData({"payload": FieldError("not_json", {"depth": free_data.MAX_DEPTH})})
    correlation = {} if event.correlation is None else event.correlation
    if not isinstance(correlation, dict) or not all(_is_key(k, v) for k, v in correlation.items()):
        raise InvalidData({"correlation": FieldError("not_text")})
    limits.refuse_long(correlation, default=NAME_MAX)
    keys = {key: str(value) for key, value in correlation.items()}
    return Event(event.kind, name, free_data.checked(payload), keys)


def deliver(
    uow: UnitOfWork, body_id: int, event: Event, actor: str, now: datetime, sender: int | None = None
) -> list[int]:
    """`sender`: the instance that threw it, which is not among those it reaches."""
    reached = []
    for instance_id in _waiting(uow.session, body_id, event, sender):
        instance = instances.lock(uow, instance_id)
        if instance.status != "running" or not _reaches(event, instance.waiting_for):
            continue  # it moved on between the read and the lock
        instances.run_command(uow, instance_id, now, lambda workflow: events.deliver(workflow, event))
        after = {"payload": event.payload, "correlation": event.correlation}
        if sender is not None:
            after["from_instance"] = sender
        audit.record(
            uow.session,
            now,
            actor,
            event.kind,
            body_id=body_id,
            instance_id=instance_id,
            summary=event.name,
            after=after,
        )
        reached.append(instance_id)
    return reached


def pass_on(uow: UnitOfWork, sender: ProcessInstance, thrown: list[Event], now: datetime) -> None:
    """What a step threw and nothing in its own instance caught, to the other instances of the
    body waiting for it; none waiting is no error, as a thrown message nobody catches is lost in
    BPMN. Called by engine.workflow.instances.run_command after the sender is saved."""
    hops = _hops.get() + 1
    if hops > MAX_HOPS:
        raise ProcessFailure(
            f"instance {sender.id}: messages passed on {MAX_HOPS} times within one step: a loop between processes?"
        )
    token = _hops.set(hops)
    try:
        for event in thrown:
            deliver(uow, sender.body_id, event, "system", now, sender=sender.id)
    finally:
        _hops.reset(token)


def note_waiting(session: Session) -> None:
    """What each running instance waits for, written for those saved before lianxi kept it
    (engine.upgrading); every save keeps it since."""
    running = session.scalars(select(ProcessInstance.id).where(ProcessInstance.status == "running")).all()
    for instance_id in running:
        instance = session.get(ProcessInstance, instance_id, options=[undefer(ProcessInstance.state)])
        workflow = runtime.load(instances.parsed_spec(instance.spec), instance.state)
        instance.waiting_for = events.waiting_for(workflow)


def _waiting(session: Session, body_id: int, event: Event, sender: int | None) -> list[int]:
    rows = session.execute(
        select(ProcessInstance.id, ProcessInstance.waiting_for)
        .where(
            ProcessInstance.body_id == body_id,
            ProcessInstance.waiting_for.is_not(None),
            ProcessInstance.status == "running",
        )
        .order_by(ProcessInstance.id)
    ).all()
    return [instance_id for instance_id, waiting in rows if instance_id != sender and _reaches(event, waiting)]


def _reaches(event: Event, waiting: list[dict] | None) -> bool:
    return any(event.reaches(entry) for entry in waiting or [])


def _is_key(key: object, value: object) -> bool:
    return isinstance(key, str) and bool(key) and isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _nobody(event: Event) -> str:
    keys = ", ".join(f"{key}={value}" for key, value in event.correlation.items())
    return f"no instance is waiting for {event.kind} {event.name!r}" + (f" with {keys}" if keys else "")
