"""Reading the roster: bodies, units, people, a unit's liaisons and the names pages show."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from engine.org.models import LIAISON_ROLES, Body, Person, PersonRole, Unit


def body_by_code(session: Session, code: str) -> Body | None:
    return session.scalar(select(Body).where(Body.code == code))


def bodies(session: Session, limit: int | None = None) -> list[Body]:
    return list(session.scalars(select(Body).order_by(Body.id).limit(limit)))


def person(session: Session, person_id: int) -> Person | None:
    """With their roles in the same statement: what a check of theirs reads first."""
    return session.get(Person, person_id, options=[joinedload(Person.role_rows)])


def units(session: Session, body_code: str | None = None, members_only: bool = True) -> list[tuple[Unit, str]]:
    """Units with their body's code, by body and roster order: the member units, or with
    `members_only=False` also the invited guests and the government."""
    query = select(Unit, Body.code).join(Body).order_by(Body.code, Unit.sort_order)
    if members_only:
        query = query.where(Unit.kind == "member")
    if body_code:
        query = query.where(Body.code == body_code)
    return [(unit, code) for unit, code in session.execute(query)]


def active_people(session: Session, unit: Unit) -> list[Person]:
    """The unit's active people, by user name: those the roster may seat."""
    query = select(Person).where(Person.unit_id == unit.id, Person.active).order_by(Person.username)
    return list(session.scalars(query))


def people_who_sign_in(session: Session, unit: Unit) -> list[Person]:
    """The unit's people who can sign in now (active, not locked, with a password), by user
    name: those the office may name its liaisons, since a liaison who cannot sign in would
    leave the unit's tasks with nobody to open them."""
    query = select(Person).where(
        Person.unit_id == unit.id, Person.active, ~Person.locked, Person.password_hash.is_not(None)
    )
    return list(session.scalars(query.order_by(Person.username)))


def liaisons_of(session: Session, body_id: int, unit_code: str) -> list[Person]:
    """The unit's liaisons now, primary first: a unit's task follows a change of liaison."""
    people = session.scalars(
        select(Person)
        .join(Unit, Person.unit_id == Unit.id)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            Unit.code == unit_code,
            Unit.body_id == body_id,
            Person.active,
            PersonRole.role.in_(LIAISON_ROLES),
        )
        .distinct()
    ).all()
    return primary_first(people)


def primary_first(liaisons: list[Person]) -> list[Person]:
    """A unit's liaisons, its primary liaison before its backups, each by user name."""
    return sorted(liaisons, key=lambda p: ("liaison" not in p.roles, p.username))


def unit_names(session: Session, body_id: int) -> dict[str, str]:
    return dict(
        session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body_id).order_by(Unit.sort_order)).all()
    )


def display_names(session: Session, body_id: int) -> dict[str, str]:
    """The body's people: user name -> display name."""
    return dict(session.execute(select(Person.username, Person.display_name).where(Person.body_id == body_id)).all())
