"""What each unit owes and how punctually it answered: open unit tasks overdue and due this week,
and the on-time share of the unit tasks it completed this year. One grouped query each, never one
per unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from engine.core.clock import SHANGHAI
from engine.org.models import Unit
from engine.workflow.models import HumanTask


@dataclass(frozen=True)
class UnitFigures:
    code: str
    name: str
    overdue: int = 0
    due_this_week: int = 0
    completed: int = 0  # completed this year with a deadline
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return self.on_time / self.completed if self.completed else None


@dataclass(frozen=True)
class Timeliness:
    completed: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.completed if self.completed else None


def week_end(now: datetime) -> datetime:
    """The end of the calendar week (Monday to Sunday, Beijing time) that `now` falls in."""
    today = now.astimezone(SHANGHAI).date()
    return datetime.combine(today + timedelta(days=7 - today.weekday()), time(), SHANGHAI)


def year_start(now: datetime) -> datetime:
    return datetime(now.astimezone(SHANGHAI).year, 1, 1, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Figures:
    overdue: int  # every open task of the body past due, the units' and the roles' and people's
    due_this_week: int
    by_unit: list[UnitFigures]  # the units that owe or answered something, in the body's order
    timeliness: Timeliness  # the units' tasks completed this year


def figures(session: Session, body_id: int, now: datetime) -> Figures:
    units = session.execute(
        select(Unit.code, Unit.name).where(Unit.body_id == body_id).order_by(Unit.sort_order, Unit.id)
    ).all()
    open_ = _open(session, body_id, now)
    done = _completed(session, body_id, now)
    owed = {unit: counts for (kind, unit), counts in open_.items() if kind == "unit"}
    rows = [
        UnitFigures(code, name, *owed.get(code, (0, 0)), *done.get(code, (0, 0)))
        for code, name in units
        if code in owed or code in done
    ]
    return Figures(
        overdue=sum(o for o, _ in open_.values()),
        due_this_week=sum(w for _, w in open_.values()),
        by_unit=rows,
        timeliness=Timeliness(sum(r.completed for r in rows), sum(r.on_time for r in rows)),
    )


def _count(condition) -> object:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _open(session: Session, body_id: int, now: datetime) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, assignee) -> (overdue, due this week), for those with either."""
    query = (
        select(
            HumanTask.assignee_kind,
            HumanTask.assignee,
            _count(HumanTask.due_at < now),
            _count(and_(HumanTask.due_at >= now, HumanTask.due_at < week_end(now))),
        )
        .where(HumanTask.body_id == body_id, HumanTask.status == "open")
        .group_by(HumanTask.assignee_kind, HumanTask.assignee)
    )
    rows = session.execute(query)
    return {(kind, who): (overdue, due) for kind, who, overdue, due in rows if overdue or due}


def _completed(session: Session, body_id: int, now: datetime) -> dict[str, tuple[int, int]]:
    """Tasks closed without a deadline have no "on time" and are left out."""
    query = (
        select(HumanTask.assignee, func.count(), _count(HumanTask.closed_at <= HumanTask.due_at))
        .where(
            HumanTask.body_id == body_id,
            HumanTask.assignee_kind == "unit",
            HumanTask.status == "completed",
            HumanTask.due_at.is_not(None),
            HumanTask.closed_at >= year_start(now),
        )
        .group_by(HumanTask.assignee)
    )
    return {unit: (completed, on_time) for unit, completed, on_time in session.execute(query)}
