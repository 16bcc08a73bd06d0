"""The deadlines a plan generates, without touching any database."""

from __future__ import annotations

from datetime import date, timedelta

from engine.plans.model import Deadline, Deliverable, Plan, Review
from engine.plans.rules import PERIODIC, Window, due_dates, last_part_starts

# A repeating deadline is first due at least this long after the plan is issued (or starts): a
# quarterly report is not asked for two days after the notice (每季度…上报, issued on 28 September).
FIRST_NOTICE_DAYS = 14  # the lead time a running plan gives each task (engine/plan_runs/starting.py)


def window(plan: Plan, deliverable: Deliverable | Review) -> Window:
    """Where a deliverable's (or a review's) dates fall: its phase (each of its parts), or the phase its rule names
    (中期 of the implement phase), or with `within: span` the span of the phase's action (the
    plan's span for a phase every action shares)."""
    phase = plan.phase(deliverable.rule.params.get("phase", deliverable.phase))
    if deliverable.rule.params.get("within") == "span":
        return (plan.span_of(phase),)
    return phase.parts()


def schedule(plan: Plan) -> list[Deadline]:
    """Every deadline, sorted by (due, deliverable); after_event deadlines (due None) come last."""
    deadlines = [deadline for deliverable in plan.deliverables for deadline in _deadlines(plan, deliverable)]
    return sorted(deadlines, key=lambda d: (d.due is None, d.due or date.min, d.deliverable))


def _opens(deliverable: Deliverable, due: date | None) -> date | None:
    """The work of a phase's last months starts with them (后期开展), not a fixed lead before its end."""
    last = deliverable.rule.params.get("last") if deliverable.rule.kind == "phase" else None
    return last_part_starts(last, due) if last and due else None


def earliest(plan: Plan) -> date:
    """The first day a repeating deadline may fall on."""
    return (plan.issued or plan.start) + timedelta(days=FIRST_NOTICE_DAYS)


def repeats(deliverable: Deliverable) -> bool:
    """A rule that repeats over its window: `every`, or a yearly one that names no years."""
    rule = deliverable.rule
    return rule.kind == "every" or (rule.kind in PERIODIC and "years" not in rule.params)


def _deadlines(plan: Plan, deliverable: Deliverable) -> list[Deadline]:
    dues = due_dates(deliverable.rule.kind, deliverable.rule.params, window(plan, deliverable))
    if dues is not None and repeats(deliverable):
        dues = [due for due in dues if due >= earliest(plan)]
    units = plan.submitters(deliverable)
    return [
        Deadline(
            deliverable.code,
            deliverable.title,
            deliverable.phase,
            units,
            due,
            deliverable.rule.text,
            deliverable.to,
            deliverable.rule.kind,
            _opens(deliverable, due),
            "file_implementation_plan" if deliverable.implementation_plan else "submit_deliverable",
        )
        for due in (dues if dues is not None else [None])
    ]
