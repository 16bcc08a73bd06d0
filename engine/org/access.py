"""Who may see a unit's page: who answers for it, what it still owes, the reminders it received.

The office, the convener and the administrator see every unit of their body; a unit's people see
their own unit. Any other unit is not found (NotFound, 404), exactly like a code that does not
exist, so unit codes reveal nothing across units or bodies.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.org.models import Person, Unit


def can_see_unit(person: Person, code: str | None) -> bool:
    return bool(code) and (person.sees_whole_body or person.unit.code == code)


def visible_unit(session: Session, person: Person, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.code == code, Unit.body_id == person.body_id))
    if unit is None or not can_see_unit(person, unit.code):
        raise NotFound(f"unit {code}")
    return unit
