"""Who inspects: the team's member units and its leader, a person of one of them who writes the
report. The plan names them; the form has already kept the units to the body's member units."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import FieldError
from engine.org.models import Person, Unit


def plan_errors(session: Session, values: dict) -> dict[str, FieldError]:
    """A period that ends before it begins, and a leader from outside the team, are refused."""
    errors = {}
    if date.fromisoformat(values["period_to"]) < date.fromisoformat(values["period_from"]):
        errors["period_to"] = FieldError("too_small", {"min": values["period_from"]})
    if leader_unit(session, values["team_leader"]) not in values["team_units"]:
        errors["team_leader"] = FieldError("not_eligible")
    return errors


def leader_unit(session: Session, username: str) -> str | None:
    query = select(Unit.code).join(Person, Person.unit_id == Unit.id).where(Person.username == username)
    return session.scalar(query)
