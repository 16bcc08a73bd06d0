"""A meeting's notice (会议通知) as an official document: numbered from the body's notice sequence
when the meeting is approved, once, and laid out with its 主送, time, place and units."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from docx import Document
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo.roster import PROFILE
from engine.demo.walkthrough import act, proposed
from engine.documents import notice_docx, numbering
from engine.meetings.models import Meeting

UNITS = ["wjj", "rsj", "zgh"]

APPROVE = {"decision": "approve", "chair": "office.director"}


def approved(db, clock, title: str) -> int:
    """An office meeting proposed for five days ahead and approved; its meeting's id."""
    instance_id = proposed(db, clock.now(), UNITS, clock.now() + timedelta(days=5), title)
    act(db, "office.director", instance_id, "decide_meeting", APPROVE, clock.now())
    with db.read_session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.instance_id == instance_id))


def serial_of(db, meeting_id: int) -> int:
    with db.read_session() as session:
        return numbering.number_of(session, numbering.MEETING_NOTICE, meeting_id).serial


@pytest.fixture
def notice(db, clock):
    """The approved meeting's notice opened again with python-docx, and its number's text."""
    meeting_id = approved(db, clock, "测试会议")
    with db.read_session() as session:
        produced = notice_docx.notice_docx(session, session.get(Meeting, meeting_id))
        number = numbering.number_of(session, numbering.MEETING_NOTICE, meeting_id).text
    return Document(io.BytesIO(produced)), number


def lines(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_notice_is_numbered_from_the_notice_sequence(notice, clock):
    _, number = notice
    assert number.startswith(f"{PROFILE['doc_prefix']}〔{clock.now().year}〕")


def test_head_number_and_title(notice):
    document, number = notice
    assert lines(document)[0].endswith("办公室文件")
    assert number in lines(document)
    assert "关于召开测试会议的通知" in lines(document)


def test_addressed_to_the_units_with_time_place_and_who_attends(notice, clock):
    text = lines(notice[0])
    assert "区卫生健康局、区人力资源和社会保障局、区总工会：" in text  # an office meeting names its units
    day = clock.now() + timedelta(days=5)
    assert any(line.startswith(f"{day.year}年{day.month}月{day.day}日（星期") for line in text)
    assert "区卫生健康局三楼会议室" in text
    assert "2. 研究下一步工作安排" in text
    assert "四、参会单位" in text


def test_signed_by_the_office_under_its_seal(notice):
    text = lines(notice[0])
    assert f"（{PROFILE['office_seal']}代章）" in text
    assert any(line.startswith("联系人：") for line in text)


def test_the_next_meeting_takes_the_next_number(db, clock):
    first = approved(db, clock, "第一次会议")
    second = approved(db, clock, "第二次会议")
    assert serial_of(db, second) == serial_of(db, first) + 1


def test_assigning_again_keeps_the_notice_number(db, clock):
    meeting_id = approved(db, clock, "测试会议")
    with UnitOfWork(db) as uow:
        meeting = uow.session.get(Meeting, meeting_id)
        again = numbering.assign(
            uow.session, meeting.body_id, numbering.NOTICE, numbering.MEETING_NOTICE, meeting_id, clock.now(), "x"
        )
        assert again.serial == serial_of(db, meeting_id)


def test_the_reply_slip_follows_on_a_page_of_its_own_a_row_a_unit(notice):
    """回执 (GB/T 9704-2012 8.1: an attachment on its own page, before the 版记): named under the
    text, then headed 附件 with a row for each unit the notice went to."""
    document = notice[0]
    text = lines(document)
    assert "附件：会议回执" in text
    slip = text.index("附件")
    assert document.paragraphs[slip].paragraph_format.page_break_before
    assert text[slip + 1] == "会议回执" and slip > text.index("附件：会议回执")
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "单位"]
    assert [c.text for c in table.rows[0].cells] == ["单位", "参会人员", "职务", "联系电话"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["区卫生健康局", "区人力资源和社会保障局", "区总工会"]
