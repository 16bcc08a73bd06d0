"""下载会议通知（Word）: once a meeting is approved its notice downloads as a .docx for whoever may
see the meeting (the office, an attending unit); not found for another body's office, nor before
the notice is sent."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from docx import Document
from sqlalchemy import select

from engine.demo.walkthrough import act, proposed
from engine.meetings.models import Meeting
from tests.other_body import OFFICE

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UNITS = ["wjj", "rsj"]

APPROVE = {"decision": "approve", "chair": "office.director"}


def meeting_of(db, instance_id: int) -> int:
    with db.read_session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.instance_id == instance_id))


@pytest.fixture
def waiting(db, clock) -> int:
    """An office meeting the office proposed, not yet decided: its instance id."""
    return proposed(db, clock.now(), UNITS, clock.now() + timedelta(days=5), "通知测试会议")


@pytest.fixture
def approved(db, clock, waiting) -> int:
    act(db, "office.director", waiting, "decide_meeting", APPROVE, clock.now())
    return meeting_of(db, waiting)


def test_the_office_downloads_the_notice_from_the_meeting_page(approved, signed_in):
    office = signed_in("office.staff")
    assert f"/meetings/{approved}/notice.docx" in office.get(f"/meetings/{approved}").text
    response = office.get(f"/meetings/{approved}/notice.docx")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert "关于召开通知测试会议的通知" in [p.text for p in Document(io.BytesIO(response.data)).paragraphs]


def test_an_attending_units_liaison_downloads_it(approved, signed_in):
    response = signed_in("liaison.rsj").get(f"/meetings/{approved}/notice.docx")
    assert response.status_code == 200 and response.mimetype == DOCX


def test_another_bodys_office_finds_nothing(approved, lingui, signed_in):
    assert signed_in(OFFICE).get(f"/meetings/{approved}/notice.docx").status_code == 404


def test_no_notice_before_the_meeting_is_approved(db, waiting, signed_in):
    meeting_id = meeting_of(db, waiting)
    office = signed_in("office.staff")
    assert f"/meetings/{meeting_id}/notice.docx" not in office.get(f"/meetings/{meeting_id}").text
    assert office.get(f"/meetings/{meeting_id}/notice.docx").status_code == 404
