"""A full meeting through the web as its roles run it: the office's matrices (stragglers first),
liaisons co-signing on the task page (the second round shows what changed), the convener signing,
and the recipients' copies with their receipts. Steps the pages do not own go through the engine
(tests/web/meeting_setup.py)."""

from __future__ import annotations

import re

import pytest

from tests.web import meeting_setup as setup


def section(html: str, name: str) -> str:
    """One matrix of the meeting page (its element's id), up to the end of its table."""
    found = re.search(rf'id="{name}".*?</table>', html, re.S)
    assert found, f"no {name} on the page"
    return found.group(0)


def units_in(html: str, name: str) -> list[str]:
    """The units of one matrix, in the order shown."""
    return re.findall(r'data-unit="([^"]+)"', section(html, name))


def state_of(html: str, name: str, unit: str) -> str:
    return re.search(rf'<tr class="state-(\w+)" data-unit="{unit}"', section(html, name)).group(1)


def cosign(client, post, task_id: str, decision: str, comment: str = ""):
    response = post(client, f"/tasks/{task_id}/complete", {"decision": decision, "comment": comment})
    assert response.status_code == 302, response.text
    return response


@pytest.fixture
def cosigning(db, clock):
    return setup.cosigning(db, clock)


def test_the_topic_matrix_puts_stragglers_first_and_knows_who_opened_what(db, clock, signed_in, open_task):
    instance = setup.soliciting(db, clock.now())
    meeting = setup.meeting_id(db, instance)
    setup.walkthrough.act(
        db, "liaison.xcb", instance, "suggest_topics", {"topics": "宣传议题"}, clock.now(), unit="xcb"
    )
    signed_in("office.staff").get(
        f"/tasks/{open_task(instance, 'suggest_topics', unit='jyj').id}"
    )  # the office looking
    assert (
        signed_in("liaison.fgj").get(f"/tasks/{open_task(instance, 'suggest_topics', unit='fgj').id}").status_code
        == 200
    )

    page = signed_in("office.staff").get(f"/meetings/{meeting}").text
    order = units_in(page, "matrix-suggest_topics")
    assert len(order) == len(setup.MEMBERS)
    assert order[-2:] == ["fgj", "xcb"]  # every unit that has not opened it comes first
    states = [state_of(page, "matrix-suggest_topics", unit) for unit in ("jyj", "fgj", "xcb")]
    assert states == ["not_opened", "opened", "answered"]
    assert "区发展和改革局联络员" in page  # who opened it


def test_a_dissent_then_a_second_round_that_shows_what_changed(cosigning, db, clock, signed_in, post, open_task):
    meeting = setup.meeting_id(db, cosigning)
    yjj = signed_in("liaison.yjj")
    first = open_task(cosigning, "cosign_minutes", unit="yjj").id
    page = yjj.get(f"/tasks/{first}").text
    assert "自本单位上次会签以来的修改" not in page and "现为第 1 稿" in page
    cosign(yjj, post, first, "disagree", "第二项时限过紧")
    setup.cosign_rest(db, cosigning, clock.now())
    setup.revise(db, cosigning, clock.now())

    second = open_task(cosigning, "cosign_minutes", unit="yjj").id
    page = yjj.get(f"/tasks/{second}").text
    assert "现为第 2 稿" in page and "本单位上次会签第 1 稿，现为第 2 稿。" in page
    assert re.search(r'class="diff-add">.*?会议纪要第二稿', page, re.S)
    assert re.search(r'class="diff-del">.*?会议纪要第一稿', page, re.S)
    assert re.search(r'class="diff-add">.*?2027-03-31', page, re.S)
    cosign(yjj, post, second, "agree_with_comments", "同意修改后的时限")
    sfj = signed_in("liaison.sfj")  # an invited unit that attended co-signs too
    cosign(sfj, post, open_task(cosigning, "cosign_minutes", unit="sfj").id, "agree")

    office = signed_in("office.staff").get(f"/meetings/{meeting}").text
    assert units_in(office, "matrix-cosign_minutes")[:1] != ["yjj"]  # those still owing come first
    assert state_of(office, "matrix-cosign_minutes", "yjj") == "accepted" and "同意并提出意见" in office
    assert "第二项时限过紧" in office and "不同意" in office  # the first round's co-signature is kept
    assert "swj" not in units_in(office, "matrix-cosign_minutes")  # invited but absent: no co-signature asked


def test_the_office_may_not_co_sign_for_a_unit(cosigning, signed_in, post, open_task, status_of):
    task = open_task(cosigning, "cosign_minutes", unit="scjgj").id
    office = signed_in("office.staff")
    page = office.get(f"/tasks/{task}").text
    assert "/on-behalf" not in page and "确认代办" not in page
    refused = post(office, f"/tasks/{task}/on-behalf", {"decision": "agree", "reason": "联络员出差"})
    assert refused.status_code == 403
    assert status_of(task) == "open"


def test_the_convener_signs_and_every_recipient_gets_a_copy(cosigning, db, clock, signed_in, post, open_task):
    meeting = setup.meeting_id(db, cosigning)
    setup.cosign_rest(db, cosigning, clock.now())
    sign_task = open_task(cosigning, "sign_minutes").id
    office = signed_in("office.staff")
    # only the convener signs full minutes
    assert post(office, f"/tasks/{sign_task}/complete", {"signature": "sign"}).status_code == 403
    assert post(signed_in("convener"), f"/tasks/{sign_task}/complete", {"signature": "sign"}).status_code == 302

    copy = signed_in("liaison.xcb").get(f"/meetings/{meeting}/copy")
    assert copy.status_code == 200
    assert "（印发单位：区卫生健康局 代章）" in copy.text and "会议纪要第一稿" in copy.text
    assert "已签收：区委宣传部联络员" in copy.text
    for guest in ("liaison.qzf", "liaison.swj", "liaison.sfj"):  # 抄报, invited but absent, invited and present
        assert signed_in(guest).get(f"/meetings/{meeting}/copy").status_code == 200

    page = office.get(f"/meetings/{meeting}").text
    order = units_in(page, "copies")
    assert set(order[-4:]) == {"xcb", "qzf", "swj", "sfj"}  # those not yet opened first
    copies = section(page, "copies")
    assert state_of(page, "copies", "xcb") == "received" and state_of(page, "copies", "wjj") == "not_opened"
    assert re.search(r'data-unit="xcb">.*?已签收</span> 区委宣传部联络员 · 2026-', copies, re.S)
    assert re.search(r'data-unit="qzf">\s*<td>七星区人民政府</td>\s*<td class="nowrap">抄报', copies)
    assert "区卫生健康局（代章）" in page and "已印发" in page


def test_a_copy_is_only_for_its_recipients(db, clock, signed_in):
    special = setup.meeting_id(db, setup.issued_special(db, clock, ["wjj", "yjj"]))
    assert signed_in("liaison.yjj").get(f"/meetings/{special}/copy").status_code == 200
    assert signed_in("liaison.qzf").get(f"/meetings/{special}/copy").status_code == 200  # 抄报区人民政府
    unrelated = signed_in("liaison.xcb")
    assert unrelated.get(f"/meetings/{special}/copy").status_code == 404
    assert unrelated.get(f"/meetings/{special}").status_code == 404
    assert unrelated.get("/meetings/99999/copy").status_code == 404
    assert "尘肺病救治专题会议" not in unrelated.get("/meetings").text


def test_a_liaison_sees_the_meeting_but_not_the_matrices(cosigning, db, signed_in):
    meeting = setup.meeting_id(db, cosigning)
    page = signed_in("liaison.rsj").get(f"/meetings/{meeting}").text
    assert "会议纪要第一稿" in page and "区司法局" in page  # the minutes and who was invited
    assert 'id="matrix-' not in page and 'id="suggestions"' not in page
    assert signed_in("liaison.rsj").get(f"/meetings/{meeting}/copy").status_code == 404  # nothing issued yet


def test_the_meetings_list_in_english(cosigning, signed_in):
    page = signed_in("office.staff").get("/meetings?lang=en").text
    assert "Full meeting" in page and "Co-signing" in page and "2026年度全体会议" in page
    assert "全体会议</span>" not in page and "会签中" not in page
    assert 'href="/meetings"' in page  # the top navigation
