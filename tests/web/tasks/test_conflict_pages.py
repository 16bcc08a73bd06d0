"""A 409 says what actually happened: who did the task and when (to the one who did it, that it
was them), or that someone changed the record meanwhile, never blaming 他人 by default."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask import abort

from engine.annual import cycles
from engine.core.clock import SHANGHAI
from engine.core.errors import DeadlinePassed, NoLongerOpen

DONE_BY_ME = "您已于 2026-11-23 周一 10:00 办理此事项，无需再次提交。"
DONE_BY_THE_OFFICE = "此事项已由 办公室工作人员 于 2026-11-23 周一 10:00 办理，无需再次提交。"
ON_BEHALF = {"acknowledged": "on", "reason": "联络员出差"}
ANNUAL_STARTED = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)  # the demo city starts its 2026 summary


@pytest.fixture
def minutes(open_task, held) -> str:
    """The market regulator's receipt of the held meeting's minutes, still open."""
    return open_task(held, "receive_minutes", unit="scjgj").id


def test_a_draft_for_a_task_one_did_meanwhile_says_it_was_oneself(signed_in, post, minutes):
    liaison = signed_in("liaison.scjgj")
    assert post(liaison, f"/tasks/{minutes}/complete", {"acknowledged": "on"}).status_code == 302
    late = post(liaison, f"/tasks/{minutes}/draft", {"note": "稍后再看"})  # the page left open in another tab
    assert late.status_code == 409
    assert DONE_BY_ME in late.text
    assert "他人" not in late.text and "事项已办结" not in late.text


def test_a_draft_for_a_task_done_by_someone_else_names_them(signed_in, post, minutes):
    assert post(signed_in("office.staff"), f"/tasks/{minutes}/on-behalf", ON_BEHALF).status_code == 302
    late = post(signed_in("liaison.scjgj"), f"/tasks/{minutes}/draft", {"note": "稍后再看"})
    assert late.status_code == 409
    assert DONE_BY_THE_OFFICE in late.text
    assert "事项已办结" not in late.text


def test_reassigning_a_task_done_meanwhile_names_who_did_it(signed_in, post, minutes):
    assert post(signed_in("liaison.scjgj"), f"/tasks/{minutes}/complete", {"acknowledged": "on"}).status_code == 302
    late = post(signed_in("office.staff"), f"/tasks/{minutes}/reassign", {"assignee": "unit:yjj", "reason": "出差"})
    assert late.status_code == 409
    assert "此事项已由" in late.text and "于 2026-11-23 周一 10:00 办理，无需再次提交。" in late.text
    assert "事项已办结" not in late.text


def test_reassigning_a_task_one_did_oneself_says_so(signed_in, post, minutes):
    office = signed_in("office.staff")
    assert post(office, f"/tasks/{minutes}/on-behalf", ON_BEHALF).status_code == 302
    late = post(office, f"/tasks/{minutes}/reassign", {"assignee": "unit:yjj", "reason": ""})
    assert late.status_code == 409  # not a 422 for the missing reason on a form no longer shown
    assert DONE_BY_ME in late.text and "他人" not in late.text


def test_a_record_changed_meanwhile_says_so_without_blaming_a_task(app, clock, signed_in, post):
    """Two of the office save the annual summary from the same version: the second save is stale."""
    cycles.start_due_cycles(app.extensions["lianxi"].db, ANNUAL_STARTED)
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI))
    office = signed_in("office.staff")
    assert post(office, "/annual/2026/compile", {"text": "# 年度总结", "based_on": "0"}).status_code == 302
    stale = post(office, "/annual/2026/compile", {"text": "# 另一稿", "based_on": "0"})
    assert stale.status_code == 409
    assert "内容已被更新" in stale.text
    assert "在您操作期间，其他人修改了此事项，您的操作未被保存。请刷新页面查看最新内容后重试。" in stale.text
    assert "他人办理" not in stale.text and "事项已办结" not in stale.text


def _refuse(error):
    def view():
        raise error

    return view


@pytest.mark.parametrize(
    "view",
    [lambda: abort(409), _refuse(NoLongerOpen("item 7 is closed"))],
    ids=["werkzeug", "engine"],
)
def test_a_bare_no_longer_open_reads_neutrally(app, signed_in, view):
    """Where no route says who did what: nobody is blamed, and never Werkzeug's English page."""
    app.add_url_rule("/test-conflict", "test_conflict", view)
    page = signed_in("office.staff").get("/test-conflict")
    assert page.status_code == 409
    assert "事项已不可办理" in page.text
    assert "此事项已办理完毕或已撤销，无需再次操作。请刷新页面查看当前状态。" in page.text
    assert "他人" not in page.text


def test_a_deadline_passed_says_so(app, signed_in):
    app.add_url_rule("/test-conflict", "test_conflict", _refuse(DeadlinePassed("closed at its deadline")))
    page = signed_in("office.staff").get("/test-conflict")
    assert page.status_code == 409
    assert "征集已截止，此事项已按流程规定关闭，本次提交未被接受。" in page.text
    assert "他人" not in page.text
