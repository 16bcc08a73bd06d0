"""Everything a plan's page shows, gathered from rows: the phase timeline, each deliverable's
status per unit, the overdue list, the indicators with their chart, and (for the office) the
dispatch reviews with their briefings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engine.core.clock import SHANGHAI
from engine.org.models import Person
from engine.plan_runs import events, indicators
from engine.plan_runs import queries as views
from engine.plan_runs.models import PlanRun
from engine.plan_runs.runs import plan_of
from webui.common import context
from webui.plans.chart import chart

STATUSES = {
    "submitted": _l("已提交"),
    "overdue": _l("已逾期"),
    "open": _l("办理中"),
    "scheduled": _l("未派发"),
    "lapsed": _l("启动前已过期"),
    "waiting": _l("待事件发生"),
    "running": _l("实施中"),
    "finished": _l("已完成"),
}
PHASE_KINDS = {"mobilize": _l("动员部署"), "implement": _l("工作实施"), "evaluate": _l("总结评估"), "other": _l("其他")}


def detail(me: Person, run: PlanRun, unit: str | None = None) -> dict:
    """The page for the whole plan, or narrowed to one unit's rows (`unit`)."""
    session = context.db_session()
    plan = plan_of(run)
    today = context.now().astimezone(SHANGHAI).date()
    rows = views.deadlines(session, run, unit)
    bars, _span = views.timeline(plan)
    units = [u for u in plan.units if unit in (None, u.code)]
    plans = views.implementation_plans(session, run)
    owed_plans = [task for code, task in plans.items() if unit in (None, code)]
    return {
        "run": run,
        "plan": plan,
        "today": today,
        "focus": unit,
        "units": units,
        "unit_names": {u.code: u.name for u in plan.units},
        "timeline": bars,
        "today_mark": views.today_mark(plan, today),
        "matrix": views.matrix(rows),
        "matrix_units": [u for u in units if any(r.unit == u.code for r in rows)],
        "overdue": views.overdue(rows, owed_plans, today),
        "plan_late": lambda task: views.plan_overdue_since(task, today) is not None,
        "status_of": lambda row: views.status_of(row, today),
        "indicators": _indicators(session, run, plan, unit),
        "implementation_plans": plans,
        "office_view": me.sees_whole_body,
        "reviews": views.dispatch_reviews(session, run) if me.sees_whole_body else [],
        "office_tasks": views.office_tasks(session, run) if me.sees_whole_body else [],
        "events": events.after_event_deliverables(run) if me.is_office and run.status == "running" else [],
        "may_clone": me.is_office and run.status == "finished",
    }


def _indicators(session, run: PlanRun, plan, unit: str | None) -> list[dict]:
    table = indicators.values_table(session, run, plan)
    return [_indicator(standing, table, unit) for standing in indicators.standings(session, run, plan, table)]


def _indicator(standing: indicators.Standing, table: dict, unit: str | None) -> dict:
    """One indicator's row of the page: each unit's values per period as written (a per-member
    target's as `11/12`: counties meeting it, of the city's counties), and the roll-up's label."""
    indicator = standing.indicator
    periods = [p for p, _ in standing.history]
    values, members = table.get(indicator.code, {}), table.get(indicator.code + indicators.OF, {})
    reporters = [u for u in indicator.reported_by if unit in (None, u)]
    return {
        "standing": standing,
        "target": indicators.target_text(standing.target),
        "chart": chart(standing),
        "periods": periods,
        "per_unit": [(code, [_value(values, members, p, code) for p in periods]) for code in reporters],
        "total_label": _total_label(indicator),
    }


def _value(values: dict, members: dict, period: str, unit: str) -> str | None:
    value = values.get(period, {}).get(unit)
    return None if value is None else indicators.shown(value, members.get(period, {}).get(unit))


def _total_label(indicator) -> str:
    if indicator.members:
        return _l("达标%(members)s占比（%%）", members=indicator.members)
    return _l("合计") if indicator.target.aggregate == "total" else _l("平均")
