"""Issued minutes as an official document: the .docx opened again with python-docx has the
GB/T 9704-2012 page, fonts, number, decided items and the 抄报 line naming the government."""

from __future__ import annotations

import io

import pytest
import referral_steps
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo.roster import PROFILE
from engine.documents import numbering, official_docx
from engine.meetings.models import Distribution, GovernmentReferral, Meeting
from engine.org.models import Body

HELD_MEETING = "筹备联席会议全体会议"


@pytest.fixture
def issued(db):
    """The demo's issued minutes, numbered as signing numbers them, as a python-docx Document,
    with what the test compares them with."""
    with UnitOfWork(db) as uow:
        meeting = uow.session.scalar(select(Meeting).where(Meeting.title == HELD_MEETING))
        number = numbering.assign(
            uow.session, meeting.body_id, "minutes", "meeting", meeting.id, meeting.issued_at, "office.staff"
        )
        uow.commit()
        produced = official_docx.minutes_docx(uow.session, meeting)
        facts = {
            "number": number.text,
            "title": meeting.title,
            "seal": meeting.seal,
            "first_item": meeting.versions[-1].decided_items[0]["text"],
            "body": uow.session.get(Body, meeting.body_id).name,
        }
    return Document(io.BytesIO(produced)), facts


def east_asian(run) -> str:
    return run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def paragraph_with(document, text: str):
    return next(p for p in document.paragraphs if text in p.text)


def test_the_page_is_a4_with_the_standard_margins(issued):
    section = issued[0].sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (37, 35, 28, 26)


def test_head_number_and_title(issued):
    document, facts = issued
    number = facts["number"]
    assert number.startswith(PROFILE["doc_prefix"]) and number.endswith("1号")
    head = document.paragraphs[0]
    assert head.text.startswith(facts["body"]) and head.text.endswith("纪要")
    assert east_asian(head.runs[0]) == "方正小标宋简体" and str(head.runs[0].font.color.rgb) == "FF0000"
    assert paragraph_with(document, number).alignment == 1  # centred
    title = paragraph_with(document, f"{facts['title']}纪要")
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)


def test_the_text_in_fangsong_three_with_a_fixed_line(issued):
    document, _ = issued
    text = paragraph_with(document, "会议地点")
    assert east_asian(text.runs[0]) == "仿宋_GB2312" and text.runs[0].font.size == Pt(16)
    assert text.paragraph_format.first_line_indent == Pt(32)
    assert round(document.styles["Normal"].paragraph_format.line_spacing.pt, 2) == 28.95


def test_decided_items_numbered_with_lead_and_due(issued):
    document, facts = issued
    assert east_asian(paragraph_with(document, "议定事项").runs[0]) == "黑体"
    items = [p.text for p in document.paragraphs if p.text.startswith(("1．", "2．"))]
    assert items and all("牵头单位：" in i and "完成时限：" in i for i in items)
    assert facts["first_item"].rstrip("。") in items[0]


def test_signature_seal_and_record_at_the_foot(issued):
    document, facts = issued
    assert paragraph_with(document, f"（{facts['seal']}代章）").alignment == 2  # right
    record = [cell.text for row in document.tables[-1].rows for cell in row.cells]
    assert record[-1].endswith("印发") and record[-1].startswith(f"{facts['body']}办公室")
    assert any(line.startswith("分送：") for line in record)
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and east_asian(footer.runs[0]) == "宋体"


def test_full_minutes_are_reported_to_the_government(db):
    """Full and special minutes go to the government too (抄报): the 版记 names it."""
    with UnitOfWork(db) as uow:
        meeting = uow.session.scalar(select(Meeting).where(Meeting.title == HELD_MEETING))
        body = uow.session.get(Body, meeting.body_id)
        meeting.kind = "full"
        version = meeting.versions[-1]
        uow.session.add(
            Distribution(
                meeting_id=meeting.id,
                version_id=version.id,
                unit=body.government.code,
                role="copy",
                sent_at=meeting.issued_at,
            )
        )
        uow.session.flush()
        document = Document(io.BytesIO(official_docx.minutes_docx(uow.session, meeting)))
        name, government = body.name, body.government_name
    assert document.paragraphs[0].text == f"{name}纪要"
    record = [cell.text for row in document.tables[-1].rows for cell in row.cells]
    assert f"抄报：{government}。" in record


def test_an_item_left_to_the_government_is_marked_so(db, clock):
    """A failed mediation leaves item 2 to the government: the minutes keep its text, marked as
    waiting for its decision, as the meeting page and the copies mark it; then as decided."""
    instance_id, _held = referral_steps.issued_with_dispute(db, clock.now())
    with UnitOfWork(db) as uow:
        meeting = uow.session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))
        government = uow.session.get(Body, meeting.body_id).government_name
        pending = _items(official_docx.minutes_docx(uow.session, meeting))
        referral = uow.session.scalar(select(GovernmentReferral).where(GovernmentReferral.meeting_id == meeting.id))
        referral.decided_at = clock.now()  # as recording the government's decision sets it
        uow.session.flush()
        decided = _items(official_docx.minutes_docx(uow.session, meeting))
    assert government and "决定" not in pending[0]
    assert pending[1].startswith(f"2．{referral_steps.DISPUTED}（待{government}决定）。牵头单位：")
    assert decided[1].startswith(f"2．{referral_steps.DISPUTED}（{government}已决定）。")


def _items(produced: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(produced)).paragraphs if p.text[:2] in ("1．", "2．")]
