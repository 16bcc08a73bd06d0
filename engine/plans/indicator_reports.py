"""The indicator reports a plan asks of its units: one per unit and reporting period, opened on
the period's last day; and the baseline year's values, entered by the office in one form when a
run starts (a line per indicator and reporting unit). Worked out from the file alone, so that
`plan schedule` lists them and the runner opens exactly these."""

from __future__ import annotations

from datetime import date, timedelta

from engine.plans.model import OFFICE, Deadline, Indicator, Plan
from engine.plans.periods import Period, months_of, periods

REPORT_DAYS = 10  # a report opens when its period ends (the baseline's: when the run starts), due this much later
TASK = "report_indicators"  # plan_indicator_report.bpmn's user task
BASELINE_TASK = "enter_baseline"  # the same process's office task, for the baseline year


def owed(plan: Plan, start: date, end: date) -> list[tuple[str, Period]]:
    """(unit, period) for every period of each reporting kind that overlaps [start, end]."""
    found = []
    for kind in sorted({i.period for i in plan.indicators}, key=months_of):
        units = sorted({u for i in plan.indicators if i.period == kind for u in i.reported_by})
        found += [(unit, period) for period in periods(kind, start, end) for unit in units]
    return found


def baseline_period(plan: Plan) -> Period | None:
    year = plan.baseline
    return None if year is None else Period(str(year), date(year, 1, 1), date(year, 12, 31), year)


def baseline_indicators(plan: Plan) -> list[Indicator]:
    """The reported indicators whose baseline values are asked: those measured against the baseline
    year (与2020年数值比较), and the values a computed one measured against it is worked out from."""
    codes: list[str] = []
    for indicator in plan.indicators:
        if plan.baseline is not None and indicator.target.cumulative_from == plan.baseline:
            codes += indicator.computed.of if indicator.computed else [indicator.code]
    return [i for i in plan.indicators if i.code in codes]


def baseline_lines(plan: Plan) -> list[tuple[str, Indicator, str]]:
    """The office's baseline form, a line per indicator and unit reporting it: (`code@unit`, …)."""
    return [(f"{i.code}@{unit}", i, unit) for i in baseline_indicators(plan) for unit in i.reported_by]


def deadlines(plan: Plan) -> list[Deadline]:
    """The reports of a run started on the plan's first day: one entry per period with its units,
    the office's baseline form first."""
    baseline = baseline_period(plan)
    found = [_deadline(plan, baseline, (OFFICE,), plan.start)] if baseline and baseline_lines(plan) else []
    by_period: dict[Period, list[str]] = {}
    for unit, period in owed(plan, plan.start, plan.end):
        by_period.setdefault(period, []).append(unit)
    found += [_deadline(plan, period, tuple(units), period.end) for period, units in by_period.items()]
    return found


def _deadline(plan: Plan, period: Period, units: tuple[str, ...], opens: date) -> Deadline:
    baseline = period.end < plan.start
    return Deadline(
        f"indicators:{period.label}",
        f"{period.label} 指标填报",
        _phase_on(plan, opens),
        units,
        opens + timedelta(days=REPORT_DAYS),
        "方案启动时由办公室录入基期数值" if baseline else f"{period.label}结束后{REPORT_DAYS}日内填报",
        None,
        "fixed",
        opens,
        BASELINE_TASK if baseline else TASK,
    )


def _phase_on(plan: Plan, day: date) -> str:
    """The phase a day falls in; a period ending after the last phase belongs to it."""
    return next((p.code for p in plan.phases if p.start <= day <= p.end), plan.phases[-1].code)
