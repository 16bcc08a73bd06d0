"""A meeting proposed for a time gone by is refused (the proposal forms' `"min": "now"`)."""

from __future__ import annotations

from datetime import timedelta

from engine.core.clock import SHANGHAI


def local(at) -> str:
    return f"{at.astimezone(SHANGHAI):%Y-%m-%dT%H:%M}"


def test_a_meeting_in_the_past_is_refused_and_nothing_is_written(signed_in, post, clock, status_of):
    staff = signed_in("office.staff")
    started = post(staff, "/instances/new", {"process_id": "office_meeting", "title": "研究年度工作要点"})
    proposal = started.headers["Location"]
    page = staff.get(proposal).text
    assert f'min="{local(clock.now())}"' in page  # the browser's picker greys out the past too
    answer = {
        "title": "研究年度工作要点",
        "topics": "年度工作要点",
        "place": "区卫健局会议室",
        "attending_units": ["wjj"],
    }
    refused = post(staff, f"{proposal}/complete", {**answer, "meeting_at": "2020-01-01T09:00"})
    assert refused.status_code == 422 and "不能早于当前时间。" in refused.text
    assert status_of(proposal.rsplit("/", 1)[1]) == "open"
    later = post(staff, f"{proposal}/complete", {**answer, "meeting_at": local(clock.now() + timedelta(days=3))})
    assert later.status_code == 302
