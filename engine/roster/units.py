"""A body's units: added, kept current, and retired when they leave the body.

A unit that leaves keeps its record and history (kind `former`, with the day it left); its seats
are closed and its people deactivated. Its open tasks are not left behind: the office hands them
to another member unit, or deals with each (代办, reassign) before the unit may leave.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import FieldError, InvalidData, NotFound
from engine.core.uow import UnitOfWork
from engine.org import signin
from engine.org.models import Person, Unit
from engine.roster import checks, open_work, seats
from engine.workflow import tasks

# The kinds an office gives a unit; `government` is the body's own (engine.roster.bodies) and
# `former` comes only from retire().
KINDS = ("member", "guest")
CONTACTS = ("phone", "email")


def add(session: Session, body_id: int, values: dict, actor: str, now: datetime) -> Unit:
    code, name = (values.get(k, "").strip() for k in ("code", "name"))
    kind = values.get("kind") or "member"
    contacts = {k: (values.get(k) or "").strip() for k in CONTACTS}
    taken = session.scalar(select(Unit.id).where(Unit.body_id == body_id, Unit.code == code))
    checks.refuse_any(
        {
            "code": checks.code(code) or (FieldError("taken") if taken else None),
            "name": checks.required(name, 200),
            "kind": None if kind in KINDS else FieldError("not_a_choice"),
            "phone": checks.phone(contacts["phone"]),
            "email": checks.email(contacts["email"]),
        }
    )
    last = session.scalar(select(func.max(Unit.sort_order)).where(Unit.body_id == body_id, Unit.kind != "government"))
    unit = Unit(body_id=body_id, code=code, name=name, kind=kind, sort_order=(last or 0) + 1, **contacts)
    session.add(unit)
    session.flush()
    audit.record(session, now, actor, "unit_added", body_id=body_id, summary=name, after=_shown(unit))
    return unit


def update(session: Session, body_id: int, code: str, values: dict, actor: str, now: datetime) -> Unit:
    """The office renames a unit, moves it between member and guest, or corrects its contacts."""
    unit = find(session, body_id, code)
    name = (values.get("name") or "").strip()
    kind = values.get("kind") or unit.kind
    contacts = {k: (values.get(k) or "").strip() for k in CONTACTS}
    movable = unit.kind in KINDS and kind in KINDS
    checks.refuse_any(
        {
            "name": checks.required(name, 200),
            "kind": None if kind == unit.kind or movable else FieldError("not_a_choice"),
            "phone": checks.phone(contacts["phone"]),
            "email": checks.email(contacts["email"]),
        }
    )
    before = _shown(unit)
    unit.name, unit.kind, unit.phone, unit.email = name, kind, contacts["phone"], contacts["email"]
    audit.record(session, now, actor, "unit_changed", body_id=body_id, summary=name, before=before, after=_shown(unit))
    return unit


def save_contacts(session: Session, person: Person, code: str, values: dict, now: datetime) -> Unit:
    """A unit's people keep its phone and e-mail current (the caller checked they may)."""
    unit = find(session, person.body_id, code)
    return update(session, person.body_id, code, {"name": unit.name, **values}, person.username, now)


def retire(
    uow: UnitOfWork, actor: Person, code: str, on_day: date | None, handover_to: str | None, now: datetime
) -> Unit:
    """The unit leaves the body on `on_day`. With `handover_to`, its open tasks go to that member
    unit first; any that remain (a unit's own consent is never handed over) refuse the retirement,
    named, so the office deals with each. Nothing is written when refused."""
    session = uow.session
    unit = find(session, actor.body_id, code)
    checks.refuse_any({"on_day": checks.on_day(on_day, now.date()), "code": _retirable(session, unit, handover_to)})
    if handover_to:
        for task in open_work.of_unit(session, unit.body_id, unit.code):
            if task.proxy_allowed:
                tasks.reassign(uow, actor, task.id, "unit", handover_to, f"{unit.name}退出联席会议，移交", now)
    left = open_work.of_unit(session, unit.body_id, unit.code)
    if left:
        names = "、".join(f"{t.instance.title}：{t.title}" for t in left)
        raise InvalidData({"code": FieldError("open_tasks", {"count": len(left)})}, f"{unit.name}还有在办事项：{names}")
    seats.vacate_all(session, unit, on_day)
    for member in session.scalars(select(Person).where(Person.unit_id == unit.id, Person.active)):
        signin.end_all(session, member, now)
        member.active = False
    before = _shown(unit)
    unit.kind, unit.left_on = "former", on_day
    audit.record(
        session,
        now,
        actor.username,
        "unit_retired",
        body_id=unit.body_id,
        summary=unit.name,
        before=before,
        after=_shown(unit) | {"handover_to": handover_to},
    )
    return unit


def find(session: Session, body_id: int, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.body_id == body_id, Unit.code == code))
    if unit is None:
        raise NotFound(f"no unit {code!r}")
    return unit


def _retirable(session: Session, unit: Unit, handover_to: str | None) -> FieldError | None:
    if unit.kind not in KINDS:
        return FieldError("not_a_choice")
    if handover_to is None:
        return None
    target = session.scalar(
        select(Unit.id).where(Unit.body_id == unit.body_id, Unit.code == handover_to, Unit.kind == "member")
    )
    return None if target and handover_to != unit.code else FieldError("unknown_unit", {"codes": handover_to})


def _shown(unit: Unit) -> dict:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind, "phone": unit.phone, "email": unit.email}
