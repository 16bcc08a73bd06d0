"""Reading the inbox: a person's tasks, a unit's, an instance's, and how many are open; rows
only, never a workflow."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from engine.org.models import LANE_ROLES, Person
from engine.workflow.models import HumanTask

INBOX_LIMIT = 500
# The most urgent first (earliest due, undated last), then the newest; the id settles ties, so
# that a list cut into pages shows every task once.
MOST_URGENT = (HumanTask.due_at.asc().nulls_last(), HumanTask.created_at.desc(), HumanTask.id)


def for_person(session: Session, person: Person, status: str = "open") -> list[HumanTask]:
    """The first INBOX_LIMIT of `person_query`."""
    return list(session.scalars(person_query(person, status).limit(INBOX_LIMIT)))


def person_query(person: Person, status: str = "open", kind: str | None = None) -> Select:
    """Tasks addressed to the person, their unit (if they answer for it) or their roles (only
    those addressed to a `kind` of addressee: person, unit or role, if given); the most urgent
    first (earliest due, undated last), then the newest. The id settles ties, so that a list cut
    into pages shows every task once."""
    query = select(HumanTask).where(HumanTask.body_id == person.body_id, HumanTask.status == status, _addressed(person))
    if kind:
        query = query.where(HumanTask.assignee_kind == kind)
    return query.order_by(HumanTask.due_at.asc().nulls_last(), HumanTask.created_at.desc(), HumanTask.id)


def count_for_person(session: Session, person: Person, status: str = "open") -> int:
    where = (HumanTask.body_id == person.body_id, HumanTask.status == status, _addressed(person))
    return session.scalar(select(func.count(HumanTask.id)).where(*where)) or 0


def open_by_kind(session: Session, person: Person, now: datetime) -> dict[str, tuple[int, int]]:
    """Kind of addressee (person, unit, role) -> how many of the person's open tasks it has, and
    how many of those are past due: the inbox's tabs and its overdue badge, in one query."""
    overdue = func.coalesce(func.sum(case((HumanTask.due_at < now, 1), else_=0)), 0)
    query = (
        select(HumanTask.assignee_kind, func.count(), overdue)
        .where(HumanTask.body_id == person.body_id, HumanTask.status == "open", _addressed(person))
        .group_by(HumanTask.assignee_kind)
    )
    return {kind: (count, late) for kind, count, late in session.execute(query)}


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
    return list(session.scalars(unit_query(body_id, unit_code)))


def unit_query(body_id: int, unit_code: str) -> Select:
    """What the unit still owes, the most urgent first."""
    return (
        select(HumanTask)
        .where(
            HumanTask.body_id == body_id,
            HumanTask.assignee_kind == "unit",
            HumanTask.assignee == unit_code,
            HumanTask.status == "open",
        )
        .order_by(*MOST_URGENT)
    )


def person_statuses_query(person: Person, statuses: tuple[str, ...], instance_id: int | None = None) -> Select:
    """`person_query` over several statuses, one after the other in the order given, and if
    given of one instance only."""
    query = select(HumanTask).where(
        HumanTask.body_id == person.body_id, HumanTask.status.in_(statuses), _addressed(person)
    )
    if instance_id is not None:
        query = query.where(HumanTask.instance_id == instance_id)
    in_order = case({status: n for n, status in enumerate(statuses)}, value=HumanTask.status)
    return query.order_by(in_order, *MOST_URGENT)


def all_tasks(
    session: Session,
    *,
    status: str | None = "open",
    instance_id: int | None = None,
    body_id: int | None = None,
) -> list[HumanTask]:
    return list(session.scalars(tasks_query(status=status, instance_id=instance_id, body_id=body_id)))


def tasks_query(*, status: str | None = "open", instance_id: int | None = None, body_id: int | None = None) -> Select:
    """Every task (of a status, an instance, a body, if given), the oldest first."""
    query = select(HumanTask).order_by(HumanTask.created_at, HumanTask.id)
    if status:
        query = query.where(HumanTask.status == status)
    if instance_id is not None:
        query = query.where(HumanTask.instance_id == instance_id)
    if body_id is not None:
        query = query.where(HumanTask.body_id == body_id)
    return query


def open_counts(session: Session, body_id: int, among: list[int] | None = None) -> dict[int, int]:
    """How many tasks are open in each of the body's instances (those with none are left out);
    with `among`, in those instances only: a list's page counts its own rows, not the body's."""
    query = (
        select(HumanTask.instance_id, func.count())
        .where(HumanTask.body_id == body_id, HumanTask.status == "open")
        .group_by(HumanTask.instance_id)
    )
    if among is not None:
        query = query.where(HumanTask.instance_id.in_(among))
    return dict(session.execute(query).all())
