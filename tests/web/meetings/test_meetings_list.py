"""The meetings list: in progress and to come first, the soonest first; then the finished, the
latest first; filtered by status and kind, and paged."""

from __future__ import annotations

import re

from webui.meetings import page as meeting_page

FINISHED = {"issued", "cancelled"}


def rows(html: str) -> list[dict]:
    """Each listed meeting: its id, kind, status and time as shown."""
    body = re.search(r'<table class="table meetings-table">.*?</table>', html, re.S)
    found = re.findall(
        r'badge-meeting-(\w+)">.*?href="/meetings/(\d+)".*?<td class="nowrap">(.*?)</td>.*?badge-meeting-status-(\w+)',
        body.group(0) if body else "",
        re.S,
    )
    return [{"kind": k, "id": int(i), "when": w, "status": s} for k, i, w, s in found]


def test_meetings_in_progress_come_first_by_date_then_the_finished_newest_first(signed_in):
    listed = rows(signed_in("office.staff").get("/meetings").text)
    finished = [r["status"] in FINISHED for r in listed]
    assert finished == sorted(finished) and False in finished and True in finished
    running = [r["when"] for r in listed if r["status"] not in FINISHED and "未定" not in r["when"]]
    assert running == sorted(running)
    done = [r["when"] for r in listed if r["status"] in FINISHED and "未定" not in r["when"]]
    assert done == sorted(done, reverse=True)


def test_the_list_filters_by_status_and_kind(signed_in):
    office = signed_in("office.staff")
    everything = rows(office.get("/meetings").text)
    issued = rows(office.get("/meetings?status=issued").text)
    assert issued and {r["status"] for r in issued} == {"issued"}
    assert [r for r in everything if r["status"] == "issued"] == issued
    office_meetings = rows(office.get("/meetings?kind=office").text)
    assert office_meetings and {r["kind"] for r in office_meetings} == {"office"}
    assert rows(office.get("/meetings?kind=nonsense").text) == everything  # unknown: everything
    assert "没有符合条件的会议" in office.get("/meetings?kind=special").text  # the demo holds none


def test_the_list_is_paged(signed_in, monkeypatch):
    monkeypatch.setattr(meeting_page, "PER_PAGE", 2)
    office = signed_in("office.staff")
    first, second = office.get("/meetings").text, office.get("/meetings?page=2&kind=").text
    assert len(rows(first)) == 2 and 'rel="next" href="/meetings?page=2"' in first
    assert rows(second) and not {r["id"] for r in rows(first)} & {r["id"] for r in rows(second)}
    assert "第 2 / " in second
    past_the_last = office.get("/meetings?status=issued&page=9").text
    assert rows(past_the_last) == rows(office.get("/meetings?status=issued").text) != []
