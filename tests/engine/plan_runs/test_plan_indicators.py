"""Indicators: how units' values roll up and are judged, and what a report is pre-filled with."""

from __future__ import annotations

from datetime import date

import pytest
from plan_run_helpers import SMALL_PLAN, at, complete, plan_tasks, start_plan

from engine.core.uow import UnitOfWork
from engine.plan_runs import indicators, opening
from engine.plan_runs.models import PlanRun
from engine.plans import Indicator, Target
from engine.plans.periods import Period, periods, shift_years


def target(op=">=", value=40.0, aggregate="total", cumulative_from=None, change=None, low=None, high=None) -> Target:
    return Target(op, value, low, high, aggregate, cumulative_from, change)


def indicator(t: Target, milestones=None) -> Indicator:
    return Indicator("helped", "帮扶中小微企业数量", "家", t, milestones or {}, ("rsj", "zgh"), "half")


def standing(t: Target, by_period: dict, milestones=None) -> indicators.Standing:
    return indicators._standing(indicator(t, milestones), by_period)


def test_totals_are_summed_and_judged_against_the_years_milestone():
    values = {"2027H1": {"rsj": 15, "zgh": 12}, "2028H1": {"rsj": 20, "zgh": 15}}
    found = standing(target(value=60), values, milestones={2028: target(value=30)})
    assert (found.period, found.rolled, found.target.value, found.on_track) == ("2028H1", 35, 30, True)
    assert found.history == [("2027H1", 27), ("2028H1", 35)]


def test_each_unit_must_meet_an_each_target_on_its_own():
    found = standing(target(value=20, aggregate="each"), {"2027": {"rsj": 25, "zgh": 19}})
    assert (found.rolled, found.on_track) == (22, False)


def test_a_cumulative_target_counts_from_its_base_year():
    values = {"2026": {"rsj": 30}, "2027": {"rsj": 20}, "2028": {"rsj": 25}}
    assert standing(target(value=45, cumulative_from=2027), values).rolled == 45


def test_a_decrease_is_the_change_in_percent_against_the_base_year():
    values = {"2025": {"rsj": 100}, "2026": {"rsj": 95}, "2027": {"rsj": 90}}
    found = standing(target(value=10, cumulative_from=2025, change="decrease"), values)
    assert (found.rolled, found.on_track) == (pytest.approx(10.0), True)


def test_a_between_target_and_a_qualitative_one():
    assert standing(target(op="between", value=None, low=2, high=3), {"2027": {"rsj": 2.5}}).on_track is True
    words = Target("qualitative", None, None, None, "total", None, None, "应报尽报")
    assert (standing(words, {"2027": {"rsj": 1}}).on_track, indicators.target_text(words)) == (None, "应报尽报")


def test_periods_and_leap_days():
    assert [p.label for p in periods("quarter", date(2027, 2, 1), date(2027, 10, 31))] == [
        "2027Q1",
        "2027Q2",
        "2027Q3",
        "2027Q4",
    ]
    assert periods("half", date(2027, 1, 1), date(2027, 6, 30)) == [
        Period("2027H1", date(2027, 1, 1), date(2027, 6, 30), 2027)
    ]
    assert shift_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


YEARLY_TOO = """
  - code: helped_year
    title: 帮扶中小微企业数量
    measure: 家
    target: {op: ">=", value: 40, aggregate: total}
    reported_by: [rsj]
    period: year
"""


def test_a_report_is_prefilled_with_values_the_unit_gave_elsewhere_in_the_plan(db):
    """The yearly copy of an indicator opens with what rsj gave for the half-yearly one."""
    run_id = start_plan(db, at(date(2026, 12, 20), 10, 0), SMALL_PLAN.read_text(encoding="utf-8") + YEARLY_TOO)
    with UnitOfWork(db) as uow:
        opening.open_report(
            uow.session, run_id, "rsj", periods("half", date(2027, 1, 1), date(2027, 6, 30))[0], at(date(2027, 6, 30))
        )
        uow.commit()
    first = next(t for t in plan_tasks(db) if t.name == "report_indicators")
    assert first.shown["prefilled_values"] == "helped｜"
    complete(db, "liaison.rsj", first, {"indicator_values": "helped｜15"}, at(date(2027, 7, 1)))
    with UnitOfWork(db) as uow:
        opening.open_report(
            uow.session,
            run_id,
            "rsj",
            Period("2027", date(2027, 1, 1), date(2027, 12, 31), 2027),
            at(date(2027, 12, 31)),
        )
        uow.commit()
        assert uow.session.get(PlanRun, run_id).status == "running"
    yearly = next(t for t in plan_tasks(db) if t.name == "report_indicators")
    assert yearly.shown["prefilled_values"] == "helped_year｜15"
    assert "helped_year｜帮扶中小微企业数量（家）目标 >= 40" in yearly.shown["indicator_list"]
