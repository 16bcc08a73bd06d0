"""The inbox: who sees what, how urgency reads, and the office's view of everything open."""

from __future__ import annotations

import re


def rows(html: str) -> list[str]:
    return re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S)[1:]  # without the header row


def test_director_sees_the_decision_awaiting_them(signed_in):
    page = signed_in("office.director").get("/inbox")
    assert page.status_code == 200
    assert "审定会议" in page.text
    assert "研究部署职业病危害专项治理工作" in page.text  # the instance it belongs to
    assert "办公室主任" in page.text  # to whom: the director's role


def test_decision_due_within_three_days_is_marked_due_soon(signed_in):
    page = signed_in("office.director").get("/inbox")
    decision = next(r for r in rows(page.text) if "审定会议" in r)
    assert "即将到期" in decision
    assert "2026-11-26 周四" in decision  # the due date, in Asia/Shanghai with its weekday
    assert "已逾期" not in decision


def test_late_receipt_is_marked_overdue(signed_in):
    page = signed_in("liaison.scjgj").get("/")
    receipt = next(r for r in rows(page.text) if "签收会议纪要" in r)
    assert "区市场监督管理局" in receipt  # addressed to the unit
    assert "badge-overdue" in receipt
    assert re.search(r"已逾期 \d+ 天", receipt)
    assert "筹备联席会议全体会议" in receipt


def test_a_unit_sees_only_its_own_tasks(signed_in):
    page = signed_in("liaison.scjgj").get("/")
    found = rows(page.text)
    assert len(found) == 2 and all("区市场监督管理局" in row for row in found)  # its receipt and its co-signature
    assert "审定会议" not in page.text


def test_empty_inbox_says_so_kindly(signed_in):
    page = signed_in("liaison.jyj").get("/")  # the education bureau has nothing open
    assert page.status_code == 200
    assert "暂无待办事项" in page.text
    assert "<table" not in page.text


def test_filter_tabs_split_by_addressee(signed_in):
    director = signed_in("office.director")
    assert "审定会议" in director.get("/inbox?show=role").text
    assert "审定会议" not in director.get("/inbox?show=unit").text
    assert "审定会议" not in director.get("/inbox?show=mine").text
    assert "审定会议" in director.get("/inbox?show=nonsense").text  # an unknown tab shows everything
    receipt_page = signed_in("liaison.scjgj").get("/?show=unit")
    assert "签收会议纪要" in receipt_page.text


def test_inbox_in_english(signed_in):
    page = signed_in("liaison.scjgj").get("/?lang=en")
    assert "Acknowledge the minutes" in page.text
    assert re.search(r"Overdue by \d+ days", page.text)
    assert "Inbox" in page.text
    assert "签收会议纪要" not in page.text


def test_office_sees_all_open_tasks_of_the_body(signed_in):
    staff = signed_in("office.staff")
    assert "全部在办事项" in staff.get("/").text
    page = staff.get("/tasks")
    assert page.status_code == 200
    found = rows(page.text)
    # the decision, four late receipts, twelve co-signatures still owed, eleven steps of the
    # supervised decided items (engine/demo/supervision.py), and the demo plan's two implementation
    # plans still owed and its first deliverable (engine/demo/plans.py)
    assert len(found) == 31
    for unit in ("区市场监督管理局", "桂林市七星生态环境局", "区总工会", "区卫生计生监督所"):
        assert any(unit in row for row in found)
    assert "overdue" in found[0]  # the most urgent first


def test_convener_sees_all_open_tasks_too(signed_in):
    assert signed_in("convener").get("/tasks").status_code == 200


def test_all_open_tasks_are_not_for_liaisons(signed_in):
    liaison = signed_in("liaison.scjgj")
    assert "全部在办" not in liaison.get("/").text
    response = liaison.get("/tasks")
    assert response.status_code == 403
    assert "审定会议" not in response.text
