"""Who may keep the roster. The body's administrator keeps its units and people; a membership
change is recorded by the office too, to which the unit reports it (the joint-meeting rules §二);
a unit's own liaisons keep its contacts current. Anyone of another body finds nothing (404)."""

from __future__ import annotations

from engine.core.errors import Forbidden
from engine.org.models import Person, Unit


def may_administer(person: Person) -> bool:
    return "admin" in person.roles


def is_site_admin(person: Person) -> bool:
    """Of the installation, not of a body: creates bodies and keeps the shared calendar."""
    return "site_admin" in person.roles


def may_change_seats(person: Person) -> bool:
    return may_administer(person) or person.is_office


def may_edit_contacts(person: Person, unit: Unit) -> bool:
    return may_change_seats(person) or (person.unit_id == unit.id and person.answers_for_unit)


def require(allowed: bool, what: str) -> None:
    if not allowed:
        raise Forbidden(f"not allowed: {what}")
