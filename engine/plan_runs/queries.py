"""What the plan pages show, read from rows: the phase timeline, each deliverable's status per
unit, the overdue list, the implementation plans filed, the indicator values reported and the
dispatch reviews. Who may see a run is engine.plan_runs.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import SHANGHAI
from engine.plan_runs.models import DispatchReview, PlanDeadline, PlanRun
from engine.plans import Plan
from engine.workflow.models import HumanTask

OWED = ("scheduled", "open")


def status_of(row: PlanDeadline, today: date) -> str:
    """submitted | overdue | open | scheduled | lapsed | waiting: what the matrix shows."""
    if row.status in OWED and row.due is not None and row.due < today:
        return "overdue"
    return row.status


@dataclass(frozen=True)
class DeliverableRow:
    deliverable: str
    title: str
    due: date | None
    rule_text: str
    cells: dict[str, PlanDeadline]  # unit -> its deadline

    def waits(self) -> bool:
        """Undated because it is due once an event happens, rather than open-ended."""
        return any(cell.status == "waiting" for cell in self.cells.values())


def deadlines(session: Session, run: PlanRun, unit: str | None = None) -> list[PlanDeadline]:
    query = select(PlanDeadline).where(PlanDeadline.run_id == run.id).order_by(PlanDeadline.due, PlanDeadline.id)
    if unit is not None:
        query = query.where(PlanDeadline.unit == unit)
    return list(session.scalars(query))


def matrix(rows: list[PlanDeadline]) -> list[DeliverableRow]:
    """One row per deliverable and due date, one cell per unit owing it (an event's rows apart)."""
    grouped: dict[tuple, DeliverableRow] = {}
    for row in rows:
        key = (row.deliverable, row.due, row.event_on, row.title)
        found = grouped.setdefault(key, DeliverableRow(row.deliverable, row.title, row.due, row.rule_text, {}))
        found.cells[row.unit] = row
    return sorted(grouped.values(), key=lambda r: (r.due is None, r.due or date.max, r.deliverable))


@dataclass(frozen=True)
class Overdue:
    title: str
    unit: str
    due: date


def overdue(rows: list[PlanDeadline], plans: list[HumanTask], today: date) -> list[Overdue]:
    """What units owe past its day, the longest overdue first: deliverables, and the
    implementation plans each unit files first (tasks of the run, not deadlines of the plan file)."""
    late = [Overdue(r.title, r.unit, r.due) for r in rows if status_of(r, today) == "overdue"]
    late += [Overdue(t.title, t.assignee, due) for t in plans if (due := plan_overdue_since(t, today))]
    return sorted(late, key=lambda o: (o.due, o.unit))


def plan_overdue_since(task: HumanTask, today: date) -> date | None:
    """The day an implementation plan was due, if it is still owed after it."""
    if task.status != "open" or task.due_at is None:
        return None
    due = task.due_at.astimezone(SHANGHAI).date()
    return due if due < today else None


@dataclass(frozen=True)
class TimelineBar:
    title: str
    kind: str
    start: date
    end: date
    left: float  # % of the plan's span
    width: float


def timeline(plan: Plan) -> tuple[list[TimelineBar], float]:
    """Each phase's windows as bars across the plan's span, and the span's length in days."""
    span = max((plan.end - plan.start).days, 1)
    bars = [
        TimelineBar(
            phase.title,
            phase.kind,
            start,
            end,
            round((start - plan.start).days / span * 100, 2),
            round(max((end - start).days, 1) / span * 100, 2),
        )
        for phase in plan.phases
        for start, end in phase.parts()
    ]
    return bars, span


def today_mark(plan: Plan, today: date) -> float | None:
    if not plan.start <= today <= plan.end:
        return None
    return round((today - plan.start).days / max((plan.end - plan.start).days, 1) * 100, 2)


def implementation_plans(session: Session, run: PlanRun) -> dict[str, HumanTask]:
    """Each participating unit's "file your implementation plan" task, by unit."""
    rows = session.scalars(
        select(HumanTask).where(HumanTask.instance_id == run.instance_id, HumanTask.name == "file_implementation_plan")
    )
    return {t.assignee: t for t in rows}


def office_tasks(session: Session, run: PlanRun) -> list[HumanTask]:
    """The office's own steps: dispatch reviews, the stage evaluation, the final summary."""
    return list(
        session.scalars(
            select(HumanTask)
            .where(HumanTask.instance_id == run.instance_id, HumanTask.assignee_kind == "role")
            .order_by(HumanTask.created_at)
        )
    )


def dispatch_reviews(session: Session, run: PlanRun) -> list[DispatchReview]:
    """The run's quarterly dispatch reviews, with their briefings, by quarter."""
    return list(
        session.scalars(select(DispatchReview).where(DispatchReview.run_id == run.id).order_by(DispatchReview.quarter))
    )
