"""Decided items shown beside a task read as a table of units by name, not as raw coded lines;
each unit's co-signature or suggestion reads as a row with its decision or topics."""

from __future__ import annotations

import re

from engine.demo import walkthrough
from engine.workflow import timers
from tests.conftest import sign_in
from tests.web import meeting_setup as setup
from webui.common import display

UNITS = {"wjj": "区卫生健康局", "rsj": "区人力资源和社会保障局", "zgh": "区总工会"}


def _items_table(html: str) -> str:
    found = re.search(r'<table class="[^"]*shown-items[^"]*">.*?</table>', html, re.S)
    assert found, "no decided-items table on the page"
    return found.group(0)


def test_cosign_task_shows_decided_items_as_a_table_of_unit_names(db, clock, signed_in):
    instance = setup.cosigning(db, clock)
    task = walkthrough.open_task(db, instance, "cosign_minutes", "yjj")
    page = signed_in("liaison.yjj").get(f"/tasks/{task.id}")
    assert page.status_code == 200
    table = _items_table(page.text)
    for heading in ("事项", "牵头单位", "配合单位", "完成时限"):
        assert f">{heading}</th>" in table
    rows = re.findall(r"<tr>\s*(.*?)\s*</tr>", table.split("<tbody>")[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    assert cells == [
        ["起草年度工作要点", "区卫生健康局", "区人力资源和社会保障局、区总工会", "2026-12-31"],
        ["开展专项检查", "区应急管理局", "—", "2027-01-31"],
    ]
    assert "｜" not in table  # no raw line is left


def test_the_page_speaks_english_headings(db, clock, app):
    instance = setup.cosigning(db, clock)
    task = walkthrough.open_task(db, instance, "cosign_minutes", "yjj")
    client = sign_in(app.test_client(), "liaison.yjj")
    page = client.get(f"/tasks/{task.id}", headers={"Accept-Language": "en-US"})
    table = _items_table(page.text)
    assert ">Lead unit</th>" in table and ">Due</th>" in table


def test_a_line_without_four_parts_is_shown_as_written():
    rows = display.decided_items("起草年度工作要点｜wjj｜rsj，zgh｜2026-12-31\n另行研究的事项｜wjj\n\n", UNITS)
    assert rows[0] == display.DecidedItem(
        text="起草年度工作要点",
        lead="区卫生健康局",
        cooperating=("区人力资源和社会保障局", "区总工会"),
        due="2026-12-31",
    )
    assert rows[1] == display.DecidedItem(raw="另行研究的事项｜wjj")
    assert len(rows) == 2  # blank lines are not rows


def test_an_unknown_code_is_shown_as_the_code():
    (row,) = display.decided_items("事项｜xyz｜wjj、abc｜2027-01-31", UNITS)
    assert row.lead == "xyz" and row.cooperating == ("区卫生健康局", "abc")


def test_the_mediation_page_shows_each_units_decision_and_reason(db, clock, signed_in):
    instance = setup.cosigning(db, clock)
    dissent = {"decision": "disagree", "comment": "第二项时限过紧"}
    walkthrough.act(db, "liaison.yjj", instance, "cosign_minutes", dissent, clock.now(), unit="yjj")
    setup.cosign_rest(db, instance, clock.now())
    task = walkthrough.open_task(db, instance, "mediate")
    page = signed_in("office.staff").get(f"/tasks/{task.id}")
    found = re.search(r'<table class="[^"]*shown-answers[^"]*">.*?</table>', page.text, re.S)
    assert found, "no co-signatures table on the page"
    row = re.search(r"<tr>\s*<td[^>]*>区应急管理局</td>.*?</tr>", found.group(0), re.S).group(0)
    assert "badge-decision-disagree" in row and "不同意" in row and "第二项时限过紧" in row
    assert found.group(0).count("badge-decision-agree") == len(setup.ATTENDED) - 1
    assert ">会签意见</th>" in found.group(0) and "cosignatures" not in page.text


def test_the_office_has_the_unit_codes_at_hand_when_drafting_minutes(app, clock, signed_in):
    instance_id = walkthrough.proposed(
        app.extensions["lianxi"].db, clock.now(), ["wjj", "rsj"], clock.now(), "编码测试会议"
    )
    walkthrough.act(
        app.extensions["lianxi"].db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "approve", "chair": "office.director"},
        clock.now(),
    )
    timers.fire_due_timers(app.extensions["lianxi"].db, clock.now().replace(hour=23))
    task = walkthrough.open_task(app.extensions["lianxi"].db, instance_id, "record_minutes")
    page = signed_in("office.staff").get(f"/tasks/{task.id}").text
    assert "单位代码一览" in page and "<code>scjgj</code>" in page and "区市场监督管理局" in page
