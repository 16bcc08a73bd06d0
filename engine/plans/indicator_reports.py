"""The indicator reports a plan asks of its units: one per unit and reporting period, opened on
the period's last day; and the baseline year's, asked once when a run starts. Worked out from
the file alone, so that `plan schedule` lists them and the runner opens exactly these."""

from __future__ import annotations

from datetime import date, timedelta

from engine.plans.model import Deadline, Plan
from engine.plans.periods import Period, months_of, periods

REPORT_DAYS = 10  # a report opens when its period ends (the baseline's: when the run starts), due this much later
TASK = "report_indicators"  # plan_indicator_report.bpmn's user task


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


def baseline_units(plan: Plan) -> list[str]:
    """Who gives the baseline year's values: the units reporting an indicator measured against it."""
    return sorted({u for i in plan.indicators if i.target.cumulative_from == plan.baseline for u in i.reported_by})


def deadlines(plan: Plan) -> list[Deadline]:
    """The reports of a run started on the plan's first day: one entry per period with its units,
    the baseline's first."""
    baseline = baseline_period(plan)
    found = [_deadline(plan, baseline, tuple(baseline_units(plan)), plan.start)] if baseline else []
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
        "计划启动时填报基期数值" if baseline else f"{period.label}结束后{REPORT_DAYS}日内填报",
        None,
        "fixed",
        opens,
        TASK,
    )


def _phase_on(plan: Plan, day: date) -> str:
    """The phase a day falls in; a period ending after the last phase belongs to it."""
    return next((p.code for p in plan.phases if p.start <= day <= p.end), plan.phases[-1].code)
