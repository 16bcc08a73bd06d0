"""The deadlines a plan generates, without touching any database."""

from __future__ import annotations

from datetime import date

from engine.plans.model import Deadline, Deliverable, Plan
from engine.plans.rules import Window, due_dates


def window(plan: Plan, deliverable: Deliverable) -> Window:
    """Where a deliverable's dates fall: its phase (each of its parts), or with `within: span`
    the span of the phase's action (the plan's span for a single-action plan)."""
    phase = plan.phase(deliverable.phase)
    if deliverable.rule.params.get("within") == "span":
        return (plan.span_of(phase),)
    return phase.parts()


def schedule(plan: Plan) -> list[Deadline]:
    """Every deadline, sorted by (due, deliverable); after_event deadlines (due None) come last."""
    deadlines = [deadline for deliverable in plan.deliverables for deadline in _deadlines(plan, deliverable)]
    return sorted(deadlines, key=lambda d: (d.due is None, d.due or date.min, d.deliverable))


def _deadlines(plan: Plan, deliverable: Deliverable) -> list[Deadline]:
    dues = due_dates(deliverable.rule.kind, deliverable.rule.params, window(plan, deliverable))
    units = plan.submitters(deliverable)
    return [
        Deadline(deliverable.code, deliverable.title, deliverable.phase, units, due, deliverable.rule.text)
        for due in (dues if dues is not None else [None])
    ]
