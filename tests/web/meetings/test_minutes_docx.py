"""下载公文（Word）: the issued minutes as a .docx for whoever may read a copy of them (the units
sent one, the office); not found for a unit sent none and for another body's office."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select

from engine.demo.roster import UNITS
from engine.meetings.models import Distribution, Meeting
from tests.other_body import OFFICE
from tests.web.conftest import HELD_MEETING

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def held(db) -> tuple[int, list[str]]:
    """The demo's issued minutes and the units sent a copy."""
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.title == HELD_MEETING))
        units = session.scalars(select(Distribution.unit).where(Distribution.meeting_id == meeting.id)).all()
        return meeting.id, list(units)


def test_a_unit_sent_a_copy_downloads_the_document(held, signed_in):
    meeting_id, units = held
    response = signed_in(f"liaison.{units[0]}").get(f"/meetings/{meeting_id}/minutes.docx")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert Document(io.BytesIO(response.data)).paragraphs[0].text.endswith("纪要")
    assert "下载公文（Word）" in signed_in(f"liaison.{units[0]}").get(f"/meetings/{meeting_id}/copy").text


def test_the_office_downloads_it_from_the_meeting_page(held, signed_in):
    meeting_id, _ = held
    office = signed_in("office.staff")
    assert f"/meetings/{meeting_id}/minutes.docx" in office.get(f"/meetings/{meeting_id}").text
    response = office.get(f"/meetings/{meeting_id}/minutes.docx")
    assert response.status_code == 200 and response.mimetype == DOCX


def test_a_unit_sent_no_copy_finds_nothing(held, signed_in):
    meeting_id, units = held
    outsider = next(code for code, *_ in UNITS if code not in units)
    assert signed_in(f"liaison.{outsider}").get(f"/meetings/{meeting_id}/minutes.docx").status_code == 404


def test_another_bodys_office_finds_nothing(held, lingui, signed_in):
    meeting_id, _ = held
    assert signed_in(OFFICE).get(f"/meetings/{meeting_id}/minutes.docx").status_code == 404
