"""The body's people as its administrator lists them (its units and their seats are
engine.roster.directory's)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from engine.org.models import Person, Unit


def people(session: Session, body_id: int, unit_code: str | None = None) -> list[Person]:
    """The body's people, by unit in roster order then user name; those of one unit when given."""
    query = (
        select(Person)
        .join(Person.unit)
        .options(contains_eager(Person.unit))
        .where(Person.body_id == body_id)
        .order_by(Unit.sort_order, Person.username)
    )
    if unit_code:
        query = query.where(Unit.code == unit_code)
    return list(session.scalars(query))
