"""Indicators measured against a year before the plan, and reported every two years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plan_run_helpers import at, complete, plan_tasks, start_plan

from engine import background
from engine.plan_runs import indicators
from engine.plan_runs.models import PlanRun
from engine.plan_runs.runs import plan_of
from engine.plans import every_task, parse_plan
from engine.plans.periods import period_kind, period_year, periods

CITY = Path(__file__).parents[3] / "plans" / "city_2021_work_injury_prevention.yaml"


def test_the_city_plan_s_main_indicators_are_judged_against_2020(db, settings):
    """ "主要指标（与2020年数值比较）…工伤事故发生率 2021年下降2%…重点行业工伤事故发生率 2021年下降5%":
    the office enters the 2020 values once, in one form when the plan starts (a line per indicator
    and unit reporting it, here with a second unit reporting one of them), then 2021 is judged
    against them. The form is the one `plan schedule` lists."""
    text = CITY.read_text(encoding="utf-8").replace(KEY_INDUSTRY_BY_RSJ, KEY_INDUSTRY_BY_RSJ_AND_YJJ)
    run_id = start_plan(db, at(date(2020, 12, 28), 10, 0), text, add_units=True)
    [baseline] = plan_tasks(db)
    assert (baseline.name, baseline.assignee_kind, baseline.assignee) == ("enter_baseline", "role", "office")
    assert (baseline.shown["period"], baseline.due_at.date()) == (
        "2020",
        date(2021, 1, 11),
    )  # the plan starts 1 January
    assert baseline.shown["prefilled_values"] == (
        "injury_rate@rsj｜\nkey_industry_injury_rate@rsj｜\nkey_industry_injury_rate@yjj｜"
    )
    listing = baseline.shown["indicator_list"]
    assert "key_industry_injury_rate@yjj｜市应急局：重点行业工伤事故发生率（%）目标 下降20%" in listing
    listed = [t for t in every_task(parse_plan(text, "city.yaml")) if t.task == "enter_baseline"]
    assert [(t.units, t.due, t.deliverable) for t in listed] == [(("office",), date(2021, 1, 11), "indicators:2020")]
    values = "injury_rate@rsj｜0.50\nkey_industry_injury_rate@rsj｜1.00\nkey_industry_injury_rate@yjj｜2.00"
    complete(db, "office.staff", baseline, {"indicator_values": values}, at(date(2020, 12, 30)))
    background.run_pass(db, settings, at(date(2021, 12, 31)))
    reports = {t.assignee: t for t in plan_tasks(db) if t.name == "report_indicators"}
    assert sorted(reports) == ["rsj", "yjj"] and {t.shown["period"] for t in reports.values()} == {"2021"}
    values = "injury_rate｜0.49\nkey_industry_injury_rate｜0.96\nprevention_fund_share｜1"
    complete(db, "liaison.rsj", reports["rsj"], {"indicator_values": values}, at(date(2022, 1, 5)))
    complete(
        db, "liaison.yjj", reports["yjj"], {"indicator_values": "key_industry_injury_rate｜1.90"}, at(date(2022, 1, 5))
    )
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
    # the mean of 0.96 and 1.90 against the mean of 1.00 and 2.00: down 4.67%, short of 5%
    assert (round(key.rolled, 2), key.target.text, key.on_track) == (4.67, "下降5%", False)


KEY_INDUSTRY_BY_RSJ = """      2025: {op: ">=", value: 20, change: decrease, cumulative_from: 2020, text: 下降20%}
    reported_by: [rsj]"""
KEY_INDUSTRY_BY_RSJ_AND_YJJ = KEY_INDUSTRY_BY_RSJ.replace("[rsj]", "[rsj, yjj]")


def test_two_year_periods():
    """ "每两年": 2024-2025 and 2026-2027, judged in their last year."""
    found = periods("2y", date(2024, 7, 1), date(2027, 6, 30))
    assert [(p.label, p.start, p.end) for p in found] == [
        ("2024-2025", date(2024, 1, 1), date(2025, 12, 31)),
        ("2026-2027", date(2026, 1, 1), date(2027, 12, 31)),
    ]
    assert (period_kind("2024-2025"), period_year("2024-2025")) == ("2y", 2025)
