"""Targets as the notices state them: a target each county of a city must meet while the city
reports ("县区至少1家…", "每年每县区帮扶中小微企业数量不少于20家"), and amounts and rates the plan
computes from reported values ("每家2000元测算补助金额", "工伤事故发生率=当年认定工伤人数/当地城镇单位就业人数×100%").
Each is transcribed, judged or computed, and its faults named `FILE:LINE: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.plan_runs import indicators
from engine.plans import PlanError, load_plan, parse_plan
from engine.plans.computed import derive

HENAN = Path(__file__).parents[3] / "plans" / "henan_2024_three_actions.yaml"

PLAN = """\
code: targets
title: 某省中小微企业职业健康帮扶行动实施方案
issuing_body: 某省卫生健康委
start: 2024-07-01
end: 2025-12-31
units:
  - {code: cities, name: 各市州卫生健康委, collective: true}
  - {code: lz, name: 兰州新区卫生健康委}
  - {code: rsj, name: 市人力资源社会保障局}
phases:
  - {code: all, title: 帮扶行动, kind: implement, start: 2024-07-01, end: 2025-12-31}
deliverables: []
indicators:
  - code: helped_per_county
    title: 帮扶中小微企业数量
    measure: 家
    members: 县区
    target: {op: ">=", value: 20, text: 每年每县区帮扶中小微企业数量不少于20家}
    reported_by: [cities, lz]
    period: year
  - code: helped
    title: 重点帮扶中小微企业数量
    measure: 家
    target: {op: ">=", value: 0, aggregate: total, text: 各地重点帮扶中小微企业数量}
    reported_by: [cities, lz]
    period: year
  - code: subsidy
    title: 帮扶工作经费补助金额
    measure: 元
    computed: {product: helped, times: 2000, text: 以各地重点帮扶中小微企业数量，每家2000元测算补助金额}
    target: {op: qualitative, aggregate: total, text: 纳入素养干预活动方案予以经费补助}
    reported_by: [cities, lz]
    period: year
  - code: injured
    title: 当年认定工伤人数
    measure: 人
    target: {op: ">=", value: 0}
    reported_by: [rsj]
    period: year
  - code: employed
    title: 当地城镇单位就业人数
    measure: 人
    target: {op: ">=", value: 0}
    reported_by: [rsj]
    period: year
  - code: injury_rate
    title: 工伤事故发生率
    measure: "%"
    computed: {rate: [injured, employed], text: 工伤事故发生率=当年认定工伤人数/当地城镇单位就业人数×100%}
    target: {op: "<", value: 0.5, text: 低于0.5%}
    reported_by: [rsj]
    period: year
"""


def faults(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "targets.yaml")
    return [(e.line, e.field, e.message) for e in caught.value.errors]


def test_a_target_each_county_meets_while_the_city_reports():
    """ "县区至少1家公立医疗卫生机构承担职业健康检查工作" (the provincial notice, 附件3) and "每年每县区帮扶中小微企业
    数量不少于20家" (the second provincial notice): each city reports how many of its counties meet the
    target, of how many; on track when every county of every city does."""
    shipped = {i.code: i for i in load_plan(HENAN).indicators}["a3.public_health_check"]
    assert (shipped.members, shipped.target.op, shipped.target.value) == ("县区", ">=", 1)
    helped = parse_plan(PLAN, "targets.yaml").indicators[0]
    assert "每个县区均须达到：填写达到的县区数/县区总数" in indicators.describe(helped)
    found = indicators.parse_values("helped_per_county｜11/12", {"helped_per_county"}, indicators.members_of([helped]))
    assert found == {"helped_per_county": 11, "helped_per_county/of": 12}
    met = {"2024": {"cities": 12, "lz": 3}, "2025": {"cities": 11, "lz": 3}}
    of = {"2024": {"cities": 12, "lz": 3}, "2025": {"cities": 12, "lz": 3}}
    standing = indicators._member_standing(helped, met, of)
    assert (standing.period, standing.on_track, standing.by_unit, standing.members) == (
        "2025",
        False,
        met["2025"],
        of["2025"],
    )
    assert standing.history == [("2024", 100.0), ("2025", pytest.approx(14 / 15 * 100))]
    assert indicators._member_standing(helped, {"2024": met["2024"]}, of).on_track is True
    with pytest.raises(Exception) as refused:  # more counties meeting it than the city has
        indicators.parse_values("helped_per_county｜13/12", {"helped_per_county"}, frozenset({"helped_per_county"}))
    assert refused.value.errors["indicator_values"].code == "indicator_members"


def test_an_amount_per_enterprise_and_a_rate_are_computed_from_reported_values():
    """ "原则上以各地重点帮扶中小微企业数量，每家2000元测算补助金额" and "工伤事故发生率=当年认定工伤人数/当地
    城镇单位就业人数×100%": neither is asked of a unit; each is worked out per unit and year from what
    the units report, and judged like a reported value."""
    plan = parse_plan(PLAN, "targets.yaml")
    asked = {i.code for i in plan.indicators if i.asked()}
    assert "subsidy" not in asked and "injury_rate" not in asked
    assert [i.code for i in indicators.asked(plan, "rsj", "2024")] == ["injured", "employed"]
    reported = {
        "helped": {"2024": {"cities": 240, "lz": 25}},
        "injured": {"2024": {"rsj": 180}, "2025": {"rsj": 150}},
        "employed": {"2024": {"rsj": 40000}, "2025": {"rsj": 0}},  # 2025: a rate over nothing is left out
    }
    table = derive(plan, reported)
    assert table["subsidy"] == {"2024": {"cities": 480000, "lz": 50000}}
    assert table["injury_rate"] == {"2024": {"rsj": pytest.approx(0.45)}}
    by_code = {i.code: i for i in plan.indicators}
    subsidy = indicators._standing(by_code["subsidy"], table["subsidy"])
    assert (subsidy.rolled, subsidy.on_track) == (530000, None)
    rate = indicators._standing(by_code["injury_rate"], table["injury_rate"])
    assert (rate.rolled, rate.on_track) == (pytest.approx(0.45), True)


def test_faults_of_member_targets_and_computed_indicators():
    """Bad input is named `FILE:LINE: field: message` and nothing is built."""
    bad = (
        PLAN.replace(
            'target: {op: ">=", value: 20, text: 每年每县区',
            'target: {op: ">=", value: 20, aggregate: total, text: 每年每县区',
        )
        .replace("{product: helped, times: 2000,", "{product: helped,")
        .replace("{rate: [injured, employed],", "{rate: [injured, subsidy],")
        .replace('    measure: "%"\n    computed', "    measure: 人\n    computed")
    )
    bad += """  - code: counted_words
    title: 县区帮扶工作稳步提升
    measure: 家
    members: 县区
    target: {op: qualitative, text: 稳步提升}
    reported_by: [cities]
    period: year
  - code: both
    title: 补助
    measure: 元
    computed: {rate: [injured, employed], product: helped, text: 每家2000元}
    target: {op: ">=", value: 0}
    reported_by: [lz]
    period: half
"""
    assert faults(bad) == [  # what does not build is named first, and alone
        (
            line_of(bad, "{product: helped, text"),
            "indicators[2].computed",
            "a product needs times: the constant, e.g. times: 2000 for 每家2000元",
        ),
        (line_of(bad, "product: helped, text: 每家"), "indicators[7].computed", "give exactly one of rate or product"),
    ]
    bad = bad.replace("{product: helped,", "{product: helped, times: 2000,").replace(
        "computed: {rate: [injured, employed], product: helped,", "computed: {product: helped, times: 2000,"
    )
    rate = line_of(bad, "{rate: [injured, subsidy]")
    assert faults(bad) == [
        (
            line_of(bad, "aggregate: total, text: 每年每县区"),
            "indicators[0].target.aggregate",
            "every member meets the target: total does not apply to members",
        ),
        (rate, "indicators[5].computed.rate", "a rate is numerator / denominator × 100: its measure is %, not 人"),
        (rate, "indicators[5].computed.rate[1]", "subsidy is not a value units report: compute from reported values"),
        (
            line_of(bad, "{op: qualitative, text: 稳步提升}"),
            "indicators[6].target.op",
            "members count those meeting the target: a target in words cannot be counted",
        ),
        (
            line_of(bad, "helped, times: 2000, text: 每家2000元}"),
            "indicators[7].computed.product",
            "helped is reported per year, this indicator per half",
        ),
    ]


def line_of(text: str, fragment: str) -> int:
    return text.count("\n", 0, text.index(fragment)) + 1
