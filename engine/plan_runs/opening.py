"""The scheduler's step for running plans: open each deliverable's task when its lead time has
come, open each unit's indicator report when its period ends, and draw up the briefing for a
dispatch review the day before it. Each opened task is a small process of its own
(`plan_deliverable`, `plan_indicator_report`), so it sits in the unit's inbox with a due date
and is reminded like any other task."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core.clock import SHANGHAI
from engine.core.db import Database
from engine.core.errors import LianxiError
from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.plan_runs import briefing, indicators
from engine.plan_runs.models import IndicatorReport, PlanDeadline, PlanRun
from engine.plan_runs.runs import plan_of, unit_names
from engine.plans import indicator_reports
from engine.plans.indicator_reports import REPORT_DAYS
from engine.plans.model import OFFICE
from engine.plans.periods import Period
from engine.workflow import instances

log = logging.getLogger(__name__)


def run_step(db: Database, now: datetime) -> int:
    """What this pass opened or drew up, counted."""
    return open_due_deadlines(db, now) + open_due_reports(db, now) + briefing.draw_up_due(db, now)


def open_due_deadlines(db: Database, now: datetime) -> int:
    today = now.astimezone(SHANGHAI).date()
    with db.read_session() as session:
        due = session.scalars(
            select(PlanDeadline.id)
            .join(PlanRun, PlanRun.id == PlanDeadline.run_id)
            .where(PlanDeadline.status == "scheduled", PlanDeadline.opens_on <= today, PlanRun.status == "running")
            .order_by(PlanDeadline.due, PlanDeadline.id)
        ).all()
    return sum(_each(db, lambda uow, row_id=row_id: open_deadline(uow.session, row_id, now)) for row_id in due)


def _each(db: Database, act) -> int:  # noqa: ANN001
    """One transaction per task opened: one that fails is logged and the others still open."""
    try:
        with UnitOfWork(db) as uow:
            done = act(uow)
            uow.commit()
            return int(bool(done))
    except LianxiError:
        log.exception("opening an action-plan task failed")
        return 0


def open_deadline(session: Session, row_id: int, now: datetime) -> bool:
    row = session.get(PlanDeadline, row_id, with_for_update=True)
    if row.status != "scheduled":
        return False
    run = session.get(PlanRun, row.run_id)
    plan = plan_of(run)
    deliverable = next(d for d in plan.deliverables if d.code == row.deliverable)
    names = unit_names(run)
    data = {
        "title": f"{run.title}：{row.title}",
        "plan_title": run.title,
        "plan_run_id": run.id,
        "deliverable_title": row.title,
        "rule_text": row.rule_text,
        "phase_title": plan.phase(row.phase).title,
        "cooperating": "、".join(names.get(c, c) for c in deliverable.cooperating),
        "recipient": plan.recipient(deliverable),
        "unit": row.unit,
        "due": row.due.isoformat() if row.due else "",  # none: an open-ended duty, reminded by hand
    }
    instance = instances.start(session, "plan_deliverable", session.get(Body, run.body_id), data, "system", now)
    row.instance_id, row.status = instance.id, "open"
    return True


def open_due_reports(db: Database, now: datetime) -> int:
    """Finished runs too: the last period's report falls due after the final summary may be in."""
    with db.read_session() as session:
        runs = session.scalars(select(PlanRun).where(PlanRun.end >= (now - timedelta(days=366)).date())).all()
        wanted = [(run.id, unit, period) for run in runs for unit, period in _reports_due(session, run, now)]
    return sum(_each(db, lambda uow, w=w: open_report(uow.session, *w, now)) for w in wanted)


def _reports_due(session: Session, run: PlanRun, now: datetime) -> list[tuple[str, Period]]:
    """Periods that ended since the run started (a late start does not ask for old periods)."""
    today = now.astimezone(SHANGHAI).date()
    return [(unit, period) for unit, period in reports_owed(session, run) if period.end <= today]


def reports_owed(session: Session, run: PlanRun) -> list[tuple[str, Period]]:
    """The reports not opened yet for periods ending after the run started, whenever they end."""
    started = run.started_at.astimezone(SHANGHAI).date()
    opened = set(
        session.execute(select(IndicatorReport.unit, IndicatorReport.period).where(IndicatorReport.run_id == run.id))
    )
    owed = indicator_reports.owed(plan_of(run), run.start, run.end)
    return [(unit, period) for unit, period in owed if started <= period.end and (unit, period.label) not in opened]


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `run_step` next has work: the first morning a deliverable opens or a period ends,
    or the instant a review's briefing is drawn up."""
    with db.read_session() as session:
        opens = session.scalar(
            select(func.min(PlanDeadline.opens_on))
            .join(PlanRun, PlanRun.id == PlanDeadline.run_id)
            .where(PlanDeadline.status == "scheduled", PlanRun.status == "running")
        )
        runs = session.scalars(select(PlanRun).where(PlanRun.end >= (now - timedelta(days=366)).date())).all()
        ends = [period.end for run in runs for _unit, period in reports_owed(session, run)]
    found = [datetime.combine(day, time(0, 0), tzinfo=SHANGHAI) for day in (opens, *ends) if day is not None]
    briefed = briefing.next_due(db, now)
    return min([*found, briefed] if briefed else found, default=None)


def open_report(session: Session, run_id: int, unit: str, period: Period, now: datetime) -> bool:
    """A unit's report for a period, due REPORT_DAYS after the period ends."""
    run = session.get(PlanRun, run_id)
    wanted = indicators.asked(plan_of(run), unit, period.label)
    lines = [indicators.describe(i) for i in wanted]
    _start_report(session, run, unit, period, period.end, lines, indicators.prefill(session, run, unit, wanted), now)
    return True


def open_baseline(session: Session, run: PlanRun, now: datetime) -> None:
    """The baseline year's values, asked once when the run starts, of the office (办公室一次录入):
    one form, a line per indicator measured against it and unit reporting it, due REPORT_DAYS
    after the plan starts (after the run starts, for a run started late)."""
    plan = plan_of(run)
    period = indicator_reports.baseline_period(plan)
    lines = indicator_reports.baseline_lines(plan)
    if period is None or not lines:
        return
    names = unit_names(run)
    shown = [f"{key}｜{names.get(unit, unit)}：{indicators.describe(i).split('｜', 1)[1]}" for key, i, unit in lines]
    blank = "\n".join(f"{key}｜" for key, _, _ in lines)
    asked_on = max(now.astimezone(SHANGHAI).date(), run.start)  # due counted from the plan's start, as scheduled
    _start_report(session, run, OFFICE, period, asked_on, shown, blank, now)


def _start_report(
    session: Session,
    run: PlanRun,
    unit: str,
    period: Period,
    asked_on: date,
    lines: list[str],
    prefilled: str,
    now: datetime,
) -> None:
    due = asked_on + timedelta(days=REPORT_DAYS)
    data = {
        "title": f"{run.title}：{period.label} {'基期数值录入' if unit == OFFICE else '指标填报'}",
        "plan_title": run.title,
        "plan_run_id": run.id,
        "period": period.label,
        "unit": unit,
        "due": due.isoformat(),
        "indicator_list": "\n".join(lines),
        "prefilled_values": prefilled,
    }
    instance = instances.start(session, "plan_indicator_report", session.get(Body, run.body_id), data, "system", now)
    session.add(
        IndicatorReport(
            run_id=run.id, unit=unit, period=period.label, period_end=period.end, due=due, instance_id=instance.id
        )
    )
