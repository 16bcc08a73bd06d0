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
from engine.plans.computed import Table, derive
from engine.plans.periods import period_kind, period_year

FIELD = "indicator_values"
COMPARE = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
OF = "/of"  # a per-member indicator's second value, kept beside it: how many members the unit has
_LINE = re.compile(r"^\s*([^｜|:：\s]+)\s*[｜|:：]\s*([^｜|]*?)\s*(?:[｜|].*)?$")
_COUNT = re.compile(r"^(\d+)\s*[/／]\s*(\d+)$")


def asked(plan: Plan, unit: str, period: str) -> list[Indicator]:
    """What a unit's report for `period` asks: the indicators it reports each such period, but
    those the plan computes from them."""
    kind = period_kind(period)
    return [i for i in plan.indicators if unit in i.reported_by and i.period == kind and i.asked()]


def parse_values(text: str, codes: set[str], members: frozenset[str] = frozenset()) -> dict[str, float]:
    """One `代码｜数值` per line (a trailing `｜…` is the indicator's name, ignored); for a target
    each member meets, `代码｜达到的个数/总数` (11/12). A line that does not read is refused with its
    number and nothing is saved."""
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
        if code in members:
            values[code], values[code + OF] = _count(raw, number)
            continue
        try:
            values[code] = float(raw.replace("%", "").replace("％", ""))
        except ValueError:
            _refuse("indicator_number", number)
    return values


def _count(raw: str, number: int) -> tuple[float, float]:
    """`11/12`: 11 of the unit's 12 members meet the target."""
    found = _COUNT.match(raw)
    if not found or int(found[1]) > int(found[2]):
        _refuse("indicator_members", number)
    return float(found[1]), float(found[2])


def members_of(indicators: list[Indicator]) -> frozenset[str]:
    return frozenset(i.code for i in indicators if i.members)


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
        elsewhere = None if indicator.members else same.get((indicator.title, indicator.measure))  # a count is its own
        value = latest.get(indicator.code, elsewhere)
        lines.append(f"{indicator.code}｜{shown(value, latest.get(indicator.code + OF))}")
    return "\n".join(lines)


def shown(value: float | None, members: float | None = None) -> str:
    """A value as a form or a table writes it; a member count as `11/12`."""
    if value is None:
        return ""
    return f"{value:g}/{members:g}" if members is not None else f"{value:g}"


def describe(indicator: Indicator) -> str:
    line = f"{indicator.code}｜{indicator.title}（{indicator.measure}）目标 {target_text(indicator.target)}"
    if indicator.members:
        line += f"，每个{indicator.members}均须达到：填写达到的{indicator.members}数/{indicator.members}总数，如 11/12"
    return line


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
    # A per-member target's: each unit's number of members (by_unit then holds how many meet it);
    # rolled and history are then the share of all members meeting it, in %.
    members: dict[str, float] | None = None


def roll_up(aggregate: str, values: list[float]) -> float:
    return sum(values) if aggregate == "total" else mean(values)


def values_table(session: Session, run: PlanRun, plan: Plan) -> Table:
    """Every value of the run, indicator -> period -> unit -> value, the computed ones worked out."""
    rows = session.execute(
        select(IndicatorValue.indicator, IndicatorValue.period, IndicatorValue.unit, IndicatorValue.value).where(
            IndicatorValue.run_id == run.id
        )
    ).all()
    table: Table = {}
    for indicator, period, unit, value in rows:
        table.setdefault(indicator, {}).setdefault(period, {})[unit] = value
    return derive(plan, table)


def standings(session: Session, run: PlanRun, plan: Plan, table: Table | None = None) -> list[Standing]:
    table = values_table(session, run, plan) if table is None else table
    return [
        _member_standing(i, table.get(i.code, {}), table.get(i.code + OF, {}))
        if i.members
        else _standing(i, table.get(i.code, {}))
        for i in plan.indicators
    ]


def _member_standing(
    indicator: Indicator, met: dict[str, dict[str, float]], of: dict[str, dict[str, float]]
) -> Standing:
    """A target each member of a unit meets (每县至少1家): on track when every member of every
    unit reporting meets it; the roll-up is the share of members that do."""
    history = [(p, share(met[p], of[p])) for p in sorted(met) if p in of and sum(of[p].values())]
    if not history:
        return Standing(indicator, None, {}, None, indicator.target, None, [])
    period, rolled = history[-1]
    compared = indicator.milestones.get(period_year(period), indicator.target)
    on_track = all(met[period].get(unit) == total for unit, total in of[period].items())
    return Standing(indicator, period, met[period], rolled, compared, on_track, history, of[period])


def share(met: dict[str, float], of: dict[str, float]) -> float:
    return sum(met.get(unit, 0) for unit in of) / sum(of.values()) * 100


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
