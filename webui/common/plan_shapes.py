"""Read models of a running action plan (行动方案): what the API shows of a run, from what its page
gathers (webui.plans.page.detail): the phases, each deliverable's state per unit, what is overdue,
the indicators with their values, the implementation plans and, for the office, the dispatch
reviews and the events it may record. Who may see which run or part is decided before, by
engine.plan_runs.access."""

from __future__ import annotations

from engine.core.clock import iso
from engine.plan_runs.models import DispatchReview, PlanDeadline, PlanRun
from engine.plans import Deliverable
from webui.common.work_shapes import day_text, instant_text


def run_dict(run: PlanRun) -> dict:
    return {
        "id": run.id,
        "code": run.code,
        "title": run.title,
        "file": run.file,
        "start": day_text(run.start),
        "end": day_text(run.end),
        "status": run.status,
        "instance_id": run.instance_id,
        "cloned_from": run.cloned_from_id,
        "started_by": run.started_by,
        "started_at": iso(run.started_at),
        "finished_at": instant_text(run.finished_at),
    }


def deadline_dict(row: PlanDeadline, status: str) -> dict:
    """One unit's deadline; `status` as the page shows it (overdue once owed past its day)."""
    return {
        "unit": row.unit,
        "deliverable": row.deliverable,
        "title": row.title,
        "status": status,
        "due": day_text(row.due),
        "opens_on": day_text(row.opens_on),
        "event_on": day_text(row.event_on),
        "instance_id": row.instance_id,
        "submitted_at": instant_text(row.submitted_at),
        "submitted_by": row.submitted_by,
    }


def event_dict(deliverable: Deliverable) -> dict:
    """An after-event deliverable the office may record the event of."""
    return {
        "deliverable": deliverable.code,
        "title": deliverable.title,
        "event": deliverable.rule.params.get("event"),
        "rule": deliverable.rule.text,
    }


def plan_detail(shown: dict) -> dict:
    """The page's gathering (webui.plans.page.detail) as JSON."""
    status_of = shown["status_of"]
    return {
        **run_dict(shown["run"]),
        "issuing_body": shown["plan"].issuing_body,
        "focus": shown["focus"],
        "units": [{"code": u.code, "name": u.name} for u in shown["units"]],
        "phases": [
            {"title": bar.title, "kind": bar.kind, "start": day_text(bar.start), "end": day_text(bar.end)}
            for bar in shown["timeline"]
        ],
        "overdue": [{"title": o.title, "unit": o.unit, "due": day_text(o.due)} for o in shown["overdue"]],
        "deliverables": [
            {
                "deliverable": row.deliverable,
                "title": row.title,
                "due": day_text(row.due),
                "rule": row.rule_text,
                "waits_for_event": row.waits(),
                "units": [deadline_dict(cell, status_of(cell)) for cell in row.cells.values()],
            }
            for row in shown["matrix"]
        ],
        "indicators": [_indicator(item) for item in shown["indicators"]],
        "implementation_plans": _implementation_plans(shown),
        "reviews": [_review(review) for review in shown["reviews"]],
        "events": [event_dict(d) for d in shown["events"]],
        "may_clone": shown["may_clone"],
    }


def _indicator(item: dict) -> dict:
    standing = item["standing"]
    indicator = standing.indicator
    return {
        "code": indicator.code,
        "title": indicator.title,
        "measure": indicator.measure,
        "target": item["target"],
        "aggregate": indicator.target.aggregate,
        "period": standing.period,
        "rolled": standing.rolled,
        "on_track": standing.on_track,
        "history": [{"period": period, "value": value} for period, value in standing.history],
        "values": {
            code: {p: v for p, v in zip(item["periods"], values, strict=True) if v is not None}
            for code, values in item["per_unit"]
        },
    }


def _implementation_plans(shown: dict) -> list[dict]:
    """Each unit's 实施方案 task: submitted, overdue, or still open, as the page marks it."""
    found = []
    for unit in shown["units"]:
        task = shown["implementation_plans"].get(unit.code)
        if task is None:
            continue
        state = "submitted" if task.status == "completed" else "overdue" if shown["plan_late"](task) else "open"
        found.append({"unit": unit.code, "task_id": task.id, "status": state, "due_at": instant_text(task.due_at)})
    return found


def _review(review: DispatchReview) -> dict:
    return {
        "quarter": review.quarter,
        "review_at": iso(review.review_at),
        "briefing": review.briefing,
        "findings": review.findings,
        "held_by": review.held_by,
        "held_at": instant_text(review.held_at),
    }
