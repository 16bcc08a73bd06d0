"""Indicators the plan computes from the values units report: a rate, numerator / denominator ×
100 ("工伤事故发生率=当年认定工伤人数/当地城镇单位就业人数×100%"), or a reported value times a
constant ("以各地重点帮扶中小微企业数量，每家2000元测算补助金额"). Worked out per unit and period
wherever every value it needs was reported; a rate over nothing (a denominator of 0) is left out."""

from __future__ import annotations

from engine.plans.model import Computed, Plan

Table = dict[str, dict[str, dict[str, float]]]  # indicator -> period -> unit -> value


def derive(plan: Plan, table: Table) -> Table:
    """The reported values with each computed indicator's added."""
    found = dict(table)
    for indicator in plan.indicators:
        if indicator.computed:
            found[indicator.code] = _values(indicator.computed, table)
    return found


def _values(computed: Computed, table: Table) -> dict[str, dict[str, float]]:
    first = table.get(computed.of[0], {})
    values: dict[str, dict[str, float]] = {}
    for period, by_unit in first.items():
        for unit, value in by_unit.items():
            result = value_of(computed, [value, *_others(computed, table, period, unit)])
            if result is not None:
                values.setdefault(period, {})[unit] = result
    return values


def _others(computed: Computed, table: Table, period: str, unit: str) -> list[float | None]:
    return [table.get(code, {}).get(period, {}).get(unit) for code in computed.of[1:]]


def value_of(computed: Computed, values: list[float | None]) -> float | None:
    """The computed value from its sources' values, in the order the plan names them."""
    if None in values:
        return None
    if computed.kind == "product":
        return values[0] * computed.times
    numerator, denominator = values
    return numerator / denominator * computed.times if denominator else None
