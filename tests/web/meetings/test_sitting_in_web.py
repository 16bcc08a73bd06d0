"""列席 on a full meeting's page: the office ticks which of its people sat in, shown after the units
that attended; a unit's liaison may not (403), and someone not of the office is refused (422)."""

from __future__ import annotations

from sqlalchemy import select

from engine.meetings.models import Meeting

FULL = "年度全体会议"  # the demo's full meeting, its minutes in co-signing


def full_meeting(read) -> Meeting:
    read.rollback()
    return read.scalar(select(Meeting).where(Meeting.title == FULL))


def test_the_office_records_who_sat_in_shown_after_the_attending_units(signed_in, post, read):
    office, meeting_id = signed_in("office.staff"), full_meeting(read).id
    page = office.get(f"/meetings/{meeting_id}").text
    assert "登记列席人员" in page and 'value="office.deputy2"' in page
    saved = post(office, f"/meetings/{meeting_id}/sitting-in", {"sitting_in": ["office.staff", "office.deputy"]})
    assert saved.status_code == 302 and full_meeting(read).sitting_in == ["office.deputy", "office.staff"]
    page = office.get(f"/meetings/{meeting_id}").text
    units = page[page.index('id="units"') :]
    order = [units.index(words) for words in ("参会单位", "列席人员", "办公室副主任（人社）", "缺席单位")]
    assert order == sorted(order)


def test_refused_for_a_liaison_and_for_someone_not_of_the_office(signed_in, post, read):
    url = f"/meetings/{full_meeting(read).id}/sitting-in"
    assert post(signed_in("liaison.wjj"), url, {"sitting_in": ["office.staff"]}).status_code == 403
    refused = post(signed_in("office.staff"), url, {"sitting_in": ["liaison.wjj"]})
    assert refused.status_code == 422 and "此人不能担任该职责。" in refused.text
    assert full_meeting(read).sitting_in == []
