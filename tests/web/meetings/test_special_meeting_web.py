"""A special meeting through the pages, as its roles run it (the joint-meeting rules §四(二)): the office
consults the units concerned (one silent by the deadline has no opinion), proposes it for
them, decided by the convener who delegates the chair to the office
director, held, minuted, signed by the convener, issued to those who attended with a copy to
the government, and each copy's receipt recorded when its unit opens it."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.meetings.models import Meeting
from engine.workflow.closing import close_overdue
from engine.workflow.timers import fire_due_timers


def complete(client, post, task, data: dict) -> None:
    response = post(client, f"/tasks/{task.id}/complete", data)
    assert response.status_code == 302, response.text


def test_a_special_meeting_through_the_pages(app, clock, signed_in, post, open_task):
    staff = signed_in("office.staff")
    started = post(staff, "/instances/new", {"process_id": "special_meeting", "title": "尘肺病防治专题会议"})
    consultation = started.headers["Location"]
    assert "拟定专题会议并征求意见" in staff.get(consultation).text
    opened = {
        "title": "尘肺病防治专题会议",
        "topics": "研究尘肺病患者救治救助",
        "concerned_units": ["wjj", "mzj", "ybj"],
        "topic_deadline": "2026-11-24T17:00",
    }
    assert post(staff, f"{consultation}/complete", opened).status_code == 302
    instance = int(re.search(r'href="/instances/(\d+)"', staff.get(consultation).text).group(1))
    for unit in ("wjj", "mzj"):  # 区医保局 stays silent
        liaison = signed_in(f"liaison.{unit}")
        asked = open_task(instance, "suggest_topics", unit=unit)
        assert "研究尘肺病患者救治救助" in liaison.get(f"/tasks/{asked.id}").text
        complete(liaison, post, asked, {"topics": f"{unit}：同意召开"})
    assert close_overdue(app.extensions["lianxi"].db, datetime(2026, 11, 24, 17, 1, tzinfo=SHANGHAI)) == 1
    proposal = f"/tasks/{open_task(instance, 'compile_proposal').id}"
    page = staff.get(proposal).text
    assert "提出专题会议方案" in page and "mzj：同意召开" in page and "截止未提出" in page
    assert (
        post(
            staff,
            f"{proposal}/complete",
            {
                "title": "尘肺病防治专题会议",
                "topics": "研究尘肺病患者救治救助",
                "meeting_at": "2026-11-26T15:00",
                "place": "区卫健局会议室",
                "concerned_units": ["wjj", "mzj", "ybj"],
                "invited_units": ["sfj"],
            },
        ).status_code
        == 302
    )

    convener = signed_in("convener")
    complete(convener, post, open_task(instance, "decide_meeting"), {"decision": "approve", "chair": "office.director"})
    clock.set(datetime(2026, 11, 26, 17, 0, tzinfo=SHANGHAI))
    assert fire_due_timers(app.extensions["lianxi"].db, clock.now()) >= 1
    staff = signed_in("office.staff")
    attendance = open_task(instance, "record_attendance")
    offered = re.findall(r'name="attended_units" value="(\w+)"', staff.get(f"/tasks/{attendance.id}").text)
    assert offered == ["wjj", "mzj", "ybj", "sfj"]  # the units concerned and the invited, no other
    refused = post(staff, f"/tasks/{attendance.id}/complete", {"attended_units": ["wjj", "gxj"]})
    assert refused.status_code == 422 and "gxj" in refused.text
    complete(staff, post, attendance, {"attended_units": ["wjj", "mzj", "sfj"]})
    complete(
        staff,
        post,
        open_task(instance, "draft_minutes"),
        {
            "minutes_text": "会议研究了尘肺病患者救治救助工作。",
            "decided_items": "建立救治救助台账｜mzj｜ybj｜2026-12-31",
        },
    )

    signing = open_task(instance, "sign_minutes")
    assert post(signed_in("office.director"), f"/tasks/{signing.id}/complete", {"signature": "sign"}).status_code == 403
    convener = signed_in("convener")
    complete(convener, post, signing, {"signature": "sign"})

    with app.extensions["lianxi"].db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == instance))
    assert (meeting.kind, meeting.chair, meeting.status) == ("special", "office.director", "issued")
    assert meeting.absent_units == ["ybj"]
    government = signed_in("liaison.qzf").get(f"/meetings/{meeting.id}/copy")
    assert government.status_code == 200 and "区卫生健康局" in government.text and "代章" in government.text
    assert signed_in("liaison.ybj").get(f"/meetings/{meeting.id}/copy").status_code == 404  # absent: no copy
    office = signed_in("office.staff").get(f"/meetings/{meeting.id}").text
    assert "专题会议" in office and "救治救助台账" in office
    assert "征求意见" in office and "议题征集" not in office  # the consultation's matrix, named as such
