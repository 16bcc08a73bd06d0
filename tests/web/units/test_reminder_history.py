"""催办记录 on the task page and on a unit's page: every reminder, automatic or by hand, with its
deliveries — to whom, through which channel, delivered or not."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.reminders.models import OutboxMessage, Reminder
from engine.reminders.planning import plan_due


@pytest.fixture
def planned(app, clock, held, open_task):
    """The scheduler's planning pass a day after the demo's "now": the late receipts have had
    their advance, due-date and overdue reminders and one escalation. Then the outbox has sent
    some: the liaison's first reminder delivered, the trade-union deputy's escalation failed."""
    clock.advance(days=1)
    db = app.extensions["lianxi"].db
    plan_due(db, clock.now())
    task = open_task(held, "receive_minutes", unit="scjgj")
    with db.write_session() as session:
        messages = session.scalars(
            select(OutboxMessage).join(Reminder).where(Reminder.task_id == task.id).order_by(OutboxMessage.id)
        ).all()
        sent = next(m for m in messages if m.reminder.kind == "before")
        sent.status, sent.sent_at, sent.attempts = "sent", clock.now(), 1
        failed = next(m for m in messages if m.recipient == "office.deputy2")
        failed.status, failed.attempts, failed.last_error = "failed", 8, "SMTP 550 mailbox unavailable"
        session.commit()
    return task


def _records(html: str) -> str:
    return html[html.index('id="reminders"') :]


def test_the_task_page_lists_every_reminder_and_its_deliveries(signed_in, planned):
    records = _records(signed_in("office.staff").get(f"/tasks/{planned.id}").text)
    for kind in ("到期前提醒", "到期提醒", "逾期催办", "逾期通报"):
        assert kind in records
    assert "补发" in records  # planned while no scheduler ran: recorded late, still sent
    assert "催办人：系统" in records
    for name in ("区市场监督管理局联络员", "办公室主任", "办公室副主任（工会）", "区市场监督管理局成员"):
        assert name in records  # the escalation reached the office and the unit's leader
    assert "站内" in records
    assert "已送达" in records and "待发送" in records
    assert "发送失败" in records and "SMTP 550 mailbox unavailable" in records


def test_a_manual_reminder_names_who_sent_it_and_why(signed_in, post, held, planned):
    staff = signed_in("office.staff")
    note = "<b>请今日签收</b>"
    assert post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes", "note": note}).status_code == 302
    records = _records(staff.get(f"/tasks/{planned.id}").text)
    assert "人工催办" in records and "催办人：办公室工作人员" in records
    assert "&lt;b&gt;请今日签收&lt;/b&gt;" in records and note not in records
    assert records.index("人工催办") < records.index("逾期通报")  # newest first


def test_a_unit_sees_the_reminders_on_its_own_task(signed_in, planned):
    page = signed_in("liaison.scjgj").get(f"/tasks/{planned.id}")
    assert page.status_code == 200
    assert "逾期催办" in _records(page.text)


def test_a_task_never_reminded_says_so(signed_in, proposed, open_task):
    task = open_task(proposed, "decide_meeting")  # due in three days: its first reminder is tomorrow
    assert "此事项尚未催办。" in signed_in("office.staff").get(f"/tasks/{task.id}").text


def test_the_unit_page_shows_its_people_tasks_and_reminders(signed_in, planned):
    page = signed_in("office.staff").get("/units/scjgj")
    assert page.status_code == 200
    assert "<h1>区市场监督管理局</h1>" in page.text
    assert "区市场监督管理局联络员" in page.text
    assert f"/tasks/{planned.id}" in page.text and "签收会议纪要" in page.text
    records = _records(page.text)
    assert "逾期通报" in records and "发送失败" in records and "筹备联席会议全体会议" in records
    assert "区总工会" not in records  # only this unit's reminders


def test_who_may_open_a_unit_page(signed_in, planned):
    assert signed_in("liaison.scjgj").get("/units/scjgj").status_code == 200  # their own unit
    assert signed_in("convener").get("/units/scjgj").status_code == 200
    assert signed_in("office.director").get("/units/zgh").status_code == 200
    assert signed_in("liaison.scjgj").get("/units/zgh").status_code == 404
    assert signed_in("office.staff").get("/units/no-such-unit").status_code == 404


def test_the_unit_page_is_linked_where_a_unit_is_named(signed_in, held, planned):
    staff = signed_in("office.staff")
    matrix = staff.get(f"/instances/{held}").text
    assert "/units/scjgj#reminders" in matrix
    assert 'href="/units/scjgj"' in staff.get(f"/tasks/{planned.id}").text
    liaison_view = signed_in("liaison.scjgj").get(f"/instances/{held}").text
    assert "/units/scjgj#reminders" in liaison_view and "/units/zgh" not in liaison_view


def test_reminder_records_speak_english(signed_in, planned):
    client = signed_in("office.staff")
    task_page = client.get(f"/tasks/{planned.id}?lang=en").text
    for words in ("Reminder record", "Overdue escalation", "Advance reminder", "Delivered", "Failed", "In-app"):
        assert words in task_page
    assert "催办记录" not in task_page and "逾期通报" not in task_page
    unit_page = client.get("/units/scjgj?lang=en").text
    assert "Reminder record" in unit_page and "Sent late" in unit_page and "补发" not in unit_page
