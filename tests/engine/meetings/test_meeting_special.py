"""The special meeting's consultation and attendance (the joint-meeting rules §四(二)): the office consults
the member units concerned before proposing, each in its own task with a deadline (a unit
silent by then has no opinion), and only the units concerned and the invited ones can be
recorded as attending — as at a full meeting only the members and its invited units."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.core.clock import iso
from engine.core.errors import InvalidData
from engine.demo import walkthrough
from engine.meetings import queries as views
from engine.meetings.models import Meeting, TopicSuggestion
from engine.workflow import closing, inbox, timers
from engine.workflow.forms import Choices, FormProblem, load_form, units_in_scope
from engine.workflow.models import HumanTask

CONCERNED = ["wjj", "mzj", "ybj"]


def meeting(db, instance_id) -> Meeting:
    with db.read_session() as session:
        return session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))


def _open(db, instance_id: int, name: str) -> list[HumanTask]:
    with db.read_session() as session:
        return [t for t in inbox.all_tasks(session, instance_id=instance_id) if t.name == name]


def consulting(db, now) -> int:
    instance_id = walkthrough.start_meeting(db, now, "尘肺病救治专题会议", process="special_meeting")
    consultation = {
        "title": "尘肺病救治专题会议",
        "topics": "研究尘肺病患者救治救助",
        "concerned_units": CONCERNED,
        "topic_deadline": iso(now + timedelta(days=3)),
        "note": "请各单位提出意见",
    }
    walkthrough.act(db, "office.staff", instance_id, "open_consultation", consultation, now)
    return instance_id


def test_the_office_consults_the_units_concerned_and_a_silent_unit_has_no_opinion(db, clock):
    now = clock.now()
    instance_id = consulting(db, now)
    assert (meeting(db, instance_id).kind, meeting(db, instance_id).status) == ("special", "soliciting")
    asked = _open(db, instance_id, "suggest_topics")
    assert sorted(t.assignee for t in asked) == sorted(CONCERNED)  # only the units concerned
    assert {t.due_at for t in asked} == {now + timedelta(days=3)}
    assert asked[0].shown["topics"] == "研究尘肺病患者救治救助"
    opinion = {"topics": "建议将医保报销纳入议题"}
    walkthrough.act(db, "liaison.ybj", instance_id, "suggest_topics", opinion, now, unit="ybj")
    walkthrough.act(db, "liaison.wjj", instance_id, "suggest_topics", {"topics": ""}, now, unit="wjj")
    assert not _open(db, instance_id, "compile_proposal")  # mzj still owes its opinion

    assert closing.close_overdue(db, now + timedelta(days=3, minutes=1)) == 1
    (proposal,) = _open(db, instance_id, "compile_proposal")
    assert proposal.shown["suggestions"]["ybj"]["topics"] == "建议将医保报销纳入议题"
    assert proposal.shown["suggestions"]["mzj"] == {"topics": "", "closed_at_deadline": True}
    assert list(proposal.shown["concerned_units"]) == CONCERNED  # the proposal starts from those consulted
    with db.read_session() as session:
        rows = {r["unit"]: r["state"] for r in views.matrix(session, instance_id, "suggest_topics")}
        kept = session.scalars(
            select(TopicSuggestion).where(TopicSuggestion.meeting_id == meeting(db, instance_id).id)
        ).all()
    assert rows == {"wjj": "answered", "mzj": "closed", "ybj": "answered"}
    assert {(s.unit, s.closed_at_deadline) for s in kept} == {("wjj", False), ("mzj", True), ("ybj", False)}


def decided(db, now) -> tuple[int, object]:
    """Consulted, proposed for the units concerned with 区司法局 invited, approved and held."""
    instance_id = walkthrough.special_meeting_consulted(db, now, CONCERNED, "尘肺病救治专题会议")
    meeting_at = now + timedelta(days=5)
    proposal = {
        "title": "尘肺病救治专题会议",
        "topics": "研究尘肺病患者救治救助",
        "meeting_at": iso(meeting_at),
        "place": "区卫健局会议室",
        "concerned_units": CONCERNED,
        "invited_units": ["sfj"],
    }
    walkthrough.act(db, "office.staff", instance_id, "compile_proposal", proposal, now)
    assert meeting(db, instance_id).status == "proposed"
    walkthrough.act(db, "convener", instance_id, "decide_meeting", {"decision": "approve", "chair": "convener"}, now)
    held = meeting_at + timedelta(hours=2)
    timers.fire_due_timers(db, held)
    return instance_id, held


def test_only_the_units_concerned_and_the_invited_can_have_attended(db, clock):
    instance_id, held = decided(db, clock.now())
    with pytest.raises(InvalidData) as refused:
        walkthrough.act(
            db, "office.staff", instance_id, "record_attendance", {"attended_units": ["wjj", "gxj", "swj"]}, held
        )
    assert refused.value.errors["attended_units"].params == {"codes": "gxj, swj"}
    assert meeting(db, instance_id).attended_units == []  # nothing recorded
    walkthrough.act(db, "office.staff", instance_id, "record_attendance", {"attended_units": ["wjj", "sfj"]}, held)
    record = meeting(db, instance_id)
    assert (record.attended_units, record.absent_units) == (["wjj", "sfj"], ["mzj", "ybj"])


def test_a_full_meetings_attendance_offers_its_members_and_invited_units_only(db, clock):
    instance_id, _ = walkthrough.full_meeting_in_cosigning(db, clock.now())  # 区司法局 and 区税务局 invited
    with db.read_session() as session:
        (attendance,) = [
            t
            for t in inbox.all_tasks(session, status="completed", instance_id=instance_id)
            if t.name == "record_attendance"
        ]
    choices = Choices(
        units={"wjj": "区卫生健康局", "sfj": "区司法局", "swj": "区税务局", "gaj": "区公安分局"},
        people={},
        unit_kinds={"wjj": "member", "sfj": "guest", "swj": "guest", "gaj": "guest"},
        data=attendance.shown,
    )
    spec = {"type": "units", "scope": "all", "within": "attendance_candidates"}
    assert list(units_in_scope(spec, choices)) == ["wjj", "sfj", "swj"]


def test_a_units_field_narrowed_by_a_variable_names_it():
    with pytest.raises(FormProblem, match="within must name a variable"):
        load_form("f.json", '{"fields": [{"name": "units", "type": "units", "within": "no such"}]}')
