"""The body's work in progress: meetings not yet issued with their stage, running plans with
their current phase and what is off track, and disputes waiting for the government's decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core.clock import SHANGHAI
from engine.meetings.models import GovernmentReferral, Meeting
from engine.plan_runs import indicators
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.plan_runs.queries import OWED
from engine.plan_runs.runs import plan_of

FINISHED_MEETINGS = ("issued", "cancelled")


@dataclass(frozen=True)
class PlanFigures:
    run: PlanRun
    phases: list[str]  # the titles of the phases today falls in
    overdue: int  # deliverables past their due date, still owed
    off_track: int  # indicators whose latest value misses the target


def meetings_in_progress(session: Session, body_id: int) -> list[Meeting]:
    query = (
        select(Meeting)
        .where(Meeting.body_id == body_id, Meeting.status.not_in(FINISHED_MEETINGS))
        .order_by(Meeting.opened_at, Meeting.id)
    )
    return list(session.scalars(query))


def plans_running(session: Session, body_id: int, now: datetime) -> list[PlanFigures]:
    runs = list(
        session.scalars(
            select(PlanRun).where(PlanRun.body_id == body_id, PlanRun.status == "running").order_by(PlanRun.start)
        )
    )
    today = now.astimezone(SHANGHAI).date()
    overdue = _overdue_deliverables(session, [r.id for r in runs], today)
    return [_plan(session, run, today, overdue.get(run.id, 0)) for run in runs]


def _plan(session: Session, run: PlanRun, today: date, overdue: int) -> PlanFigures:
    plan = plan_of(run)
    phases = [p.title for p in plan.phases if any(start <= today <= end for start, end in p.parts())]
    off_track = sum(1 for s in indicators.standings(session, run, plan) if s.on_track is False)
    return PlanFigures(run, phases, overdue, off_track)


def _overdue_deliverables(session: Session, run_ids: list[int], today: date) -> dict[int, int]:
    query = (
        select(PlanDeadline.run_id, func.count())
        .where(PlanDeadline.run_id.in_(run_ids), PlanDeadline.status.in_(OWED), PlanDeadline.due < today)
        .group_by(PlanDeadline.run_id)
    )
    return dict(session.execute(query).all())


def disputes_waiting(session: Session, body_id: int) -> list[tuple[GovernmentReferral, Meeting]]:
    """Requests to the government whose decision the office has not yet recorded (§六(三)), the
    oldest first: from the minutes' issue until the decision they are the body's to chase."""
    query = (
        select(GovernmentReferral, Meeting)
        .join(Meeting, Meeting.id == GovernmentReferral.meeting_id)
        .where(GovernmentReferral.body_id == body_id, GovernmentReferral.decided_at.is_(None))
        .order_by(GovernmentReferral.started_at, GovernmentReferral.id)
    )
    return [(r, m) for r, m in session.execute(query)]
