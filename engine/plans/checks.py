"""What a well-formed plan must also mean: codes that exist and are not repeated, windows in
order and inside their span, dates that fall where the deliverable belongs. Every fault names
the line and the field; all are reported, not only the first."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from engine.plans.model import Deliverable, Plan
from engine.plans.rules import QUARTER_MONTH, due_dates, inside
from engine.plans.schedule import window

Fault = tuple[tuple, str]  # (path, message)
NAMED_DATES = {"fixed": "date", "dates": "dates", "month_end": "month", "yearly": "years"}


def faults(plan: Plan) -> list[Fault]:
    found = [*_duplicates(plan), *_spans(plan), *_phases(plan)]
    placeable = not found  # a deliverable's dates are placed only in sound phases and spans
    for i, deliverable in enumerate(plan.deliverables):
        found.extend(_deliverable(plan, deliverable, ("deliverables", i), placeable))
    return [*found, *_indicators(plan)]


def _duplicates(plan: Plan) -> Iterator[Fault]:
    for field in ("units", "actions", "phases", "deliverables", "indicators"):
        seen: set[str] = set()
        for i, item in enumerate(getattr(plan, field)):
            if item.code in seen:
                yield (field, i, "code"), f"{item.code} is used twice"
            seen.add(item.code)


def _ordered(start: date, end: date, path: tuple) -> Iterator[Fault]:
    if end < start:
        yield (*path, "end"), f"ends ({end}) before it starts ({start})"


def _spans(plan: Plan) -> Iterator[Fault]:
    yield from _ordered(plan.start, plan.end, ())
    for i, action in enumerate(plan.actions):
        yield from _ordered(action.start, action.end, ("actions", i))
        if not (plan.start <= action.start and action.end <= plan.end):
            yield ("actions", i), f"runs {action.start}..{action.end}, outside the plan's span"


def _phases(plan: Plan) -> Iterator[Fault]:
    actions = {a.code for a in plan.actions}
    for i, phase in enumerate(plan.phases):
        path = ("phases", i)
        if actions and phase.action not in actions:
            yield (*path, "action"), _unknown_action(phase.action)
            continue
        if not actions and phase.action is not None:
            yield (*path, "action"), "the plan has no actions"
            continue
        for j, (start, end) in enumerate(phase.parts()):
            part = (*path, "windows", j) if phase.windows else path
            yield from _ordered(start, end, part)
            span_start, span_end = plan.span_of(phase)
            if not (span_start <= start and end <= span_end):
                edge = "start" if start < span_start else "end"
                yield (*part, edge), f"{start}..{end} lies outside the span {span_start}..{span_end}"


def _unknown_action(action: str | None) -> str:
    if action is None:
        return "is missing: the plan has actions, so each phase names the one it belongs to"
    return f"{action} is not one of the plan's actions"


def _deliverable(plan: Plan, deliverable: Deliverable, path: tuple, placeable: bool) -> Iterator[Fault]:
    units = {u.code for u in plan.units}
    if deliverable.phase not in {p.code for p in plan.phases}:
        yield (*path, "phase"), f"{deliverable.phase} is not a phase of the plan"
        placeable = False
    if deliverable.lead is not None and deliverable.lead not in units:
        yield (*path, "lead"), f"{deliverable.lead} is not a unit of the plan"
    for j, code in enumerate(deliverable.cooperating):
        if code not in units:
            yield (*path, "cooperating", j), f"{code} is not a unit of the plan"
    yield from _submitter(plan, deliverable, path)
    yield from _rule(plan, deliverable, (*path, "rule"), placeable)


def _submitter(plan: Plan, deliverable: Deliverable, path: tuple) -> Iterator[Fault]:
    if deliverable.submitter == "lead" and deliverable.lead is None:
        yield (*path, "submitter"), "the lead submits, but there is no lead"
    if deliverable.submitter == "listed" and not deliverable.cooperating:
        yield (*path, "submitter"), "the units listed submit, but cooperating lists none"
    if deliverable.submitter == "all" and not plan.participants():
        yield (*path, "submitter"), "every participating unit submits, but no unit has the participant role"


def _rule(plan: Plan, deliverable: Deliverable, path: tuple, placeable: bool) -> Iterator[Fault]:
    rule = deliverable.rule
    impossible = _impossible_day(rule.kind, rule.params)
    if impossible:
        yield (*path, "day"), impossible
        return
    field = NAMED_DATES.get(rule.kind)
    if not placeable or field is None or field not in rule.params:
        return
    where = window(plan, deliverable)
    for j, due in enumerate(due_dates(rule.kind, rule.params, where)):
        if not inside(due, where):
            at = (*path, field, j) if isinstance(rule.params[field], tuple) else (*path, field)
            yield at, f"{due} falls outside {_describe(where)}"


def _impossible_day(kind: str, params: dict) -> str | None:
    """A day that some month of the rule does not have, e.g. 2月30日 or 每季度第二个月31日."""
    if kind == "yearly":
        months = [params["month"]]
    elif kind == "quarterly":
        months = [first + QUARTER_MONTH[params["month_of_quarter"]] for first in (1, 4, 7, 10)]
    else:
        return None
    short = [m for m in months if params["day"] > calendar.monthrange(2001, m)[1]]  # 2001: no 29 February
    return f"month {short[0]} has no day {params['day']}" if short else None


def _describe(where) -> str:
    return " and ".join(f"{start}..{end}" for start, end in where)


def _indicators(plan: Plan) -> Iterator[Fault]:
    units = {u.code for u in plan.units}
    for i, indicator in enumerate(plan.indicators):
        path = ("indicators", i)
        for j, code in enumerate(indicator.reported_by):
            if code not in units:
                yield (*path, "reported_by", j), f"{code} is not a unit of the plan"
        for year, target in [(None, indicator.target), *indicator.milestones.items()]:
            at = (*path, "milestones", str(year)) if year else (*path, "target")
            if year and not plan.start.year <= year <= plan.end.year:
                yield at, f"{year} lies outside the plan's span"
            if target.op == "between" and target.low > target.high:
                yield (*at, "low"), f"the range {target.low}–{target.high} is upside down"
