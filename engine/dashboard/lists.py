"""The overseers' filtered lists: every task of the body (全部在办) and the process instances a
person may see, each filtered and paged in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine.dashboard.units import week_end
from engine.org.models import Person
from engine.workflow import access
from engine.workflow.models import HumanTask, ProcessInstance


@dataclass(frozen=True)
class TaskFilters:
    status: str = "open"  # open | completed | cancelled, or "" for any
    unit: str | None = None  # a unit code: that unit's own tasks
    overdue: bool = False  # open and past due
    due_this_week: bool = False  # open and due from now to the end of the week


def tasks(body_id: int, filters: TaskFilters, now: datetime) -> Select:
    """Open tasks the most urgent first (earliest due, undated last); closed ones the latest first."""
    query = select(HumanTask).where(HumanTask.body_id == body_id)
    if filters.status:
        query = query.where(HumanTask.status == filters.status)
    if filters.unit:
        query = query.where(HumanTask.assignee_kind == "unit", HumanTask.assignee == filters.unit)
    if filters.overdue:
        query = query.where(HumanTask.status == "open", HumanTask.due_at < now)
    if filters.due_this_week:
        query = query.where(HumanTask.status == "open", HumanTask.due_at >= now, HumanTask.due_at < week_end(now))
    if filters.status == "open":
        return query.order_by(HumanTask.due_at.asc().nulls_last(), HumanTask.created_at, HumanTask.id)
    return query.order_by(HumanTask.closed_at.desc().nulls_first(), HumanTask.created_at.desc(), HumanTask.id)


def instances(person: Person, process_id: str | None, status: str | None) -> Select:
    """The instances the person may see (engine.workflow.access.can_see_instance), newest first."""
    query = select(ProcessInstance).where(ProcessInstance.body_id == person.body_id)
    if not person.sees_whole_body:
        query = query.where(access.takes_part(person, ProcessInstance.id))
    if process_id:
        query = query.where(ProcessInstance.process_id == process_id)
    if status:
        query = query.where(ProcessInstance.status == status)
    return query.order_by(ProcessInstance.id.desc())


def status_counts(session: Session, query: Select) -> dict[str, int]:
    """How many of the query's instances are in each status, for the filter's tabs."""
    inner = query.order_by(None).subquery()
    rows = session.execute(select(inner.c.status, func.count()).group_by(inner.c.status))
    return dict(rows.all())
