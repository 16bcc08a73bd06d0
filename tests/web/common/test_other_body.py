"""Another body's records through the pages: its office is an office too, but of another body,
so every Qixing id it tries is not found (404) and no Qixing item reaches its lists, nor the
other way round."""

from __future__ import annotations

from other_body import MEETING, OFFICE, QIXING_MEETING
from sqlalchemy import func, select

from engine.workflow.notes import TaskComment, TaskDraft

PROPOSAL = {
    "title": QIXING_MEETING,
    "topics": "研究下一步工作安排",
    "meeting_at": "2026-11-30T09:00",
    "place": "区卫生健康局三楼会议室",
    "attending_units": ["wjj", "rsj"],
}


def test_another_bodys_office_finds_none_of_a_qixing_task(lingui, qixing, signed_in, post, open_task, status_of, read):
    task = open_task(qixing, "propose_meeting")
    assert signed_in("office.staff").get(f"/tasks/{task.id}").status_code == 200  # Qixing's own office

    office = signed_in(OFFICE)
    responses = {
        "page": office.get(f"/tasks/{task.id}"),
        "complete": post(office, f"/tasks/{task.id}/complete", PROPOSAL),
        "on-behalf": post(office, f"/tasks/{task.id}/on-behalf", {**PROPOSAL, "reason": "代为拟定"}),
        "draft": post(office, f"/tasks/{task.id}/draft", PROPOSAL),
        "comment": post(office, f"/tasks/{task.id}/comments", {"text": "另一机构的意见"}),
        "reassign": post(office, f"/tasks/{task.id}/reassign", {"assignee": "unit:lg01", "reason": "改派"}),
        "instance": office.get(f"/instances/{qixing}"),
        "unit": office.get("/units/wjj"),
    }
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 404)
    assert not [name for name, r in responses.items() if QIXING_MEETING in r.text or "区卫生健康局" in r.text]
    assert status_of(task.id) == "open"
    assert read.scalar(select(func.count()).select_from(TaskDraft).where(TaskDraft.task_id == task.id)) == 0
    assert read.scalar(select(func.count()).select_from(TaskComment).where(TaskComment.task_id == task.id)) == 0


def test_the_qixing_office_lists_nothing_of_another_body(lingui, qixing, signed_in, open_task):
    theirs, ours = open_task(lingui, "propose_meeting"), open_task(qixing, "propose_meeting")
    staff = signed_in("office.staff")
    pages = {"inbox": staff.get("/inbox"), "all open": staff.get("/tasks"), "instances": staff.get("/instances")}
    assert all(page.status_code == 200 for page in pages.values())
    assert all(f"/tasks/{ours.id}" in page.text for name, page in pages.items() if name != "instances")
    assert f"/instances/{qixing}" in pages["instances"].text
    shown = [name for name, page in pages.items() if theirs.id in page.text or MEETING in page.text]
    assert shown == []
    assert f'href="/instances/{lingui}"' not in pages["instances"].text


def test_the_other_office_lists_its_own_and_nothing_of_qixing(lingui, qixing, signed_in, open_task):
    theirs, ours = open_task(lingui, "propose_meeting"), open_task(qixing, "propose_meeting")
    office = signed_in(OFFICE)
    inbox, instances = office.get("/inbox"), office.get("/instances")
    assert f"/tasks/{theirs.id}" in inbox.text and f"/instances/{lingui}" in instances.text
    assert ours.id not in inbox.text and QIXING_MEETING not in inbox.text
    assert f'href="/instances/{qixing}"' not in instances.text and QIXING_MEETING not in instances.text
