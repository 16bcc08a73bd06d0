"""收文: issued minutes reach each recipient's liaison, who finds the copy in the inbox (and on
the meetings list and page), opens it through the link, and so signs for it; the office's table
of copies shows the receipt. Nobody else finds or opens the copy."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.demo import walkthrough
from engine.org.models import Person
from engine.reminders.models import Notification
from tests.web import meeting_setup as setup
from tests.web.conftest import HELD_MEETING


@pytest.fixture
def issued(db, clock) -> int:
    """A full meeting co-signed by every attending unit and signed by the convener."""
    instance = setup.cosigning(db, clock)
    setup.cosign_rest(db, instance, clock.now())
    walkthrough.act(db, "convener", instance, "sign_minutes", {"signature": "sign"}, clock.now())
    return setup.meeting_id(db, instance)


def copies_in_inbox(html: str) -> list[str]:
    """The copy links of the inbox's 收文, in the order shown."""
    found = re.search(r'id="copies-to-read".*?</table>', html, re.S)
    return re.findall(r'href="(/meetings/\d+/copy)"', found.group(0)) if found else []


def receipt_state(html: str, unit: str) -> str:
    """A unit's row in the office's table of copies: received or not_opened."""
    table = re.search(r'id="copies".*?</table>', html, re.S).group(0)
    return re.search(rf'<tr class="state-(\w+)" data-unit="{unit}"', table).group(1)


def test_a_liaison_finds_the_copy_in_the_inbox_and_opening_it_is_the_receipt(issued, signed_in):
    liaison = signed_in("liaison.xcb")
    inbox = liaison.get("/").text
    assert copies_in_inbox(inbox) == [f"/meetings/{issued}/copy"]
    assert "2026年度全体会议纪要" in inbox

    copy = liaison.get(copies_in_inbox(inbox)[0])
    assert copy.status_code == 200 and "已签收：区委宣传部联络员" in copy.text
    assert copies_in_inbox(liaison.get("/").text) == []  # received: no longer waiting

    office = signed_in("office.staff").get(f"/meetings/{issued}").text
    assert receipt_state(office, "xcb") == "received"
    assert receipt_state(office, "fgj") == "not_opened"


def test_a_link_on_another_site_opens_the_copy_but_is_no_receipt(issued, signed_in):
    """The browser says where the opening came from (Sec-Fetch-Site): a receipt is the unit's own
    act, not a link someone else planted on another site (ASVS V3.5.3)."""
    liaison = signed_in("liaison.xcb")
    planted = liaison.get(f"/meetings/{issued}/copy", headers={"Sec-Fetch-Site": "cross-site"})
    assert planted.status_code == 200 and "已签收" not in planted.text
    assert receipt_state(signed_in("office.staff").get(f"/meetings/{issued}").text, "xcb") == "not_opened"
    own = liaison.get(f"/meetings/{issued}/copy", headers={"Sec-Fetch-Site": "same-origin"})
    assert "已签收：区委宣传部联络员" in own.text


def test_the_government_and_invited_units_find_their_copies_too(issued, signed_in):
    for guest in ("liaison.qzf", "liaison.swj", "liaison.sfj"):  # 抄报, invited but absent, invited and present
        assert copies_in_inbox(signed_in(guest).get("/").text) == [f"/meetings/{issued}/copy"]
    assert "抄报" in signed_in("liaison.qzf").get("/").text


def test_the_meetings_list_and_page_link_the_units_copy(issued, signed_in):
    liaison = signed_in("liaison.rsj")
    assert f'href="/meetings/{issued}/copy"' in liaison.get("/meetings").text
    assert f'href="/meetings/{issued}/copy"' in liaison.get(f"/meetings/{issued}").text
    # the convener's unit has a copy, but only its liaison signs for it
    assert f'href="/meetings/{issued}/copy"' in signed_in("convener").get(f"/meetings/{issued}").text
    assert copies_in_inbox(signed_in("convener").get("/").text) == []


def test_each_recipients_liaisons_hear_that_the_minutes_are_out(issued, db, signed_in):
    with db.read_session() as session:
        notified = session.scalars(
            select(Person.username)
            .join(Notification, Notification.person_id == Person.id)
            .where(Notification.title == "会议纪要印发：2026年度全体会议")
        ).all()
    assert {"liaison.xcb", "liaison.hqlyq", "liaison.qzf", "liaison.swj"} <= set(notified)
    assert "office.staff" not in notified and "member.xcb" not in notified
    assert "会议纪要印发：2026年度全体会议" in signed_in("liaison.xcb").get("/notifications").text


def test_another_units_copy_is_neither_listed_nor_opened(db, clock, signed_in):
    special = setup.meeting_id(db, setup.issued_special(db, clock, ["wjj", "yjj"]))
    assert copies_in_inbox(signed_in("liaison.yjj").get("/").text) == [f"/meetings/{special}/copy"]
    unrelated = signed_in("liaison.xcb")
    assert copies_in_inbox(unrelated.get("/").text) == []
    assert unrelated.get(f"/meetings/{special}/copy").status_code == 404


def test_a_copy_signed_for_in_its_own_task_stays_with_that_task(signed_in):
    """The demo's office meeting: its late units sign for the minutes in a 签收 task, so the copy
    is not listed a second time under 收文."""
    inbox = signed_in("liaison.scjgj").get("/").text
    assert "签收会议纪要" in inbox and HELD_MEETING in inbox
    assert copies_in_inbox(inbox) == []


def test_opening_a_copy_signed_for_in_a_task_is_not_its_receipt(db, held, signed_in, open_task, status_of):
    """The copy page, the office's table of copies and 尚待办理 agree: the unit has not signed
    until its 签收会议纪要 task is done, however often it reads the copy."""
    meeting = setup.meeting_id(db, held)
    liaison = signed_in("liaison.scjgj")
    copy = liaison.get(f"/meetings/{meeting}/copy").text
    assert "已签收" not in copy and 'id="receipt-pending"' in copy
    task = open_task(held, "receive_minutes", "scjgj")
    assert f'href="/tasks/{task.id}"' in copy and status_of(task.id) == "open"

    office = signed_in("office.staff").get(f"/meetings/{meeting}").text
    assert receipt_state(office, "scjgj") == "not_opened"
    owed = re.search(r'id="owed".*?</section>', office, re.S).group(0)
    assert "区市场监督管理局" in owed


def test_signing_in_the_task_is_the_receipt(db, held, signed_in, post, open_task):
    meeting = setup.meeting_id(db, held)
    liaison = signed_in("liaison.scjgj")
    task = open_task(held, "receive_minutes", "scjgj")
    assert post(liaison, f"/tasks/{task.id}/complete", {"acknowledged": "on"}).status_code == 302
    assert "已签收：" in liaison.get(f"/meetings/{meeting}/copy").text
    assert receipt_state(signed_in("office.staff").get(f"/meetings/{meeting}").text, "scjgj") == "received"


def test_the_notice_says_where_a_unit_signs_for_its_copy(issued, signed_in):
    """The office meeting's units sign in a task; the full meeting's by opening the copy from 收文."""
    office_meeting = signed_in("liaison.scjgj").get("/notifications").text
    assert "请在“待办事项”中办理“签收会议纪要”" in office_meeting
    full = signed_in("liaison.xcb").get("/notifications").text
    assert "“收文”中查阅；打开即为签收" in full
