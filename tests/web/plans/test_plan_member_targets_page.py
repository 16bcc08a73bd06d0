"""A run of a plan with a target each county must meet and a subsidy computed per enterprise:
what the reporting units are asked, how their reports are judged, and the plan page's table."""

from __future__ import annotations

from datetime import date

import pytest
from plan_run_helpers import SMALL_PLAN, at, complete, plan_tasks, start_plan

from engine import background
from engine.core.errors import InvalidData
from engine.plan_runs import indicators
from engine.plan_runs.models import PlanRun
from engine.plan_runs.runs import plan_of

MORE = """
  - code: clinics
    title: 承担职业健康检查工作的公立医疗卫生机构
    measure: 家
    members: 县（市、区）
    target: {op: ">=", value: 1, text: 县（市、区）至少有1家公立医疗卫生机构承担职业健康检查工作}
    reported_by: [rsj, zgh]
    period: half
  - code: subsidy
    title: 帮扶工作经费补助金额
    measure: 元
    computed: {product: helped, times: 2000, text: 以各地重点帮扶中小微企业数量，每家2000元测算补助金额}
    target: {op: qualitative, aggregate: total, text: 予以经费补助}
    reported_by: [rsj, zgh]
    period: half
"""


def test_counties_meeting_a_target_and_a_subsidy_per_enterprise_in_a_run(db, settings, signed_in, clock):
    run_id = start_plan(db, at(date(2026, 12, 20), 10, 0), SMALL_PLAN.read_text(encoding="utf-8") + MORE)
    background.run_pass(db, settings, at(date(2027, 6, 30)))
    reports = {t.assignee: t for t in plan_tasks(db) if t.name == "report_indicators"}
    asked = reports["rsj"].shown["indicator_list"]
    assert "每个县（市、区）均须达到：填写达到的县（市、区）数/县（市、区）总数" in asked
    assert "subsidy" not in asked and reports["rsj"].shown["prefilled_values"] == "helped｜\nclinics｜"
    with pytest.raises(InvalidData):  # four counties meeting it of three
        complete(
            db, "liaison.rsj", reports["rsj"], {"indicator_values": "helped｜15\nclinics｜4/3"}, at(date(2027, 7, 1))
        )
    complete(db, "liaison.rsj", reports["rsj"], {"indicator_values": "helped｜15\nclinics｜3/3"}, at(date(2027, 7, 1)))
    complete(db, "liaison.zgh", reports["zgh"], {"indicator_values": "helped｜12\nclinics｜2／3"}, at(date(2027, 7, 1)))
    with db.read_session() as session:
        run = session.get(PlanRun, run_id)
        standing = {s.indicator.code: s for s in indicators.standings(session, run, plan_of(run))}
    clinics, subsidy = standing["clinics"], standing["subsidy"]
    assert (clinics.by_unit, clinics.members, clinics.on_track) == ({"rsj": 3, "zgh": 2}, {"rsj": 3, "zgh": 3}, False)
    assert (subsidy.by_unit, subsidy.rolled, subsidy.on_track) == ({"rsj": 30000, "zgh": 24000}, 54000, None)
    clock.set(at(date(2027, 7, 2), 10, 0))
    page = signed_in("office.staff").get(f"/plans/{run_id}").text
    shown = page[page.index('id="indicators"') : page.index('id="implementation-plans"')]
    assert "每个县（市、区）均须达到目标：5/6" in shown and "达标县（市、区）占比（%）" in shown
    assert '<td class="num">2/3</td>' in shown and '<td class="num">3/3</td>' in shown
    assert (
        "按方案计算：以各地重点帮扶中小微企业数量，每家2000元测算补助金额" in shown
        and "<strong>54000</strong>" in shown
    )
    # As a clerk reads it: the share rounded and named as a share, and a qualitative target with
    # values shown without a judgement, not as "no data".
    assert "最新一期 2027H1 达标县（市、区）占比（%）：<strong>83.33</strong>" in shown and "83.3333" not in shown
    assert "尚无数据" not in shown
