"""Reading the roster: a unit's liaisons, the body's unit names."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.org.models import LIAISON_ROLES, Person, PersonRole, Unit


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
    return sorted(people, key=lambda p: ("liaison" not in p.roles, p.username))


def unit_names(session: Session, body_id: int) -> dict[str, str]:
    return dict(
        session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body_id).order_by(Unit.sort_order)).all()
    )
