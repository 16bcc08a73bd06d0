"""What a running plan's tasks leave on record (the `record` keys of the plan BPMNs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import parse_instant
from engine.plan_runs import briefing, indicators
from engine.plan_runs.models import IndicatorReport, IndicatorValue, PlanDeadline, PlanRun
from engine.plan_runs.runs import plan_of, run_by_instance
from engine.plans import indicator_reports

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def deliverable_submitted(session: Session, c: Completion) -> None:
    row = session.scalar(select(PlanDeadline).where(PlanDeadline.instance_id == c.instance.id))
    row.status, row.submitted_at, row.submitted_by = "submitted", c.now, c.by
    row.summary = c.values.get("summary") or ""


def indicators_reported(session: Session, c: Completion) -> None:
    """A line that does not read refuses the whole report (the task stays open)."""
    report = session.scalar(select(IndicatorReport).where(IndicatorReport.instance_id == c.instance.id))
    run = session.get(PlanRun, report.run_id)
    wanted = indicators.asked(plan_of(run), report.unit, report.period)
    text = c.values["indicator_values"]
    values = indicators.parse_values(text, {i.code for i in wanted}, indicators.members_of(wanted))
    _save(session, report, {(code, report.unit): value for code, value in values.items()}, c)


def baseline_entered(session: Session, c: Completion) -> None:
    """The office's baseline form: `code@unit｜value`, each kept as that unit's value for the year."""
    report = session.scalar(select(IndicatorReport).where(IndicatorReport.instance_id == c.instance.id))
    lines = indicator_reports.baseline_lines(plan_of(session.get(PlanRun, report.run_id)))
    values = indicators.parse_values(c.values["indicator_values"], {key for key, _, _ in lines})
    _save(session, report, {(i.code, unit): values[key] for key, i, unit in lines if key in values}, c)


def _save(session: Session, report: IndicatorReport, values: dict[tuple[str, str], float], c: Completion) -> None:
    """(indicator, unit) -> value for the report's period, replacing what was given before."""
    existing = {
        (v.indicator, v.unit): v
        for v in session.scalars(
            select(IndicatorValue).where(IndicatorValue.run_id == report.run_id, IndicatorValue.period == report.period)
        )
    }
    for (code, unit), value in values.items():
        row = existing.get((code, unit)) or IndicatorValue(
            run_id=report.run_id, indicator=code, unit=unit, period=report.period
        )
        row.value, row.reported_by, row.reported_at = value, c.by, c.now
        session.add(row)
    report.status, report.submitted_at = "submitted", c.now


def dispatch_review_held(session: Session, c: Completion) -> None:
    run = run_by_instance(session, c.instance.id)
    review = briefing.review_for(session, run, c.data["review_quarter"], parse_instant(c.data["review_at"]), c.now)
    review.findings, review.held_by, review.held_at = c.values["findings"], c.by, c.now


def plan_summarized(session: Session, c: Completion) -> None:
    run = run_by_instance(session, c.instance.id)
    run.status, run.finished_at = "finished", c.now


RECORDERS = {
    "deliverable_submitted": deliverable_submitted,
    "indicators_reported": indicators_reported,
    "baseline_entered": baseline_entered,
    "dispatch_review_held": dispatch_review_held,
    "plan_summarized": plan_summarized,
}
