"""一键催办 from an instance's page: the office reminds exactly the units still owing a step."""

from __future__ import annotations

from sqlalchemy import select

from engine.core.models import AuditEvent
from engine.reminders.models import Reminder

LATE_UNITS = {"scjgj", "sthjj", "zgh", "wsjds"}  # the demo's units yet to sign for the minutes


def _manual(read) -> list[Reminder]:
    read.rollback()
    return list(read.scalars(select(Reminder).where(Reminder.kind == "manual")))


def test_the_office_sees_the_form_with_how_many_units_owe(signed_in, held):
    page = signed_in("office.staff").get(f"/instances/{held}")
    assert "一键催办（4 个单位未办结）" in page.text
    assert 'data-confirm="确认向 4 个未办结单位发出催办？"' in page.text
    assert f'action="/instances/{held}/nag"' in page.text
    assert 'name="task_name" value="receive_minutes"' in page.text


def test_liaisons_never_see_the_form(signed_in, held):
    page = signed_in("liaison.scjgj").get(f"/instances/{held}")
    assert page.status_code == 200
    assert "一键催办" not in page.text and "/nag" not in page.text


def test_nag_reminds_exactly_the_units_still_owing(signed_in, post, held, read):
    staff = signed_in("office.staff")
    response = post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes", "note": "请今日下班前签收"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/instances/{held}"

    reminders = _manual(read)
    assert {r.unit for r in reminders} == LATE_UNITS
    assert len(reminders) == len(LATE_UNITS)
    assert all(r.created_by == "office.staff" and r.note == "请今日下班前签收" and not r.late for r in reminders)
    assert {m.recipient for r in reminders for m in r.messages} == {f"liaison.{u}" for u in LATE_UNITS}

    page = staff.get(f"/instances/{held}")
    assert "已向 4 个单位发出催办。" in page.text
    history = page.text[page.text.index("办理记录") :]
    assert ">催办<" in history and "签收会议纪要" in history  # the history names the step…
    assert "receive_minutes" not in history  # …not its BPMN id


def test_a_unit_that_answered_is_left_alone(signed_in, post, held, open_task, read):
    receipt = open_task(held, "receive_minutes", unit="scjgj")
    assert post(signed_in("liaison.scjgj"), f"/tasks/{receipt.id}/complete", {"acknowledged": "on"}).status_code == 302

    staff = signed_in("office.staff")
    assert "一键催办（3 个单位未办结）" in staff.get(f"/instances/{held}").text
    assert post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes"}).status_code == 302
    assert {r.unit for r in _manual(read)} == LATE_UNITS - {"scjgj"}


def test_a_liaison_cannot_nag(signed_in, post, held, read):
    seeing = post(signed_in("liaison.scjgj"), f"/instances/{held}/nag", {"task_name": "receive_minutes"})
    assert seeing.status_code == 403
    not_seeing = post(signed_in("liaison.yjj"), f"/instances/{held}/nag", {"task_name": "receive_minutes"})
    assert not_seeing.status_code == 404
    long_note = {"task_name": "receive_minutes", "note": "快" * 501}
    assert post(signed_in("liaison.scjgj"), f"/instances/{held}/nag", long_note).status_code == 403
    assert _manual(read) == []


def test_nag_needs_the_csrf_token(signed_in, held, read):
    response = signed_in("office.staff").post(f"/instances/{held}/nag", data={"task_name": "receive_minutes"})
    assert response.status_code == 400
    assert _manual(read) == []


def test_a_note_too_long_is_refused_and_kept(signed_in, post, held, read):
    response = post(
        signed_in("office.staff"), f"/instances/{held}/nag", {"task_name": "receive_minutes", "note": "快" * 501}
    )
    assert response.status_code == 422
    assert "催办说明不能超过 500 个字。" in response.text
    assert "快" * 501 in response.text  # what was typed is not lost
    assert _manual(read) == []


def test_nothing_owed_means_no_reminder_and_no_record(signed_in, post, held, read):
    page = post(
        signed_in("office.staff"), f"/instances/{held}/nag", {"task_name": "draft_minutes"}, follow_redirects=True
    )
    assert "该环节已全部办结，无需催办。" in page.text
    assert _manual(read) == []
    assert read.scalar(select(AuditEvent).where(AuditEvent.action == "nag")) is None


def test_the_nag_form_speaks_english(signed_in, post, held):
    staff = signed_in("office.staff")
    page = staff.get(f"/instances/{held}?lang=en")
    assert "Remind now (4 units outstanding)" in page.text
    assert "一键催办" not in page.text
    done = post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes"}, follow_redirects=True)
    assert "Reminded 4 units." in done.text


def test_a_second_click_does_not_nag_the_same_units_again(signed_in, post, held, read, clock):
    staff = signed_in("office.staff")
    assert "同一单位 4 小时内只催办一次。" in staff.get(f"/instances/{held}").text
    post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes"})
    clock.advance(hours=3, minutes=59)
    again = post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes"}, follow_redirects=True)
    assert "区总工会" in again.text and "4 小时内已催办过，本次未重复催办。" in again.text
    assert "个单位发出催办。" not in again.text
    assert len(_manual(read)) == len(LATE_UNITS)
    assert len(read.scalars(select(AuditEvent).where(AuditEvent.action == "nag")).all()) == 1

    clock.advance(minutes=2)  # past the interval: a new nag goes out
    post(staff, f"/instances/{held}/nag", {"task_name": "receive_minutes"})
    assert len(_manual(read)) == 2 * len(LATE_UNITS)
