"""The briefing drawn up for each quarterly dispatch review (调度), the day before it: overdue
and at-risk deliverables, units whose indicator reports are missing, indicators off track, and
the body's open decided items (from the supervision ledger). Kept with the review, as it stood
when drawn up."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import SHANGHAI, iso
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.plan_runs import indicators
from engine.plan_runs.models import DispatchReview, IndicatorReport, PlanDeadline, PlanRun
from engine.plan_runs.office import review_dates
from engine.plan_runs.runs import plan_of, unit_names
from engine.supervision import ledger
from engine.supervision.models import SupervisedItem

AT_RISK_DAYS = 7  # a deliverable not submitted and due within this many days is at risk
AHEAD = timedelta(days=1)  # drawn up this long before the review


def draw_up(session: Session, run: PlanRun, now: datetime) -> dict:
    today = now.astimezone(SHANGHAI).date()
    names = unit_names(run)
    owed = session.scalars(
        select(PlanDeadline)
        .where(PlanDeadline.run_id == run.id, PlanDeadline.status.in_(("scheduled", "open")))
        .order_by(PlanDeadline.due, PlanDeadline.unit)
    ).all()
    owed = [d for d in owed if d.due is not None]  # an open-ended duty is never overdue nor at risk
    missing = session.scalars(
        select(IndicatorReport)
        .where(IndicatorReport.run_id == run.id, IndicatorReport.status == "open", IndicatorReport.due < today)
        .order_by(IndicatorReport.period, IndicatorReport.unit)
    ).all()
    return {
        "drawn_up_at": iso(now),
        "overdue": [_deadline(d, names) for d in owed if d.due < today],
        "at_risk": [_deadline(d, names) for d in owed if today <= d.due <= today + timedelta(days=AT_RISK_DAYS)],
        "missing_reports": [
            {"unit": r.unit, "unit_name": names.get(r.unit, r.unit), "period": r.period, "due": r.due.isoformat()}
            for r in missing
        ],
        "off_track": [
            {
                "indicator": s.indicator.code,
                "title": s.indicator.title,
                "period": s.period,
                "value": s.rolled,
                "target": indicators.target_text(s.target),
            }
            for s in indicators.standings(session, run, plan_of(run))
            if s.on_track is False
        ],
        "open_decided_items": open_decided_items(session, run.body_id, now),
    }


def open_decided_items(session: Session, body_id: int, now: datetime) -> list[dict]:
    """The body's decided items still under supervision (督办台账), as H5's ledger reads them:
    only the open ones read, not the years of closed ones."""
    names = ledger.unit_names(session, body_id)
    return [
        {
            "text": row.text,
            "lead_name": names.get(row.lead, row.lead),
            "due": row.due_at.date().isoformat(),
            "status": row.status,
        }
        for row in session.execute(ledger.query(body_id, now).where(SupervisedItem.status == "open"))
    ]


def _deadline(row: PlanDeadline, names: dict[str, str]) -> dict:
    return {
        "deliverable": row.deliverable,
        "title": row.title,
        "unit": row.unit,
        "unit_name": names.get(row.unit, row.unit),
        "due": row.due.isoformat(),
    }


def draw_up_due(db: Database, now: datetime) -> int:
    with db.read_session() as session:
        runs = session.scalars(select(PlanRun).where(PlanRun.status == "running")).all()
        drawn = {tuple(r) for r in session.execute(select(DispatchReview.run_id, DispatchReview.quarter))}
        due = [
            (run.id, quarter, at)
            for run in runs
            for quarter, at, _due in review_dates(plan_of(run), run.started_at)
            if at - AHEAD <= now and (run.id, quarter) not in drawn
        ]
    for run_id, quarter, at in due:
        with UnitOfWork(db) as uow:
            review_for(uow.session, uow.session.get(PlanRun, run_id), quarter, at, now)
            uow.commit()
    return len(due)


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `draw_up_due` next has work: the day before the first review not briefed yet."""
    with db.read_session() as session:
        runs = session.scalars(select(PlanRun).where(PlanRun.status == "running")).all()
        drawn = {tuple(r) for r in session.execute(select(DispatchReview.run_id, DispatchReview.quarter))}
        return min(
            (
                at - AHEAD
                for run in runs
                for quarter, at, _due in review_dates(plan_of(run), run.started_at)
                if (run.id, quarter) not in drawn
            ),
            default=None,
        )


def review_for(session: Session, run: PlanRun, quarter: str, at: datetime, now: datetime) -> DispatchReview:
    """The quarter's review row, with its briefing drawn up now if it has none yet."""
    review = session.scalar(
        select(DispatchReview).where(DispatchReview.run_id == run.id, DispatchReview.quarter == quarter)
    )
    if review is None:
        review = DispatchReview(run_id=run.id, quarter=quarter, review_at=at, briefing=draw_up(session, run, now))
        review.briefed_at = now
        session.add(review)
        session.flush()
    return review
