"""Plan files: every deadline rule kind, every fault the loader names by line and field, and the
shipped transcriptions of the source documents (docs/SOURCES.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.plans import PlanError, load_plan, model, parse_plan, schedule
from engine.plans.loader import SCHEMA

PLANS = Path(__file__).parents[3] / "plans"

# A small plan: line numbers below are counted in this text (line 1 is `code: small`).
SMALL = """\
code: small
title: 小方案
issuing_body: 某联席会议
start: 2024-07-01
end: 2025-12-31
units:
  - {code: lead, name: 牵头局}
  - {code: coop, name: 配合局}
  - {code: office, name: 办公室, role: issuer}
phases:
  - {code: mob, title: 动员部署阶段, kind: mobilize, start: 2024-07-01, end: 2024-07-31}
  - {code: imp, title: 工作实施阶段, kind: implement, start: 2024-08-01, end: 2025-10-31}
  - code: eva
    title: 总结评估阶段
    kind: evaluate
    windows:
      - {start: 2024-12-01, end: 2024-12-31}
      - {start: 2025-11-01, end: 2025-12-31}
deliverables:
  - code: d
    title: 报告
    phase: {phase}
    lead: lead
    cooperating: [coop]
    submitter: {submitter}
    rule: {rule}
indicators:
  - code: i
    title: 覆盖率
    measure: "%"
    target: {target}
    reported_by: [lead]
    period: year
"""
RULE_LINE = 26


def small(rule="{kind: fixed, date: 2024-07-10, text: 7月10日前}", phase="mob", submitter="lead", target=None):
    target = target or '{op: ">=", value: 95, text: ≥95%}'
    return (
        SMALL.replace("{rule}", rule)
        .replace("{phase}", phase)
        .replace("{submitter}", submitter)
        .replace("{target}", target)
    )


def dues(rule: str, phase: str = "imp") -> list[date | None]:
    return [d.due for d in schedule(parse_plan(small(rule, phase), "small.yaml"))]


def faults(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "small.yaml")
    assert all(e.file == "small.yaml" for e in caught.value.errors)
    return [(e.line, e.field, e.message) for e in caught.value.errors]


# --- the rule kinds ---------------------------------------------------------------------------


def test_fixed_is_the_date_written():
    assert dues("{kind: fixed, date: 2024-07-10, text: 7月10日前}", "mob") == [date(2024, 7, 10)]


def test_dates_are_each_date_listed():
    rule = "{kind: dates, dates: [2024-12-10, 2025-12-10], text: 分别于2024年12月10日、2025年12月10日前}"
    assert dues(rule, "eva") == [date(2024, 12, 10), date(2025, 12, 10)]


def test_yearly_falls_in_every_year_of_the_window():
    # 每年7月30日前, over the plan's span 2024-07-01..2025-12-31
    assert dues("{kind: yearly, month: 7, day: 30, within: span, text: 每年7月30日前}") == [
        date(2024, 7, 30),
        date(2025, 7, 30),
    ]
    # within the implementation phase (from August 2024) only 2025's falls
    assert dues("{kind: yearly, month: 7, day: 30, text: 每年7月30日前}") == [date(2025, 7, 30)]


def test_yearly_may_name_its_years():
    rule = "{kind: yearly, month: 3, day: 31, years: [2025], text: 2025年在3月底以前}"
    assert dues(rule) == [date(2025, 3, 31)]


def test_quarterly_is_the_day_of_the_given_month_of_each_quarter_in_the_window():
    rule = "{kind: quarterly, day: 30, month_of_quarter: last, text: 每个季度最后一个月30日前}"
    assert dues(rule) == [
        date(2024, 9, 30),
        date(2024, 12, 30),
        date(2025, 3, 30),
        date(2025, 6, 30),
        date(2025, 9, 30),
    ]
    first = "{kind: quarterly, day: 15, month_of_quarter: first, within: span, text: 每季度首月15日前}"
    assert dues(first)[:2] == [date(2024, 7, 15), date(2024, 10, 15)]


def test_month_end_is_the_last_day_of_that_month():
    assert dues("{kind: month_end, year: 2024, month: 8, text: 2024年8月底前}") == [date(2024, 8, 31)]
    assert dues("{kind: month_end, year: 2025, month: 2, text: 2025年2月底前}") == [date(2025, 2, 28)]


def test_after_event_has_no_date_until_the_event():
    rule = "{kind: after_event, months: 1, event: 发现线索, text: 要在1个月内完成相关线索核实确认}"
    [deadline] = schedule(parse_plan(small(rule, "imp"), "small.yaml"))
    assert deadline.due is None
    assert deadline.rule_text == "要在1个月内完成相关线索核实确认"


def test_every_quarter_is_due_by_each_quarter_s_end_within_the_phase():
    # 至少每季度一次, in the implementation phase 2024-08-01..2025-10-31: the last quarter is cut short
    assert dues("{kind: every, months: 3, text: 至少每季度一次}") == [
        date(2024, 9, 30),
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 10, 31),
    ]


def test_every_two_years_counts_from_the_window_s_first_year():
    assert dues("{kind: every, years: 2, within: span, text: 每两年}") == [date(2025, 12, 31)]
    assert dues("{kind: every, years: 1, within: span, text: 每年}") == [date(2024, 12, 31), date(2025, 12, 31)]


def test_a_phase_in_pieces_repeats_in_each_piece():
    # 总结评估阶段（2024年12月、2025年11—12月）: one review a month, in each piece only
    assert dues("{kind: every, months: 1, text: 每月}", "eva") == [
        date(2024, 12, 31),
        date(2025, 11, 30),
        date(2025, 12, 31),
    ]


def test_who_submits():
    def units(submitter: str, extra: str = "") -> tuple[str, ...]:
        text = small(submitter=submitter).replace("    lead: lead\n", extra)
        return schedule(parse_plan(text, "small.yaml"))[0].units

    assert units("lead", "    lead: lead\n") == ("lead",)
    assert units("all", "    lead: lead\n") == ("lead", "coop")  # participants, not the issuing office
    assert units("listed", "    lead: null\n") == ("coop",)


# --- faults, each with its line and field -------------------------------------------------------


def test_a_rule_field_out_of_range_is_named_by_line_and_path():
    assert faults(small("{kind: yearly, month: 13, day: 30, text: 每年}")) == [
        (RULE_LINE, "deliverables[0].rule.month", "13 is greater than the maximum of 12")
    ]


def test_a_missing_and_an_unknown_field():
    found = faults(small("{kind: fixed, dat: 2024-07-10, text: 前}"))
    assert found == [
        (RULE_LINE, "deliverables[0].rule.dat", "is not a field here"),
        (RULE_LINE, "deliverables[0].rule.date", "is missing"),
    ]


def test_an_unknown_kind_of_phase():
    text = small().replace("kind: mobilize", "kind: launch")
    assert faults(text) == [
        (11, "phases[0].kind", "'launch' is not one of ['mobilize', 'implement', 'evaluate', 'other']")
    ]


def test_an_impossible_date():
    text = small().replace("end: 2025-12-31\n", "end: 2025-02-30\n", 1)
    assert faults(text) == [(5, "end", "2025-02-30 is not a date that exists")]


def test_impossible_dates_are_all_named_in_line_order():
    text = (
        small()
        .replace("end: 2025-12-31\n", "end: 2025-02-30\n", 1)
        .replace("start: 2024-07-01\n", "start: 2024-06-31\n", 1)
    )
    assert faults(text) == [
        (4, "start", "2024-06-31 is not a date that exists"),
        (5, "end", "2025-02-30 is not a date that exists"),
    ]


def test_a_phase_needs_one_window_or_pieces_not_both():
    both = small().replace("    kind: evaluate\n", "    kind: evaluate\n    start: 2024-12-01\n")
    assert faults(both) == [(17, "phases[2].windows", "give start and end, or windows, not both")]
    neither = small().replace(", start: 2024-07-01, end: 2024-07-31}", "}")
    assert faults(neither) == [(11, "phases[0]", "a phase needs start and end (or windows)")]


def test_actions_are_named_and_lie_in_the_plan():
    actions = "actions:\n  - {code: a1, title: 行动一, start: 2024-07-01, end: 2026-06-30}\nphases:\n"
    text = small().replace("phases:\n", actions).replace("kind: mobilize,", "kind: mobilize, action: a1,")
    text = text.replace("{code: imp,", "{code: imp, action: a9,")
    assert faults(text) == [  # the evaluation phase names no action: all the plan's actions share it
        (11, "actions[0]", "runs 2024-07-01..2026-06-30, outside the plan's span"),
        (14, "phases[1].action", "a9 is not one of the plan's actions"),
    ]


def test_an_impossible_yearly_day():
    assert faults(small("{kind: yearly, month: 2, day: 30, text: 每年2月30日}", "imp")) == [
        (RULE_LINE, "deliverables[0].rule.day", "month 2 has no day 30; write day: last for the month's end")
    ]


def test_a_date_written_otherwise():
    assert faults(small("{kind: fixed, date: 2024/07/10, text: 前}")) == [
        (RULE_LINE, "deliverables[0].rule.date", "'2024/07/10' is not a date written YYYY-MM-DD")
    ]


def test_unknown_codes_are_named():
    text = small(phase="nowhere").replace("lead: lead", "lead: nobody").replace("[coop]", "[coop, ghost]")
    assert faults(text) == [
        (22, "deliverables[0].phase", "nowhere is not a phase of the plan"),
        (23, "deliverables[0].lead", "nobody is not a unit of the plan"),
        (24, "deliverables[0].cooperating[1]", "ghost is not a unit of the plan"),
    ]


def test_duplicate_codes():
    text = small().replace("{code: coop, name: 配合局}", "{code: lead, name: 配合局}").replace("[coop]", "[lead]")
    assert faults(text) == [(8, "units[1].code", "lead is used twice")]


def test_a_phase_ending_before_it_starts_and_one_outside_the_span():
    text = small().replace("end: 2024-07-31}", "end: 2024-06-30}").replace("end: 2025-10-31}", "end: 2026-03-31}")
    assert faults(text) == [
        (11, "phases[0].end", "ends (2024-06-30) before it starts (2024-07-01)"),
        (12, "phases[1].end", "2024-08-01..2026-03-31 lies outside the span 2024-07-01..2025-12-31"),
    ]


def test_a_date_outside_its_phase():
    assert faults(small("{kind: fixed, date: 2024-08-31, text: 2024年8月31日前}", "mob")) == [
        (RULE_LINE, "deliverables[0].rule.date", "2024-08-31 falls outside 2024-07-01..2024-07-31")
    ]
    rule = "{kind: dates, dates: [2024-12-10, 2025-10-10], text: 分别于}"
    assert faults(small(rule, "eva")) == [
        (
            RULE_LINE,
            "deliverables[0].rule.dates[1]",
            "2025-10-10 falls outside 2024-12-01..2024-12-31 and 2025-11-01..2025-12-31",
        )
    ]


def test_exactly_one_period_for_every():
    assert faults(small("{kind: every, months: 3, years: 1, text: 每季度}")) == [
        (RULE_LINE, "deliverables[0].rule", "give exactly one of months or years")
    ]


def test_a_lead_submitter_needs_a_lead():
    text = small().replace("    lead: lead\n", "")
    assert faults(text) == [(24, "deliverables[0].submitter", "the lead submits, but there is no lead")]


def test_an_upside_down_range():
    assert faults(small(target="{op: between, low: 3, high: 2}")) == [
        (31, "indicators[0].target.low", "the range 3–2 is upside down")
    ]


def test_yaml_that_does_not_parse_names_its_line():
    [(line, field, _)] = faults("code: x\ntitle: [unclosed\n")
    assert (line, field) == (3, "(yaml)")


def test_a_key_written_twice():
    assert faults("code: x\ncode: y\n") == [(2, "code", "written twice")]


def test_no_is_text_not_false():
    # YAML 1.1 reads NO as false; a plan file keeps it as written, so the schema can say what is wrong
    text = small().replace("{code: coop, name: 配合局}", "{code: coop, name: 配合局, collective: NO}")
    assert faults(text) == [(8, "units[1].collective", "'NO' is not of type 'boolean'")]


def test_all_faults_are_reported_not_just_the_first():
    text = small("{kind: yearly, month: 0, day: 32, text: 每年}").replace("kind: mobilize", "kind: x")
    assert [f[1] for f in faults(text)] == [
        "phases[0].kind",
        "deliverables[0].rule.day",
        "deliverables[0].rule.month",
    ]


# --- the shipped plans ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.name)
def test_the_shipped_plans_validate(path):
    plan = load_plan(path)
    assert plan.deliverables and schedule(plan)


def test_the_work_injury_plan_keeps_its_yearly_targets_and_departments():
    plan = load_plan(PLANS / "city_2021_work_injury_prevention.yaml")
    indicators = {i.code: i for i in plan.indicators}
    injury = indicators["injury_rate"]
    assert {year: t.value for year, t in injury.milestones.items()} == {2021: 2, 2022: 4, 2023: 6, 2024: 8, 2025: 10}
    assert (injury.target.change, injury.target.cumulative_from) == ("decrease", 2020)
    key = indicators["key_industry_injury_rate"]
    assert {year: t.value for year, t in key.milestones.items()} == {2021: 5, 2022: 10, 2023: 15, 2024: 15, 2025: 20}
    fund = indicators["prevention_fund_share"]
    assert (fund.milestones[2021].op, fund.milestones[2021].value) == ("=", 1)
    assert {year: (t.low, t.high) for year, t in fund.milestones.items() if t.op == "between"} == {
        2022: (1, 3),
        2023: (1, 3),
        2024: (1.5, 3),
        2025: (2, 3),
    }
    deliverables = {d.code: d for d in plan.deliverables}
    assert deliverables["key_industries"].lead == "rsj"
    assert deliverables["key_industries"].cooperating == ("gxj", "czj", "zjj", "jtj", "wjw", "yjj")
    assert deliverables["floating_rates"].cooperating == ("czj",)
    assert deliverables["special_governance"].lead is None  # 按职责分工落实
    names = {u.code: u.name for u in plan.units}
    assert names["rsj"] == "市人力资源社会保障局" and names["zgh"] == "市总工会"


def test_the_model_s_vocabularies_are_the_schema_s():
    defs = SCHEMA["$defs"]
    assert list(model.PHASE_KINDS) == defs["phase"]["properties"]["kind"]["enum"]
    assert list(model.RULE_KINDS) == defs["rule"]["properties"]["kind"]["enum"]
    assert list(model.SUBMITTERS) == defs["deliverable"]["properties"]["submitter"]["enum"]
    assert list(model.UNIT_ROLES) == defs["unit"]["properties"]["role"]["enum"]
    assert list(model.TARGET_OPS) == defs["target"]["properties"]["op"]["enum"]
    assert list(model.AGGREGATES) == defs["target"]["properties"]["aggregate"]["enum"]
    assert list(model.CHANGES) == defs["target"]["properties"]["change"]["enum"]
    assert list(model.PERIODS) == defs["indicator"]["properties"]["period"]["anyOf"][0]["enum"]
