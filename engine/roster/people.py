"""A body's people, kept by its administrator: added, given roles, locked, deactivated.

Seats (member, liaison, backup liaison) are not roles given here: they change by a dated
membership change (engine.roster.seats). A body is never left without a convener or an
administrator, and a person who leaves hands over the tasks addressed to them by name.
Locking and deactivating end every session and API token at once; what the person did stays
on record under their name.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import FieldError, Forbidden, InvalidData, NotFound
from engine.core.uow import UnitOfWork
from engine.org import accounts, signin
from engine.org.models import INDISPENSABLE_ROLES, SEATS, Person, PersonRole, Unit
from engine.roster import checks, open_work, seats
from engine.workflow import tasks

PROFILE = ("display_name", "title", "email", "phone")


def add(session: Session, body_id: int, values: dict, actor: str, now: datetime) -> tuple[Person, str]:
    """A new person of one of the body's units, with a temporary password to hand over (shown
    once; only its hash is kept)."""
    username, unit_code = (values.get(k, "").strip() for k in ("username", "unit"))
    roles = list(values.get("roles") or [])
    clean = {k: (values.get(k) or "").strip() for k in PROFILE}
    taken = session.scalar(select(Person.id).where(func.lower(Person.username) == username.lower()))
    unit = session.scalar(select(Unit).where(Unit.body_id == body_id, Unit.code == unit_code))
    checks.refuse_any(
        {
            "username": checks.username(username) or (FieldError("taken") if taken else None),
            "unit": None if unit is not None and unit.kind != "former" else FieldError("not_a_choice"),
            "display_name": checks.required(clean["display_name"], 120),
            "title": checks.length(clean["title"], 200),
            "email": checks.email(clean["email"]),
            "phone": checks.phone(clean["phone"]),
            "roles": checks.roles(roles) or _site_role(roles),
        }
    )
    password = temporary_password()
    person = accounts.create(
        session,
        username,
        unit_code,
        roles,
        body_id=body_id,
        password=password,
        actor=actor,
        now=now,
        display_name=clean["display_name"],
        title=clean["title"],
        email=clean["email"] or None,
        phone=clean["phone"],
    )
    session.flush()
    audit.record(session, now, actor, "person_added", body_id=body_id, summary=username, after={"roles": sorted(roles)})
    return person, password


def update(session: Session, body_id: int, username: str, values: dict, actor: str, now: datetime) -> Person:
    person = find(session, body_id, username)
    clean = {k: (values.get(k) or "").strip() for k in PROFILE}
    checks.refuse_any(
        {
            "display_name": checks.required(clean["display_name"], 120),
            "title": checks.length(clean["title"], 200),
            "email": checks.email(clean["email"]),
            "phone": checks.phone(clean["phone"]),
        }
    )
    before = {k: getattr(person, k) or "" for k in PROFILE}
    person.display_name, person.title, person.phone = clean["display_name"], clean["title"], clean["phone"]
    person.email = clean["email"] or None
    audit.record(session, now, actor, "person_changed", body_id=body_id, summary=username, before=before, after=clean)
    return person


def set_roles(session: Session, body_id: int, username: str, roles: list[str], actor: str, now: datetime) -> Person:
    """The person's roles in the body but their seats, which stay as they are."""
    person = find(session, body_id, username)
    wanted = set(roles) - set(SEATS)
    checks.refuse_any({"roles": checks.roles(roles) or _site_role(roles)})
    kept = set(person.roles) & set(SEATS)
    if "site_admin" in person.roles:
        kept.add("site_admin")  # given and taken by the site, not by a body
    _keep_indispensable(session, person, wanted | kept)
    before = sorted(person.roles)
    # The rows of roles kept stay: a new row beside an old one of the same role would break the
    # (person, role) uniqueness, as the flush inserts before it deletes.
    added = [PersonRole(role=r) for r in sorted(wanted | kept) if r not in person.roles]
    person.role_rows = [row for row in person.role_rows if row.role in wanted | kept] + added
    session.flush()
    audit.record(
        session,
        now,
        actor,
        "roles",
        body_id=body_id,
        summary=username,
        before={"roles": before},
        after={"roles": sorted(wanted | kept)},
    )
    return person


def reset_password(session: Session, body_id: int, username: str, actor: str, now: datetime) -> str:
    """A temporary password, shown once to the administrator; the person's sessions end."""
    person = find(session, body_id, username)
    password = temporary_password()
    accounts.set_password(session, person, password, now)
    audit.record(session, now, actor, "password_reset", body_id=body_id, summary=username)
    return password


def lock(session: Session, body_id: int, username: str, locked: bool, actor: str, now: datetime) -> Person:
    person = find(session, body_id, username)
    person.locked = locked
    if locked:
        signin.end_all(session, person, now)
    audit.record(session, now, actor, "locked" if locked else "unlocked", body_id=body_id, summary=username)
    return person


def deactivate(uow: UnitOfWork, actor: Person, username: str, hand_over_to: str | None, now: datetime) -> Person:
    """The person leaves. Refused while they are the body's only convener or administrator,
    the last liaison of a unit with open tasks, or owe tasks by name and no one takes them."""
    session = uow.session
    person = find(session, actor.body_id, username)
    if person.id == actor.id:
        raise Forbidden("an administrator does not deactivate themselves")
    _keep_indispensable(session, person, set())
    _keep_a_liaison(session, person)
    for task in open_work.of_person(session, person.body_id, person.username):
        if not hand_over_to:
            raise InvalidData(
                {"hand_over_to": FieldError("required")}, f"{person.display_name}还有在办事项：{task.title}"
            )
        tasks.reassign(uow, actor, task.id, "person", hand_over_to, f"{person.display_name}离岗，移交", now)
    seats.release(session, person, now.date())
    person.active = False
    signin.end_all(session, person, now)
    audit.record(session, now, actor.username, "deactivated", body_id=person.body_id, summary=username)
    return person


def find(session: Session, body_id: int, username: str) -> Person:
    person = session.scalar(select(Person).where(Person.body_id == body_id, Person.username == username))
    if person is None:
        raise NotFound(f"no person {username!r}")
    return person


def temporary_password() -> str:
    return secrets.token_urlsafe(9)  # 12 characters, 72 bits


def _site_role(roles: list[str]) -> FieldError | None:
    return FieldError("not_a_choice") if "site_admin" in roles else None


def _keep_indispensable(session: Session, person: Person, remaining: set[str]) -> None:
    for role in INDISPENSABLE_ROLES:
        if role in person.roles and role not in remaining and _holders(session, person.body_id, role) <= 1:
            raise InvalidData(
                {"roles": FieldError("last_holder", {"role": role})}, f"{person.display_name}是本联席会议唯一的{role}"
            )


def _keep_a_liaison(session: Session, person: Person) -> None:
    if not person.answers_for_unit:
        return
    others = session.scalar(
        select(func.count(Person.id.distinct()))
        .join(PersonRole)
        .where(
            Person.unit_id == person.unit_id,
            Person.active,
            Person.id != person.id,
            PersonRole.role.in_(("liaison", "backup_liaison")),
        )
    )
    if not others and open_work.of_unit(session, person.body_id, person.unit.code):
        raise InvalidData({"liaison": FieldError("last_liaison")}, f"{person.unit.name}还有在办事项，不能没有联络员")


def _holders(session: Session, body_id: int, role: str) -> int:
    return session.scalar(
        select(func.count(Person.id))
        .join(PersonRole)
        .where(Person.body_id == body_id, Person.active, PersonRole.role == role)
    )
