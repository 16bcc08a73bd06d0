"""A unit names who answers for its inbox: its liaison and a backup (docs/RULES.md: 联络员).

Only roles move. A unit's open tasks are addressed to the unit and resolved to its liaisons
whenever they are shown or reminded, so they follow the change with nothing else to update.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import FieldError, InvalidData, NotFound
from engine.org.models import LIAISON_ROLES, Person, PersonRole, Unit
from engine.org.queries import liaisons_of


def change(
    session: Session, body_id: int, unit_code: str, primary: str, backup: str | None, actor: str, now: datetime
) -> None:
    unit = session.scalar(select(Unit).where(Unit.body_id == body_id, Unit.code == unit_code))
    if unit is None:
        raise NotFound(f"no unit {unit_code!r}")
    chosen = {"primary": _colleague(session, unit, primary), "backup": backup and _colleague(session, unit, backup)}
    if chosen["backup"] is chosen["primary"]:
        raise InvalidData({"backup": FieldError("same_person")}, "备用联络员不能与联络员为同一人")
    before = {"liaisons": [p.username for p in liaisons_of(session, body_id, unit_code)]}
    people = select(Person.id).where(Person.unit_id == unit.id)
    session.execute(delete(PersonRole).where(PersonRole.person_id.in_(people), PersonRole.role.in_(LIAISON_ROLES)))
    session.add(PersonRole(person_id=chosen["primary"].id, role="liaison"))
    if chosen["backup"] is not None:
        session.add(PersonRole(person_id=chosen["backup"].id, role="backup_liaison"))
    session.flush()
    session.expire_all()  # the role rows behind Person.roles changed under the loaded people
    audit.record(
        session,
        now,
        actor,
        "liaisons",
        body_id=body_id,
        summary=f"{unit.name}联络员变更",
        before=before,
        after={"liaisons": [p.username for p in liaisons_of(session, body_id, unit_code)]},
    )


def _colleague(session: Session, unit: Unit, username: str) -> Person:
    person = session.scalar(select(Person).where(Person.username == username, Person.active))
    if person is None or person.unit_id != unit.id:
        raise InvalidData({"person": FieldError("not_of_unit")}, f"{username} 不是{unit.name}的在职人员")
    return person
