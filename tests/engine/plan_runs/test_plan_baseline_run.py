"""Indicators measured against a year before the plan, and reported every two years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plan_run_helpers import at, complete, plan_tasks, start_plan

from engine import background
from engine.plan_runs import indicators
from engine.plan_runs.models import PlanRun
from engine.plan_runs.runs import plan_of
from engine.plans.periods import period_kind, period_year, periods

CITY = Path(__file__).parents[3] / "plans" / "city_2021_work_injury_prevention.yaml"


def test_the_city_plan_s_main_indicators_are_judged_against_2020(db, settings):
    """ "主要指标（与2020年数值比较）…工伤事故发生率 2021年下降2%…重点行业工伤事故发生率 2021年下降5%":
    the 2020 values are asked once, when the plan starts, then 2021 is judged against them."""
    run_id = start_plan(db, at(date(2020, 12, 28), 10, 0), CITY.read_text(encoding="utf-8"), add_units=True)
    [baseline] = [t for t in plan_tasks(db) if t.name == "report_indicators"]
    assert (baseline.assignee, baseline.shown["period"], baseline.due_at.date()) == ("rsj", "2020", date(2021, 1, 7))
    assert baseline.shown["prefilled_values"] == "injury_rate｜\nkey_industry_injury_rate｜"
    values = "injury_rate｜0.50\nkey_industry_injury_rate｜1.00"
    complete(db, "liaison.rsj", baseline, {"indicator_values": values}, at(date(2020, 12, 30)))
    background.run_pass(db, settings, at(date(2021, 12, 31)))
    [report] = [t for t in plan_tasks(db) if t.name == "report_indicators"]
    assert report.shown["period"] == "2021"  # the baseline is not asked again
    values = "injury_rate｜0.49\nkey_industry_injury_rate｜0.96"
    complete(db, "liaison.rsj", report, {"indicator_values": values}, at(date(2022, 1, 5)))
    with db.read_session() as session:
        run = session.get(PlanRun, run_id)
        standing = {s.indicator.code: s for s in indicators.standings(session, run, plan_of(run))}
    injury, key = standing["injury_rate"], standing["key_industry_injury_rate"]
    assert (injury.period, round(injury.rolled, 6), injury.target.text, injury.on_track) == (
        "2021",
        2.0,
        "下降2%",
        True,
    )
    assert (round(key.rolled, 6), key.target.text, key.on_track) == (4.0, "下降5%", False)


def test_two_year_periods():
    """ "每两年": 2024-2025 and 2026-2027, judged in their last year."""
    found = periods("2y", date(2024, 7, 1), date(2027, 6, 30))
    assert [(p.label, p.start, p.end) for p in found] == [
        ("2024-2025", date(2024, 1, 1), date(2025, 12, 31)),
        ("2026-2027", date(2026, 1, 1), date(2027, 12, 31)),
    ]
    assert (period_kind("2024-2025"), period_year("2024-2025")) == ("2y", 2025)
