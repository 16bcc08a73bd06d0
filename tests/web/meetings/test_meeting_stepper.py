"""The meeting page's stepper: the stages of the meeting's kind, the one under way marked."""

from __future__ import annotations

import re

from tests.web import meeting_setup as setup


def stepper(html: str) -> list[tuple[str, str]]:
    found = re.search(r'<ol class="meeting-stepper".*?</ol>', html, re.S)
    assert found, "no stepper on the page"
    return re.findall(r'class="stage stage-(\w+)".*?class="stage-name">(.*?)</span>', found.group(0), re.S)


def current(html: str) -> list[str]:
    return [name for state, name in stepper(html) if state == "current"]


def test_a_full_meeting_in_co_signing(db, clock, signed_in):
    meeting = setup.meeting_id(db, setup.cosigning(db, clock))
    page = signed_in("office.staff").get(f"/meetings/{meeting}").text
    names = [name for _, name in stepper(page)]
    assert names == ["征集议题", "拟定方案", "审定", "召开", "起草纪要", "会签", "签发", "印发"]
    assert current(page) == ["会签"] and 'aria-current="step"' in page
    assert [state for state, _ in stepper(page)][:5] == ["done"] * 5


def test_an_office_meeting_waits_for_its_receipts_then_is_done(db, held, proposed, signed_in):
    office = signed_in("office.staff")
    page = office.get(f"/meetings/{setup.meeting_id(db, held)}").text
    assert [name for _, name in stepper(page)] == ["拟定方案", "审定", "召开", "起草纪要", "签发", "签收"]
    assert current(page) == ["签收"]  # issued, but four units have not signed for it
    assert current(office.get(f"/meetings/{setup.meeting_id(db, proposed)}").text) == ["审定"]


def test_a_special_meeting_begins_by_consulting_its_units(db, clock, signed_in):
    special = setup.meeting_id(db, setup.issued_special(db, clock, ["wjj", "yjj"]))
    steps = stepper(signed_in("office.staff").get(f"/meetings/{special}").text)
    assert [name for _, name in steps] == ["征求意见", "拟定方案", "审定", "召开", "起草纪要", "签发", "印发"]
    assert {state for state, _ in steps} == {"done"}
