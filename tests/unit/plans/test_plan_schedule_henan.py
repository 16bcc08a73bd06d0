"""The deadlines of the provincial notice (河南省职业病防治“三项行动”实施方案, 豫卫职健〔2024〕7号), typed by hand
from the notice — not generated — against what plans/henan_2024_three_actions.yaml schedules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine.plans import load_plan, schedule

HENAN = Path(__file__).parents[3] / "plans" / "henan_2024_three_actions.yaml"
LOCALITIES = ("hn_cities", "hn_jy", "hn_hkg")  # 各省辖市、济源示范区、航空港区
PROVINCIAL_HOSPITAL = ("hn_sy",)  # 河南省第三人民医院（省三院）

# (due, deliverable, phase, who submits), each with the notice's sentence.
EXPECTED = [
    # 附件1: "7月10日前，将“数据库”反馈至省卫生健康委职业健康处" (省三院)
    (date(2024, 7, 10), "a1.database", "a1.all", PROVINCIAL_HOSPITAL),
    # 附件2: "各省辖市、济源示范区、航空港区于每年7月30日前将辖区内帮扶对象名单……报送"
    (date(2024, 7, 30), "a2.assistance_list", "a2.mobilize", LOCALITIES),
    # 附件1: "7月份，省卫生健康委将整理……用人单位名单"
    (date(2024, 7, 31), "a1.screening_sources", "a1.all", ("hn_wjw",)),
    # 附件2, 附件3 动员部署（2024年7月）: "要结合本地实际，明确行动范围、目标、任务、时间节点和工作措施"
    (date(2024, 7, 31), "a2.implementation_plan", "a2.mobilize", LOCALITIES),
    (date(2024, 7, 31), "a3.implementation_plan", "a3.mobilize", LOCALITIES),
    # 附件3: "于2024年8月31日前将相关信息报省卫生健康委职业健康处" (各级疾控中心、职业病防治院所)
    (date(2024, 8, 31), "a3.selfcheck", "a3.selfcheck", ("hn_cdc",)),
    # 附件1: "并于9月1日前将核实确认信息报职业健康处"
    (date(2024, 9, 1), "a1.verification", "a1.all", LOCALITIES),
    # 附件1: "每个季度进行1次信息比对" — by each quarter's end
    (date(2024, 9, 30), "a1.comparison", "a1.all", LOCALITIES),
    # 附件1: "要在每个季度最后一个月30日前向省卫生健康委报告1次“数据库”补充信息情况"
    (date(2024, 9, 30), "a1.database_update", "a1.all", LOCALITIES),
    # 附件1/2/3: "分别于2024年12月10日、2025年12月10日前将工作报告电子版……报送"
    (date(2024, 12, 10), "a1.report", "a1.all", LOCALITIES),
    (date(2024, 12, 10), "a2.report", "a2.evaluate", LOCALITIES),
    (date(2024, 12, 10), "a3.report", "a3.evaluate", LOCALITIES),
    (date(2024, 12, 30), "a1.database_update", "a1.all", LOCALITIES),
    (date(2024, 12, 31), "a1.comparison", "a1.all", LOCALITIES),
    # 附件3: "省三院要于2024年底……将全省确认机构名单报送省卫生健康委职业健康处"
    (date(2024, 12, 31), "a3.confirmed_list_2024", "a3.implement", PROVINCIAL_HOSPITAL),
    (date(2025, 3, 30), "a1.database_update", "a1.all", LOCALITIES),
    (date(2025, 3, 31), "a1.comparison", "a1.all", LOCALITIES),
    (date(2025, 6, 30), "a1.comparison", "a1.all", LOCALITIES),
    (date(2025, 6, 30), "a1.database_update", "a1.all", LOCALITIES),
    (date(2025, 7, 30), "a2.assistance_list", "a2.mobilize", LOCALITIES),
    (date(2025, 9, 30), "a1.comparison", "a1.all", LOCALITIES),
    (date(2025, 9, 30), "a1.database_update", "a1.all", LOCALITIES),
    (date(2025, 12, 10), "a1.report", "a1.all", LOCALITIES),
    (date(2025, 12, 10), "a2.report", "a2.evaluate", LOCALITIES),
    (date(2025, 12, 10), "a3.report", "a3.evaluate", LOCALITIES),
    (date(2025, 12, 30), "a1.database_update", "a1.all", LOCALITIES),
    (date(2025, 12, 31), "a1.comparison", "a1.all", LOCALITIES),
    # Due on an event, so no date: "发现……后，要在1个月内完成相关线索核实确认"
    (None, "a1.clue_check", "a1.all", LOCALITIES),
    # "……及启动2025年职业病防治项目前，分别将全省确认机构名单报送"
    (None, "a3.confirmed_list_2025", "a3.implement", PROVINCIAL_HOSPITAL),
]


def test_the_henan_schedule_is_exactly_the_deadlines_the_notice_states():
    deadlines = schedule(load_plan(HENAN))
    assert [(d.due, d.deliverable, d.phase, d.units) for d in deadlines] == EXPECTED


def test_each_deadline_keeps_the_notice_s_own_words():
    words = {(d.deliverable, d.rule_text) for d in schedule(load_plan(HENAN))}
    assert ("a2.assistance_list", "每年7月30日前") in words
    assert ("a1.database_update", "每个季度最后一个月30日前") in words
    assert ("a3.selfcheck", "2024年8月31日前") in words
    assert ("a1.report", "分别于2024年12月10日、2025年12月10日前") in words


def test_the_three_actions_keep_their_own_phases_as_the_notice_gives_them():
    plan = load_plan(HENAN)
    phases = {p.code: p for p in plan.phases}
    assert [p.code for p in plan.phases if p.action == "a3"] == [
        "a3.mobilize",
        "a3.selfcheck",
        "a3.implement",
        "a3.evaluate",
    ]
    # 工作实施阶段（2024年8月—2025年10月）; 总结评估阶段（2024年12月、2025年11—12月）
    assert (phases["a2.implement"].start, phases["a2.implement"].end) == (date(2024, 8, 1), date(2025, 10, 31))
    assert phases["a2.evaluate"].parts() == (
        (date(2024, 12, 1), date(2024, 12, 31)),
        (date(2025, 11, 1), date(2025, 12, 31)),
    )
    # 梳理自查（2024年7—9月） overlaps 提质整改（2024年9月—2025年10月）
    assert phases["a3.selfcheck"].end > phases["a3.implement"].start


def test_the_targets_are_the_notice_s():
    indicators = {i.code: i for i in load_plan(HENAN).indicators}
    assisted = indicators["a2.enterprises_assisted"]
    assert (assisted.measure, assisted.target.op, assisted.target.value) == ("家", ">=", 20)
    assert sorted(assisted.milestones) == [2024, 2025]
    assert indicators["a3.case_report_rate"].target.value == 95
    assert indicators["a3.qc_coverage"].target.text == "质控覆盖率每两年达到100%"


def test_scheduling_is_pure_and_repeatable():
    plan = load_plan(HENAN)
    assert schedule(plan) == schedule(plan)
