"""Indicator values: what a unit's report says, what its next report is pre-filled with (report
once), and how the units' values roll up against the target and the year's milestone."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from statistics import mean

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import FieldError, InvalidData
from engine.plan_runs.models import IndicatorValue, PlanRun
from engine.plan_runs.runs import plan_of
from engine.plans import Indicator, Plan, Target
from engine.plans.periods import period_kind, period_year

FIELD = "indicator_values"
COMPARE = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
_LINE = re.compile(r"^\s*([^｜|:：\s]+)\s*[｜|:：]\s*([^｜|]*?)\s*(?:[｜|].*)?$")


def reported_by(plan: Plan, unit: str, period_kind: str) -> list[Indicator]:
    return [i for i in plan.indicators if unit in i.reported_by and i.period == period_kind]


def asked(plan: Plan, unit: str, period: str) -> list[Indicator]:
    """What a unit's report for `period` asks: in the baseline year, only the indicators measured
    against it (与2020年数值比较); otherwise those it reports each such period."""
    if plan.baseline is not None and period == str(plan.baseline):
        return [i for i in plan.indicators if unit in i.reported_by and i.target.cumulative_from == plan.baseline]
    return reported_by(plan, unit, period_kind(period))


def parse_values(text: str, codes: set[str]) -> dict[str, float]:
    """One `代码｜数值` per line (a trailing `｜…` is the indicator's name, ignored); a line that
    does not read is refused with its number and nothing is saved."""
    values = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = _LINE.match(line)
        if not found:
            _refuse("indicator_line", number)
        code, raw = found.groups()
        if code not in codes:
            _refuse("indicator_unknown", number, code=code)
        try:
            values[code] = float(raw.replace("%", "").replace("％", ""))
        except ValueError:
            _refuse("indicator_number", number)
    return values


def _refuse(code: str, line: int, **params) -> None:
    raise InvalidData({FIELD: FieldError(code, {"line": line, **params})})


def prefill(session: Session, run: PlanRun, unit: str, indicators: list[Indicator]) -> str:
    """The unit's latest value for each indicator, or else the value it gave for the same
    indicator (same title and measure) elsewhere in the plan; blank if it never gave one."""
    given = session.execute(
        select(IndicatorValue.indicator, IndicatorValue.value)
        .where(IndicatorValue.run_id == run.id, IndicatorValue.unit == unit)
        .order_by(IndicatorValue.period, IndicatorValue.reported_at)
    ).all()
    latest = dict(given)  # later periods overwrite earlier ones
    same = {(i.title, i.measure): latest[i.code] for i in plan_of(run).indicators if i.code in latest}
    lines = []
    for indicator in indicators:
        value = latest.get(indicator.code, same.get((indicator.title, indicator.measure)))
        lines.append(f"{indicator.code}｜{'' if value is None else f'{value:g}'}")
    return "\n".join(lines)


def describe(indicator: Indicator) -> str:
    return f"{indicator.code}｜{indicator.title}（{indicator.measure}）目标 {target_text(indicator.target)}"


def target_text(target: Target) -> str:
    if target.text:
        return target.text
    if target.op == "between":
        return f"{target.low:g}–{target.high:g}"
    return f"{target.op} {target.value:g}"


def meets(target: Target, value: float) -> bool | None:
    """None where the plan states the target in words only (qualitative)."""
    if target.op in COMPARE:
        return COMPARE[target.op](value, target.value)
    if target.op == "between":
        return target.low <= value <= target.high
    if target.op == "=":
        return abs(value - target.value) < 1e-9
    return None


@dataclass(frozen=True)
class Standing:
    """Where an indicator stands: the latest period's values per unit, rolled up, and whether on track."""

    indicator: Indicator
    period: str | None
    by_unit: dict[str, float]
    rolled: float | None
    target: Target  # the year's milestone if the plan sets one, else the final target
    on_track: bool | None  # None: nothing reported yet
    history: list[tuple[str, float]]  # rolled value per period, oldest first: the chart


def roll_up(aggregate: str, values: list[float]) -> float:
    return sum(values) if aggregate == "total" else mean(values)


def standings(session: Session, run: PlanRun, plan: Plan) -> list[Standing]:
    rows = session.execute(
        select(IndicatorValue.indicator, IndicatorValue.period, IndicatorValue.unit, IndicatorValue.value).where(
            IndicatorValue.run_id == run.id
        )
    ).all()
    table: dict[str, dict[str, dict[str, float]]] = {}
    for indicator, period, unit, value in rows:
        table.setdefault(indicator, {}).setdefault(period, {})[unit] = value
    return [_standing(i, table.get(i.code, {})) for i in plan.indicators]


def _standing(indicator: Indicator, by_period: dict[str, dict[str, float]]) -> Standing:
    target = indicator.target
    history = [(p, roll_up(target.aggregate, list(v.values()))) for p, v in sorted(by_period.items())]
    if not history:
        return Standing(indicator, None, {}, None, target, None, [])
    period = history[-1][0]
    compared = indicator.milestones.get(period_year(period), target)
    by_unit = by_period[period]
    rolled = compared_value(target, history)
    if rolled is None:
        return Standing(indicator, period, by_unit, None, compared, None, history)
    if target.aggregate == "each" and target.change is None:
        checks = [meets(compared, v) for v in by_unit.values()]
        on_track = None if None in checks else all(checks)
    else:
        on_track = meets(compared, rolled)
    return Standing(indicator, period, by_unit, rolled, compared, on_track, history)


def compared_value(target: Target, history: list[tuple[str, float]]) -> float | None:
    """The latest rolled-up value; summed since the base year for a cumulative target; for a
    `change` target, the change in % against the base year (or the previous period)."""
    latest = history[-1][1]
    if target.change is None:
        if target.cumulative_from is None:
            return latest
        return sum(v for p, v in history if period_year(p) >= target.cumulative_from)
    bases = [v for p, v in history[:-1] if target.cumulative_from in (None, period_year(p))]
    if not bases or not bases[-1]:
        return None
    change = (latest - bases[-1]) / bases[-1] * 100
    return -change if target.change == "decrease" else change
