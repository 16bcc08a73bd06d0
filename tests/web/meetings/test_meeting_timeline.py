"""会议经过 on a meeting's page: every step on record, oldest first, with who took it — the topic
round and who was recorded as having no suggestion, the convener's decisions (their comments for
the office's eyes), the notice, the attendance, each draft and co-signing, who issued the minutes,
and how many copies have been received."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from engine.core.clock import iso
from engine.demo import walkthrough
from engine.workflow import closing
from tests.web import meeting_setup as setup


def timeline(page: str) -> list[tuple[str, str]]:
    """The timeline's entries as (what, who), in the order shown."""
    found = re.search(r'id="timeline".*?</ol>', page, re.S)
    assert found, "no timeline on the page"
    entries = re.findall(r'<li class="event">(.*?)</li>', found.group(0), re.S)
    return [(_text(entry, "span"), _text(entry, 'span class="event-actor"')) for entry in entries]


def _text(entry: str, tag: str) -> str:
    spans = re.findall(r"<span>(.*?)</span>" if tag == "span" else rf"<{tag}>(.*?)</span>", entry, re.S)
    return html.unescape(spans[0].strip()) if spans else ""


def test_an_issued_meeting_tells_its_whole_story(db, clock, signed_in):
    instance = setup.cosigning(db, clock)  # ldjd and hqlyq never suggest; hqlyq and swj stay away
    setup.cosign_rest(db, instance, clock.now())
    walkthrough.act(db, "convener", instance, "sign_minutes", {"signature": "sign"}, clock.now())
    meeting = setup.meeting_id(db, instance)
    for liaison in ("liaison.xcb", "liaison.qzf"):
        clock.advance(hours=1)
        signed_in(liaison).get(f"/meetings/{meeting}/copy")

    assert timeline(signed_in("office.staff").get(f"/meetings/{meeting}").text) == [
        ("会议启动", ""),
        ("议题征集结束：20 家单位提出议题；截止未答复、记为无建议：漓东街道办事处、华侨旅游经济区管委会", ""),
        ("审定同意会议方案", "召集人"),
        ("向参会单位发出会议通知", ""),
        ("会议召开", "召集人"),
        ("登记参会情况：22 家单位到会；缺席：华侨旅游经济区管委会、国家税务总局桂林市七星区税务局", "办公室工作人员"),
        ("起草会议纪要第 1 稿", "办公室工作人员"),
        ("第 1 稿会签：22 家单位会签，0 家不同意", ""),
        ("会议纪要签发印发", "召集人"),
        ("已签收 2 / 25 份，最近签收：七星区人民政府", "七星区人民政府联络员"),
    ]


def test_a_returned_proposal_shows_the_conveners_comment_to_the_office_only(db, clock, signed_in):
    instance = setup.soliciting(db, clock.now())
    walkthrough.act(db, "liaison.xcb", instance, "suggest_topics", {"topics": "宣传议题"}, clock.now(), unit="xcb")
    walkthrough.act(db, "liaison.fgj", instance, "suggest_topics", {"topics": ""}, clock.now(), unit="fgj")
    later = clock.now() + timedelta(days=5, hours=1)
    closing.close_overdue(db, later)
    proposal = {
        "title": "2026年度全体会议",
        "topics": "年度工作",
        "meeting_at": iso(later + timedelta(days=7)),
        "place": "三楼",
    }
    walkthrough.act(db, "office.staff", instance, "compile_proposal", proposal, later)
    returned = {"decision": "return", "convener_comments": "请增加议题：尘肺病患者救治"}
    walkthrough.act(db, "convener", instance, "decide_meeting", returned, later + timedelta(hours=1))
    meeting = setup.meeting_id(db, instance)

    office = timeline(signed_in("office.staff").get(f"/meetings/{meeting}").text)
    assert office[1][0].startswith("议题征集结束：1 家单位提出议题；截止未答复、记为无建议：区卫生健康局、区教育局、")
    assert "区发展和改革局" not in office[1][0]  # it answered, with nothing to suggest
    assert office[2:] == [("退回会议方案修改（意见：请增加议题：尘肺病患者救治）", "召集人")]
    liaison = timeline(signed_in("liaison.xcb").get(f"/meetings/{meeting}").text)
    assert liaison[2:] == [("退回会议方案修改", "召集人")]
