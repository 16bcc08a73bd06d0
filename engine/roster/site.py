"""The site administrator's view of an installation: every body on it, and a new body's first
administrator, so that a body created on the site is kept from then on by its own office.

The site administrator is a person of some body holding the role `site_admin`; it gives them no
say in any body's business, only in what bodies there are and in the calendar they share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.org.models import Body, Person, PersonRole, Unit
from engine.roster import people

# A body's first administrator keeps its roster and heads its office until others are named.
FIRST_ADMIN_ROLES = ("admin", "office_director")


@dataclass(frozen=True)
class BodyRow:
    body: Body
    member_units: int
    active_people: int


def overview(session: Session) -> list[BodyRow]:
    """Every body, oldest first, with how many member units and active people it has."""
    units = _counts(session, select(Unit.body_id, func.count()).where(Unit.kind == "member").group_by(Unit.body_id))
    active = _counts(session, select(Person.body_id, func.count()).where(Person.active).group_by(Person.body_id))
    return [
        BodyRow(body, units.get(body.id, 0), active.get(body.id, 0))
        for body in session.scalars(select(Body).order_by(Body.id))
    ]


def find(session: Session, code: str) -> Body:
    body = session.scalar(select(Body).where(Body.code == code))
    if body is None:
        raise NotFound(f"no body {code!r}")
    return body


def administrators(session: Session, body_id: int) -> list[Person]:
    """The body's active administrators: none yet means the site still has to name one."""
    query = (
        select(Person)
        .join(PersonRole)
        .where(Person.body_id == body_id, Person.active, PersonRole.role == "admin")
        .order_by(Person.username)
    )
    return list(session.scalars(query))


def add_administrator(session: Session, body_id: int, values: dict, actor: str, now: datetime) -> tuple[Person, str]:
    """The body's administrator, with a temporary password to hand over (checked as any new person)."""
    return people.add(session, body_id, {**values, "roles": list(FIRST_ADMIN_ROLES)}, actor, now)


def _counts(session: Session, query: Select) -> dict[int, int]:
    return dict(session.execute(query).all())
