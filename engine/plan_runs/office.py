"""What the `action_plan` process is given when a plan starts: only what the file declares — the
units' implementation plans (a deliverable marked `implementation_plan`), the office's dispatch
reviews and stage evaluation (`reviews`) — and the final summary every run ends with."""

from __future__ import annotations

from datetime import date, datetime, time

from engine.core.clock import SHANGHAI, iso
from engine.plans import Plan, schedule
from engine.plans.reviews import final_summary_opens, office_tasks

REVIEW_AT = time(9, 0)  # a review opens at nine, before the day's deadlines are reminded


def process_data(run_id: int, plan: Plan, now: datetime) -> dict:
    mobilize = next((d for d in schedule(plan) if d.task == "file_implementation_plan"), None)
    reviews = review_dates(plan, now)
    stage = next((t for t in office_tasks(plan) if t.task == "stage_evaluation"), None)
    return {
        "title": plan.title,
        "plan_title": plan.title,
        "plan_run_id": run_id,
        "plan_units": {code: {"code": code, "name": plan.unit(code).name} for code in mobilize.units}
        if mobilize
        else {},
        "mobilize_due": mobilize.due.isoformat() if mobilize else "",
        "review_dates": [iso(at) for _, at, _ in reviews],
        "review_quarters": [label for label, _, _ in reviews],
        "review_dues": [due.isoformat() for _, _, due in reviews],
        "review_index": 0,
        "stage_evaluation_at": iso(morning(stage.opens)) if stage else "",
        "stage_evaluation_due": stage.due.isoformat() if stage else "",
        "final_summary_at": iso(morning(final_summary_opens(plan))),
        "final_summary_due": plan.end.isoformat(),
    }


def review_dates(plan: Plan, now: datetime) -> list[tuple[str, datetime, date]]:
    """Each dispatch review the file declares from now on: its label (the quarter, or the month
    when a quarter holds more than one), when it opens, and when it is due."""
    dispatch = [t for t in office_tasks(plan) if t.task == "hold_dispatch_review"]
    quarters = [f"{t.opens.year}Q{(t.opens.month - 1) // 3 + 1}" for t in dispatch]
    labels = quarters if len(set(quarters)) == len(quarters) else [f"{t.opens:%Y-%m}" for t in dispatch]
    found = [(label, morning(t.opens), t.due) for label, t in zip(labels, dispatch, strict=True)]
    return [(label, at, due) for label, at, due in found if at > now]


def morning(day: date) -> datetime:
    return datetime.combine(day, REVIEW_AT, tzinfo=SHANGHAI)
