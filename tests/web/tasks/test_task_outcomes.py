"""What a task page tells once a task is done, and where it leads: the values it was completed
with, in the form's words; the supervised item a 督办 task serves; the material under review;
a process's history in words."""

from __future__ import annotations

import re
from datetime import timedelta

from annual_setup import cycle_of
from sqlalchemy import select
from task_states import ANNUAL_START

from engine.annual import cycles
from engine.supervision.models import SupervisedItem
from engine.workflow.models import HumanTask


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def test_a_finished_task_shows_what_was_decided(signed_in, open_task, held, read):
    task = read.scalar(select(HumanTask).where(HumanTask.instance_id == held, HumanTask.name == "decide_meeting"))
    done = section(signed_in("office.staff").get(f"/tasks/{task.id}").text, "decided")
    assert "<h2>已办</h2>" in done and "办理结果" in done
    assert re.search(r"<dt>审定意见</dt>\s*<dd>\s*<div class=\"prose\">同意召开</div>", done)
    assert "<dt>会议主持人</dt>" in done and "approve" not in done and "office.deputy" not in done
    english = section(signed_in("office.staff").get(f"/tasks/{task.id}?lang=en").text, "decided")
    assert "<dt>Decision</dt>" in english and "Approve" in english


def test_a_supervision_task_links_to_its_item(signed_in, read):
    task = read.scalar(select(HumanTask).where(HumanTask.name == "work_item", HumanTask.status == "open"))
    item = read.scalar(select(SupervisedItem).where(SupervisedItem.instance_id == task.instance_id))
    liaison = signed_in(f"liaison.{task.assignee}")
    page = liaison.get(f"/tasks/{task.id}").text
    assert f'督办事项：<a href="/supervision/items/{item.id}">{item.text}</a>' in page
    assert liaison.get(f"/supervision/items/{item.id}").status_code == 200


def test_the_history_names_a_closing_at_the_deadline(signed_in, instance_id):
    page = signed_in("office.staff").get(f"/instances/{instance_id('年度全体会议')}").text
    shown = re.sub(r"<[^>]+>", " ", page)  # in class names it stays: it is not read
    assert "到期未办理，按规定关闭" in shown and "closed_at_due" not in shown
    assert "按流程规定办结" not in shown  # 办结 is the office's closing of a supervised item


def test_the_office_reviews_the_material_itself(app, clock, signed_in, post, open_task):
    """审阅单位报送材料 shows what the unit sent, and names the unit, not its record."""
    cycles.start_due_cycles(app.extensions["lianxi"].db, ANNUAL_START)
    clock.set(ANNUAL_START + timedelta(days=3))
    cycle = cycle_of(app.extensions["lianxi"].db, "qixing", 2026)
    task = open_task(cycle.instance_id, "submit_annual", unit="wjj")
    submission = {"summary": "全年开展宣传活动12场。", "plan": "宣传周活动｜宣传科｜4月", "topics": "联合执法"}
    assert post(signed_in("liaison.wjj"), f"/tasks/{task.id}/complete", submission).status_code == 302
    review = open_task(cycle.instance_id, "review_submission")
    page = signed_in("office.staff").get(f"/tasks/{review.id}").text
    under_review = section(page, "under-review")
    assert "全年开展宣传活动12场。" in under_review and "宣传周活动" in under_review
    assert "联合执法" in under_review
    assert re.search(r"<dt>报送单位</dt>\s*<dd>\s*<div class=\"prose\">区卫生健康局</div>", page)
    assert "code" not in re.sub(r"<[^>]+>", " ", page)
