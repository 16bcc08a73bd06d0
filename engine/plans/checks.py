"""What a well-formed plan must also mean: codes that exist and are not repeated, windows in
order and inside their span, dates that fall where the deliverable belongs. Every fault names
the line and the field; all are reported, not only the first."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from engine.plans.indicator_checks import indicator_faults
from engine.plans.model import Deliverable, Plan, Review
from engine.plans.rules import LAST, QUARTER_MONTH, due_dates, inside, last_part_starts
from engine.plans.schedule import window

Fault = tuple[tuple, str]  # (path, message)
UNDATED = ("after_event", "open")
NAMED_DATES = {"fixed": "date", "dates": "dates", "month_end": "month", "yearly": "years"}


def faults(plan: Plan) -> list[Fault]:
    found = [*_duplicates(plan), *_spans(plan), *_phases(plan)]
    placeable = not found  # a deliverable's dates are placed only in sound phases and spans
    for i, deliverable in enumerate(plan.deliverables):
        found.extend(_deliverable(plan, deliverable, ("deliverables", i), placeable))
    for i, review in enumerate(plan.reviews):
        found.extend(_review(plan, review, ("reviews", i), placeable))
    return [*found, *_once(plan, placeable), *indicator_faults(plan)]


def _duplicates(plan: Plan) -> Iterator[Fault]:
    for field in ("units", "actions", "phases", "deliverables", "reviews", "indicators"):
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
        if phase.action is not None and phase.action not in actions:
            known = f"{phase.action} is not one of the plan's actions"
            yield (*path, "action"), known if actions else "the plan has no actions"
            continue
        for j, (start, end) in enumerate(phase.parts()):
            part = (*path, "windows", j) if phase.windows else path
            yield from _ordered(start, end, part)
            span_start, span_end = plan.span_of(phase)
            if not (span_start <= start and end <= span_end):
                edge = "start" if start < span_start else "end"
                yield (*part, edge), f"{start}..{end} lies outside the span {span_start}..{span_end}"


def _deliverable(plan: Plan, deliverable: Deliverable, path: tuple, placeable: bool) -> Iterator[Fault]:
    units = {u.code for u in plan.units}
    unknown = list(_unknown_phases(plan, deliverable, path))
    yield from unknown
    placeable = placeable and not unknown
    if deliverable.lead is not None and deliverable.lead not in units:
        yield (*path, "lead"), f"{deliverable.lead} is not a unit of the plan"
    for j, code in enumerate(deliverable.cooperating):
        if code not in units:
            yield (*path, "cooperating", j), f"{code} is not a unit of the plan"
    yield from _recipient(deliverable.to, units, (*path, "to"))
    yield from _submitter(plan, deliverable, path)
    yield from _rule(plan, deliverable, (*path, "rule"), placeable)


def _unknown_phases(plan: Plan, deliverable: Deliverable, path: tuple) -> Iterator[Fault]:
    """The deliverable's phase, and the phase its rule counts from (中期 of the implement phase)."""
    phases = {p.code for p in plan.phases}
    named = [((*path, "phase"), deliverable.phase), ((*path, "rule", "phase"), deliverable.rule.params.get("phase"))]
    for at, code in named:
        if code is not None and code not in phases:
            yield at, f"{code} is not a phase of the plan"


def _review(plan: Plan, review: Review, path: tuple, placeable: bool) -> Iterator[Fault]:
    unknown = list(_unknown_phases(plan, review, path))
    yield from unknown
    if review.rule.kind in UNDATED:
        yield (*path, "rule", "kind"), f"a review is held on dates: {review.rule.kind} gives none"
        return
    yield from _rule(plan, review, (*path, "rule"), placeable and not unknown)


def _once(plan: Plan, placeable: bool) -> Iterator[Fault]:
    """What a run does once: the units' implementation plans, and the office's stage evaluation."""
    kinds = {
        "implementation plan": [
            (("deliverables", i), d) for i, d in enumerate(plan.deliverables) if d.implementation_plan
        ],
        "stage evaluation": [(("reviews", i), r) for i, r in enumerate(plan.reviews) if r.kind == "evaluation"],
    }
    for what, found in kinds.items():
        for path, _item in found[1:]:
            yield path, f"a plan has one {what}: this is another"
        for path, item in found[:1]:
            sound = placeable and not any(_unknown_phases(plan, item, ()))
            if sound and len(due_dates(item.rule.kind, item.rule.params, window(plan, item)) or ()) != 1:
                yield (*path, "rule"), f"the {what} falls due once: give a rule with one date"


def _recipient(to: str | None, units: set[str], path: tuple) -> Iterator[Fault]:
    """A recipient in Latin letters is a unit's code; an organ outside the body is named in Chinese."""
    if to is not None and to.isascii() and to not in units:
        yield path, f"{to} is not a unit of the plan; name an organ outside the body in words, e.g. 国家卫生健康委"


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
    if placeable and "last" in rule.params:
        yield from _last_part(window(plan, deliverable), rule.params["last"], (*path, "last"))
    field = NAMED_DATES.get(rule.kind)
    if not placeable or field is None or field not in rule.params:
        return
    where = window(plan, deliverable)
    for j, due in enumerate(due_dates(rule.kind, rule.params, where)):
        if not inside(due, where):
            at = (*path, field, j) if isinstance(rule.params[field], tuple) else (*path, field)
            yield at, f"{due} falls outside {_describe(where)}"


def _last_part(where, last: dict, path: tuple) -> Iterator[Fault]:
    """The last N days or months of a phase must lie in it."""
    start, end = where[0][0], where[-1][1]
    begins = last_part_starts(last, end)
    if begins < start:
        yield path, f"the last {_amount(last)} would begin on {begins}, before the phase does ({start})"


def _amount(last: dict) -> str:
    return " ".join(f"{n} {unit}" for unit, n in last.items())


def _impossible_day(kind: str, params: dict) -> str | None:
    """A day that some month of the rule does not have, e.g. 2月30日 or 每季度第二个月31日."""
    if kind == "yearly":
        months = [params["month"]]
    elif kind == "quarterly":
        months = [first + QUARTER_MONTH[params.get("month_of_quarter", "last")] for first in (1, 4, 7, 10)]
    elif kind == "monthly":
        months = list(range(1, 13))
    else:
        return None
    day = params["day"]
    short = [m for m in months if day != LAST and day > calendar.monthrange(2001, m)[1]]  # 2001: no 29 February
    return f"month {short[0]} has no day {day}; write day: last for the month's end" if short else None


def _describe(where) -> str:
    return " and ".join(f"{start}..{end}" for start, end in where)
