"""Reading the inbox: a person's tasks, a unit's, an instance's, and how many are open; rows
only, never a workflow."""

from __future__ import annotations

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from engine.org.models import LANE_ROLES, Person
from engine.workflow.models import HumanTask

INBOX_LIMIT = 500


def for_person(session: Session, person: Person, status: str = "open") -> list[HumanTask]:
    """The first INBOX_LIMIT of `person_query`."""
    return list(session.scalars(person_query(person, status).limit(INBOX_LIMIT)))


def person_query(person: Person, status: str = "open") -> Select:
    """Tasks addressed to the person, their unit (if they answer for it) or their roles; the
    most urgent first (earliest due, undated last), then the newest. The id settles ties, so
    that a list cut into pages shows every task once."""
    return (
        select(HumanTask)
        .where(HumanTask.body_id == person.body_id, HumanTask.status == status, _addressed(person))
        .order_by(HumanTask.due_at.asc().nulls_last(), HumanTask.created_at.desc(), HumanTask.id)
    )


def count_for_person(session: Session, person: Person, status: str = "open") -> int:
    where = (HumanTask.body_id == person.body_id, HumanTask.status == status, _addressed(person))
    return session.scalar(select(func.count(HumanTask.id)).where(*where)) or 0


def _addressed(person: Person):
    lanes = [lane for lane, roles in LANE_ROLES.items() if person.roles & roles]
    return or_(
        and_(HumanTask.assignee_kind == "person", HumanTask.assignee == person.username),
        and_(HumanTask.assignee_kind == "role", HumanTask.assignee.in_(lanes)) if lanes else false(),
        and_(HumanTask.assignee_kind == "unit", HumanTask.assignee == person.unit.code)
        if person.answers_for_unit
        else false(),
    )


def open_for_unit(session: Session, body_id: int, unit_code: str) -> list[HumanTask]:
    """What the unit still owes, the most urgent first (earliest due, undated last), then the newest."""
    query = (
        select(HumanTask)
        .where(
            HumanTask.body_id == body_id,
            HumanTask.assignee_kind == "unit",
            HumanTask.assignee == unit_code,
            HumanTask.status == "open",
        )
        .order_by(HumanTask.due_at.asc().nulls_last(), HumanTask.created_at.desc())
    )
    return list(session.scalars(query))


def all_tasks(
    session: Session,
    *,
    status: str | None = "open",
    instance_id: int | None = None,
    body_id: int | None = None,
) -> list[HumanTask]:
    query = select(HumanTask).order_by(HumanTask.created_at, HumanTask.id)
    if status:
        query = query.where(HumanTask.status == status)
    if instance_id is not None:
        query = query.where(HumanTask.instance_id == instance_id)
    if body_id is not None:
        query = query.where(HumanTask.body_id == body_id)
    return list(session.scalars(query))


def open_counts(session: Session, body_id: int) -> dict[int, int]:
    """How many tasks are open in each of the body's instances (those with none are left out)."""
    query = (
        select(HumanTask.instance_id, func.count())
        .where(HumanTask.body_id == body_id, HumanTask.status == "open")
        .group_by(HumanTask.instance_id)
    )
    return dict(session.execute(query).all())
