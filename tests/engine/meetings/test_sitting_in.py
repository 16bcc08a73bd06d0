"""列席 (the joint-meeting rules §四(一)): the office's people who sat in on a full meeting, kept
apart from the units that attended and printed after them in the minutes; recorded by the office,
from its own people, while the meeting is held and its minutes not yet issued."""

from __future__ import annotations

import io

import pytest
from conftest import DEMO_NOW
from docx import Document
from sqlalchemy import select

from engine.core.errors import Forbidden, InvalidData
from engine.core.uow import UnitOfWork
from engine.documents import official_docx
from engine.meetings import sitting_in
from engine.meetings.models import Meeting
from engine.org import accounts

FULL = "年度全体会议"  # the demo's full meeting, its minutes in co-signing
OFFICE_MEETING = "筹备联席会议全体会议"  # an office meeting, issued


def record(db, username: str, title: str, usernames: list[str]) -> None:
    with UnitOfWork(db) as uow:
        meeting = uow.session.scalar(select(Meeting).where(Meeting.title == title))
        sitting_in.record(uow.session, accounts.find(uow.session, username), meeting, usernames, DEMO_NOW)
        uow.commit()


def kept(db, title: str = FULL) -> list[str]:
    with db.read_session() as session:
        return session.scalar(select(Meeting.sitting_in).where(Meeting.title == title))


def test_the_office_records_who_sat_in_and_the_minutes_print_them_after_the_units(db):
    record(db, "office.staff", FULL, ["office.staff", "office.director"])
    assert kept(db) == ["office.director", "office.staff"]  # the director first
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.title == FULL))
        paragraphs = [p.text for p in Document(io.BytesIO(official_docx.minutes_docx(session, meeting))).paragraphs]
    attended = next(n for n, text in enumerate(paragraphs) if text.startswith("出席："))
    assert paragraphs[attended + 1] == "列席：办公室主任、办公室工作人员"


def test_no_line_when_nobody_sat_in(db):
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.title == FULL))
        assert official_docx.minutes_of(session, meeting).sitting_in == ""


@pytest.mark.parametrize(
    ("username", "title", "usernames", "refusal"),
    [
        ("office.staff", FULL, ["office.staff", "liaison.wjj"], InvalidData),  # not of the office
        ("liaison.wjj", FULL, ["office.staff"], Forbidden),
        ("office.staff", OFFICE_MEETING, ["office.staff"], sitting_in.NotRecordable),
    ],
)
def test_refused_and_nothing_kept(db, username, title, usernames, refusal):
    with pytest.raises(refusal):
        record(db, username, title, usernames)
    assert kept(db, title) == []
