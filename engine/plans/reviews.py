"""The office's own tasks a plan gives: its dispatch reviews and stage evaluation (declared under
`reviews`), and the final summary every run ends with. Dated here, beside the units' deadlines, so
that `plan schedule` lists every task a run will open."""

from __future__ import annotations

from datetime import date, timedelta

from engine.plans import indicator_reports
from engine.plans.model import OFFICE, Deadline, Plan, Review
from engine.plans.rules import due_dates
from engine.plans.schedule import schedule, window

# How long the office has after a review opens (a dispatch review's findings, an evaluation).
REVIEW_DAYS = {"dispatch": 7, "evaluation": 30}
EVALUATION_DAYS = REVIEW_DAYS["evaluation"]  # a plan naming no evaluate phase is summed up this long before its end
TASKS = {"dispatch": "hold_dispatch_review", "evaluation": "stage_evaluation"}


def every_task(plan: Plan) -> list[Deadline]:
    """The units' deadlines and indicator reports and the office's tasks together, by due date
    (the undated last)."""
    found = [*schedule(plan), *indicator_reports.deadlines(plan), *office_tasks(plan)]
    return sorted(found, key=lambda d: (d.due is None, d.due or date.min, d.deliverable))


def review_days(plan: Plan, review: Review) -> list[date]:
    """The days a review opens: its rule's dates (a run started later holds only those to come)."""
    return due_dates(review.rule.kind, review.rule.params, window(plan, review))


def office_tasks(plan: Plan) -> list[Deadline]:
    """Each review on each of its days, and the final summary, sorted by the day each opens."""
    found = [_task(plan, review, day) for review in plan.reviews for day in review_days(plan, review)]
    found.append(
        Deadline(
            "final_summary",
            "总结报告",
            _last_evaluate_phase(plan),
            (OFFICE,),
            plan.end,
            "",
            None,
            "fixed",
            final_summary_opens(plan),
            "final_summary",
        )
    )
    return sorted(found, key=lambda d: (d.opens, d.deliverable))


def _task(plan: Plan, review: Review, day: date) -> Deadline:
    due = day + timedelta(days=REVIEW_DAYS[review.kind])
    return Deadline(
        review.code,
        review.title,
        review.phase,
        (OFFICE,),
        due,
        review.rule.text,
        None,
        review.rule.kind,
        day,
        TASKS[review.kind],
    )


def final_summary_opens(plan: Plan) -> date:
    """The start of the last evaluate phase, or a month before the plan ends if it names none."""
    starts = [p.start for p in plan.phases if p.kind == "evaluate"]
    return max(starts) if starts else plan.end - timedelta(days=EVALUATION_DAYS)


def _last_evaluate_phase(plan: Plan) -> str:
    evaluate = [p for p in plan.phases if p.kind == "evaluate"]
    return max(evaluate, key=lambda p: p.start).code if evaluate else plan.phases[-1].code
