"""The constructs a province's office needs to write a notice or a five-year plan down as it is
worded: each test quotes the sentence it transcribes and checks the dates the schedule gives."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from engine.plans import PlanError, parse_plan, schedule
from webui.cli.plans import plan as plan_command

# A plan issued on 28 September, run to the end of the next year, with one shared set of phases.
PLAN = """\
code: notice
title: 某省职业健康行动实施方案
issuing_body: 某省卫生健康委
issued: 2024-09-28
start: 2024-09-28
end: 2025-12-31
units:
  - {code: wjw, name: 省卫生健康委, role: issuer}
  - {code: cities, name: 各省辖市, collective: true}
  - {code: cdc, name: 省疾控中心}
phases:
  - {code: mobilize, title: 部署启动, kind: mobilize, start: 2024-09-28, end: 2024-10-31}
  - {code: implement, title: 组织实施, kind: implement, start: 2024-11-01, end: 2025-10-31}
  - {code: evaluate, title: 总结评估, kind: evaluate, start: 2025-11-01, end: 2025-12-31}
deliverables:
  - code: d
    title: 报送
    phase: {phase}
    submitter: all
    rule: {rule}
"""
RULE_LINE = 20


def plan_text(rule: str, phase: str = "implement", plan: str = PLAN) -> str:
    return plan.replace("{rule}", rule).replace("{phase}", phase)


def dues(rule: str, phase: str = "implement", plan: str = PLAN) -> list[date | None]:
    return [d.due for d in schedule(parse_plan(plan_text(rule, phase, plan), "notice.yaml"))]


def faults(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "notice.yaml")
    return [(e.line, e.field, e.message) for e in caught.value.errors]


# --- 1. quarter and month ends ------------------------------------------------------------------


def test_each_quarter_s_end_needs_no_day_named():
    """ "每季度结束后…上报": the notice names no day, so the deadline is each quarter's last day,
    whatever its length (30 June, 30 September, 31 December, 31 March)."""
    assert dues("{kind: quarterly, day: last, within: span, text: 每季度上报}") == [
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]


def test_each_month_s_end():
    """ "每月月底前报送": each month's last day, February's the 28th."""
    found = dues("{kind: monthly, day: last, text: 每月月底前报送}")
    assert found[:5] == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
    ]
    assert found[-1] == date(2025, 10, 31) and len(found) == 12


def test_a_month_day_some_month_lacks_says_to_write_last():
    assert faults(plan_text("{kind: monthly, day: 31, text: 每月31日前}")) == [
        (RULE_LINE, "deliverables[0].rule.day", "month 2 has no day 31; write day: last for the month's end")
    ]


def test_a_quarterly_rule_is_not_due_days_after_the_notice_is_issued():
    """Issued on 28 September, "每季度…上报" is first due at the end of December, not on 30 September:
    a repeating deadline falls at least 14 days after the issue."""
    assert dues("{kind: every, months: 3, within: span, text: 每季度上报}")[:2] == [
        date(2024, 12, 31),
        date(2025, 3, 31),
    ]


# --- 3. duties with no time limit, and after an event ---------------------------------------------


def test_a_duty_with_no_time_limit_is_scheduled_undated():
    """ "汇总后上报国家卫生健康委": no deadline; the duty is listed, undated, as open-ended."""
    [deadline] = schedule(parse_plan(plan_text("{kind: open, text: 汇总后上报国家卫生健康委}"), "notice.yaml"))
    assert (deadline.due, deadline.kind, deadline.units) == (None, "open", ("cities", "cdc"))


def test_an_event_with_no_offset_and_one_with_both_offsets():
    """ "发现问题后及时上报": after an event, with no days or months; giving both is a fault."""
    assert dues("{kind: after_event, event: 发现问题, text: 发现问题后及时上报}") == [None]
    assert faults(plan_text("{kind: after_event, event: 发现, days: 5, months: 1, text: 后}")) == [
        (RULE_LINE, "deliverables[0].rule", "give days or months, not both")
    ]


# --- 4. who receives it -------------------------------------------------------------------------


def recipient_plan(to: str) -> str:
    return plan_text("{kind: open, text: 汇总后上报}").replace(
        "    submitter: all\n", f"    submitter: all\n    to: {to}\n"
    )


def test_a_recipient_is_a_unit_of_the_plan_or_an_organ_named_in_words():
    """ "结果报省卫生健康委" (a unit of the plan) and "汇总后上报国家卫生健康委" (an organ above it)."""
    plan = parse_plan(recipient_plan("wjw"), "notice.yaml")
    assert (schedule(plan)[0].to, plan.recipient(plan.deliverables[0])) == ("wjw", "省卫生健康委")
    plan = parse_plan(recipient_plan("国家卫生健康委"), "notice.yaml")
    assert (schedule(plan)[0].to, plan.recipient(plan.deliverables[0])) == ("国家卫生健康委", "国家卫生健康委")


def test_a_recipient_that_is_neither_a_unit_nor_a_named_organ():
    assert faults(recipient_plan("nhc")) == [
        (
            RULE_LINE,
            "deliverables[0].to",
            "nhc is not a unit of the plan; name an organ outside the body in words, e.g. 国家卫生健康委",
        )
    ]


# --- 2. phases shared by the actions, and rules counted from a phase ---------------------------------

ACTIONS = """\
actions:
  - {code: a1, title: 申报扩面行动}
  - {code: a2, title: 中小微企业帮扶行动}
  - {code: a3, title: 提质合规行动}
phases:
"""


def test_one_set_of_phases_serves_every_action():
    """ "（一）部署启动…（二）组织实施…（三）总结评估": the notice gives the steps once for all its
    annexes, so the phases name no action, and no action has phases of its own."""
    plan = parse_plan(
        plan_text("{kind: phase, at: end, text: 部署启动阶段结束前}", "mobilize").replace("phases:\n", ACTIONS),
        "notice.yaml",
    )
    assert [a.code for a in plan.actions] == ["a1", "a2", "a3"]
    assert {plan.span_of(p) for p in plan.phases} == {(date(2024, 9, 28), date(2025, 12, 31))}
    assert [d.due for d in schedule(plan)] == [date(2024, 10, 31)]


def test_the_middle_and_the_later_part_of_the_implement_phase():
    """ "在实施过程中期和后期…开展阶段性评估，结果报省卫生健康委": one evaluation at the middle of the
    implement phase (2024-11-01..2025-10-31), one in its last two months, due at its end."""
    assert dues("{kind: phase, phase: implement, at: middle, text: 实施过程中期}", "evaluate") == [date(2025, 5, 2)]
    text = plan_text("{kind: phase, last: {months: 2}, text: 实施过程后期}")
    [late] = schedule(parse_plan(text, "notice.yaml"))
    assert (late.opens, late.due) == (date(2025, 9, 1), date(2025, 10, 31))
    assert dues("{kind: phase, at: start, text: 组织实施阶段开始时}") == [date(2024, 11, 1)]


def test_every_quarter_inside_another_phase():
    """ "组织实施阶段每季度末报送进展": each quarter's end inside the implement phase, for a deliverable
    that belongs to the evaluation."""
    assert dues("{kind: quarterly, day: last, phase: implement, text: 每季度末}", "evaluate") == [
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
    ]


def test_a_rule_naming_a_phase_that_does_not_exist_and_a_window_outside_its_phase():
    assert faults(plan_text("{kind: phase, phase: implementation, at: middle, text: 中期}")) == [
        (RULE_LINE, "deliverables[0].rule.phase", "implementation is not a phase of the plan")
    ]
    assert faults(plan_text("{kind: phase, last: {months: 3}, text: 后三个月}", "mobilize")) == [
        (
            RULE_LINE,
            "deliverables[0].rule.last",
            "the last 3 months would begin on 2024-08-01, before the phase does (2024-09-28)",
        )
    ]


# --- 6. targets, periods of years, a baseline -------------------------------------------------------

INDICATOR = """\
indicators:
  - code: i
    title: 指标
    measure: "%"
    target: {target}
    reported_by: [cities]
    period: {period}
"""


def with_indicator(target: str, period: str = "year", baseline: str = "") -> str:
    text = plan_text("{kind: open, text: 上报}") + INDICATOR.replace("{target}", target).replace("{period}", period)
    return text.replace("end: 2025-12-31\n", f"end: 2025-12-31\n{baseline}", 1)


def test_strictly_more_and_less():
    """ "覆盖率高于90%" and "发生率低于1%": strict targets."""
    plan = parse_plan(with_indicator('{op: ">", value: 90, text: 高于90%}'), "notice.yaml")
    assert (plan.indicators[0].target.op, plan.indicators[0].target.value) == (">", 90)
    assert parse_plan(with_indicator('{op: "<", value: 1, text: 低于1%}'), "notice.yaml").indicators[0].target.op == "<"


def test_a_number_compared_on_a_qualitative_indicator_is_a_fault():
    text = with_indicator("{op: qualitative, text: 稳步提升}").replace(
        "    period: year\n", '    period: year\n    milestones:\n      2025: {op: ">", value: 90}\n'
    )
    [(line, field, message)] = faults(text)
    assert (field, message) == (
        "indicators[0].milestones.2025.op",
        "> compares numbers, but the indicator's target is in words only",
    )


def test_an_indicator_reported_every_two_years():
    """ "质控覆盖率每两年达到100%": one value per two years."""
    plan = parse_plan(with_indicator('{op: ">=", value: 100}', "{years: 2}"), "notice.yaml")
    assert plan.indicators[0].period == "2y"


def test_a_baseline_is_a_year_before_the_span():
    """ "主要指标（与2020年数值比较）" for a plan of 2021—2025; a baseline inside the span is a fault."""
    assert (
        parse_plan(with_indicator('{op: ">=", value: 1}', baseline="baseline: 2023\n"), "notice.yaml").baseline == 2023
    )
    assert faults(with_indicator('{op: ">=", value: 1}', baseline="baseline: 2024\n")) == [
        (7, "baseline", "2024 lies inside the span: a baseline is a year before 2024")
    ]


# --- 7. a file in the older format -------------------------------------------------------------------


def test_validate_tells_a_file_in_the_older_format_what_to_change_line_by_line(tmp_path):
    """A file written when the runner added implementation plans and reviews of its own, and had no
    recipients: still valid, with a note for each thing to declare, at its line."""
    path = tmp_path / "old.yaml"
    path.write_text(
        plan_text("{kind: open, text: 结果报省卫生健康委}").replace("title: 报送", "title: 结果报省卫生健康委")
    )
    result = CliRunner().invoke(plan_command, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        f"{path}:11: phases: a run no longer holds quarterly dispatch reviews and a stage evaluation by itself: "
        "if the plan asks for them, declare them under reviews: (note)",
        f"{path}:15: deliverables: a run no longer asks every unit for its implementation plan (制定本单位实施方案) "
        "by itself: if the plan asks for one, mark that deliverable implementation_plan: true (note)",
        f"{path}:17: deliverables[0].title: names 省卫生健康委: if it goes there, add to: wjw (note)",
    ]
    path.write_text(recipient_plan("wjw"))  # a field of the newer format: nothing to say
    assert CliRunner().invoke(plan_command, ["validate", str(path)]).output.count("\n") == 1


def test_a_run_s_once_only_tasks_fall_due_once():
    """The implementation plan ("各地…制定本地区实施方案") and the stage evaluation each have one date."""
    text = plan_text("{kind: quarterly, day: last, text: 每季度}", "mobilize").replace(
        "    submitter: all\n", "    submitter: all\n    implementation_plan: true\n"
    )
    text = text.replace(
        "kind: mobilize, start: 2024-09-28, end: 2024-10-31", "kind: mobilize, start: 2024-09-28, end: 2025-03-31"
    )
    text = text.replace(
        "{code: implement, title: 组织实施, kind: implement, start: 2024-11-01",
        "{code: implement, title: 组织实施, kind: implement, start: 2025-04-01",
    )
    assert faults(text) == [
        (RULE_LINE + 1, "deliverables[0].rule", "the implementation plan falls due once: give a rule with one date")
    ]
