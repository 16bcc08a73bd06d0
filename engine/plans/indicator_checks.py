"""What an indicator table must also mean: reporting units that exist, milestones inside the span,
targets that can be compared; a target each member of a unit meets (每县至少1家) that can be
counted; an indicator computed from others (a rate, a product with a constant) that names
reported indicators of the same units and period."""

from __future__ import annotations

from collections.abc import Iterator

from engine.plans.model import Indicator, Plan, Target

Fault = tuple[tuple, str]  # (path, message)


def indicator_faults(plan: Plan) -> Iterator[Fault]:
    if plan.baseline is not None and plan.baseline >= plan.start.year:
        yield ("baseline",), f"{plan.baseline} lies inside the span: a baseline is a year before {plan.start.year}"
    units = {u.code for u in plan.units}
    for i, indicator in enumerate(plan.indicators):
        yield from _indicator(plan, indicator, units, ("indicators", i))


def _indicator(plan: Plan, indicator: Indicator, units: set[str], path: tuple) -> Iterator[Fault]:
    for j, code in enumerate(indicator.reported_by):
        if code not in units:
            yield (*path, "reported_by", j), f"{code} is not a unit of the plan"
    for year, target in [(None, indicator.target), *indicator.milestones.items()]:
        at = (*path, "milestones", str(year)) if year else (*path, "target")
        if year and not plan.start.year <= year <= plan.end.year:
            yield at, f"{year} lies outside the plan's span"
        yield from _target(indicator, target, at)
        if indicator.members:
            yield from _member_target(target, at)
    if indicator.computed:
        yield from _computed(plan, indicator, (*path, "computed"))


def _target(indicator: Indicator, target: Target, at: tuple) -> Iterator[Fault]:
    if target.op == "between" and target.low > target.high:
        yield (*at, "low"), f"the range {target.low}–{target.high} is upside down"
    if indicator.target.op == "qualitative" and target.op != "qualitative":
        yield (*at, "op"), f"{target.op} compares numbers, but the indicator's target is in words only"


def _member_target(target: Target, at: tuple) -> Iterator[Fault]:
    """A unit reports how many of its members meet the target: each member's own value is not
    reported, so the target must be a number each meets, not a roll-up or a change."""
    if target.op == "qualitative":
        yield (*at, "op"), "members count those meeting the target: a target in words cannot be counted"
    if target.aggregate != "each":
        yield (*at, "aggregate"), f"every member meets the target: {target.aggregate} does not apply to members"
    if target.change or target.cumulative_from:
        field = "change" if target.change else "cumulative_from"
        yield (*at, field), "a unit reports how many members meet the target, not their values against a base year"


def _computed(plan: Plan, indicator: Indicator, path: tuple) -> Iterator[Fault]:
    known = {i.code: i for i in plan.indicators}
    field = "rate" if indicator.computed.kind == "rate" else "product"
    if indicator.members:
        yield (*path, field), "a computed indicator has no members: compute from values units report"
    if indicator.computed.kind == "rate" and indicator.measure != "%":
        yield (*path, field), f"a rate is numerator / denominator × 100: its measure is %, not {indicator.measure}"
    for j, code in enumerate(indicator.computed.of):
        at = (*path, field, j) if field == "rate" else (*path, field)
        source = known.get(code)
        if source is None or source is indicator:
            yield at, f"{code} is not another indicator of the plan"
        elif not source.asked() or source.members:
            yield at, f"{code} is not a value units report: compute from reported values"
        elif source.period != indicator.period:
            yield at, f"{code} is reported per {source.period}, this indicator per {indicator.period}"
        else:
            for unit in [u for u in indicator.reported_by if u not in source.reported_by]:
                yield at, f"{unit} does not report {code}"
