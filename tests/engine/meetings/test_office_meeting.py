"""Every path of workflows/office_meeting.bpmn, through the engine's services (the joint-meeting rules §四(三))."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine.core.errors import InvalidData
from engine.core.models import AuditEvent
from engine.demo.walkthrough import act, at_receipts, minutes, open_task, proposal, proposed
from engine.workflow import timers
from engine.workflow.models import HumanTask, ProcessInstance

UNITS = ["wjj", "rsj", "zgh"]


@pytest.fixture
def meeting(db, clock):
    """A meeting proposed for five days ahead, awaiting the director."""
    return proposed(db, clock.now(), UNITS, clock.now() + timedelta(days=5), "测试会议")


def decide(db, clock, instance_id, **answer):
    act(db, "office.director", instance_id, "decide_meeting", answer, clock.now())


def instance(db, instance_id) -> ProcessInstance:
    with db.read_session() as session:
        return session.get(ProcessInstance, instance_id)


def test_approved_meeting_runs_to_the_units_receipts(db, clock):
    instance_id = at_receipts(db, clock.now(), UNITS)
    held = clock.now() + timedelta(days=2, hours=3)
    with db.read_session() as session:
        receipts = session.scalars(
            select(HumanTask).where(HumanTask.instance_id == instance_id, HumanTask.name == "receive_minutes")
        ).all()
    assert sorted((t.assignee_kind, t.assignee) for t in receipts) == [("unit", u) for u in sorted(UNITS)]
    assert all(t.due_at == held + timedelta(days=3) for t in receipts)
    for unit in UNITS:
        act(db, f"liaison.{unit}", instance_id, "receive_minutes", {"acknowledged": True}, held, unit=unit)
    assert instance(db, instance_id).status == "completed"


def test_decision_goes_to_the_director_due_in_three_days(db, clock, meeting):
    decision = open_task(db, meeting, "decide_meeting")
    assert (decision.assignee_kind, decision.assignee) == ("role", "office_director")
    assert decision.due_at == clock.now() + timedelta(days=3)
    assert decision.shown["place"] == "区卫生健康局三楼会议室"


def test_director_returns_the_proposal_with_comments_then_approves(db, clock, meeting):
    decide(db, clock, meeting, decision="return", director_comments="请补充议题材料")
    assert open_task(db, meeting, "propose_meeting").shown["director_comments"] == "请补充议题材料"
    act(db, "office.staff", meeting, "propose_meeting", proposal(UNITS, clock.now() + timedelta(days=5)), clock.now())
    decide(db, clock, meeting, decision="approve", chair="office.deputy")
    assert instance(db, meeting).next_timer_at == clock.now() + timedelta(days=5)


def test_cancelled_meeting_ends_without_minutes(db, clock, meeting):
    decide(db, clock, meeting, decision="cancel", director_comments="暂缓召开")
    assert instance(db, meeting).status == "completed"
    with db.read_session() as session:
        still_open = select(HumanTask).where(HumanTask.instance_id == meeting, HumanTask.status == "open")
        assert session.scalars(still_open).all() == []


def test_meeting_waits_for_its_date_then_the_office_records_minutes(db, clock, meeting):
    decide(db, clock, meeting, decision="approve", chair="office.deputy")
    meeting_at = clock.now() + timedelta(days=5)
    assert timers.fire_due_timers(db, meeting_at) == 0
    with pytest.raises(LookupError):
        open_task(db, meeting, "record_minutes")
    assert timers.fire_due_timers(db, meeting_at + timedelta(seconds=1)) == 1
    recording = open_task(db, meeting, "record_minutes")
    assert recording.shown["attending_units"]["rsj"]["name"] == "区人力资源和社会保障局"


def test_delegated_chair_signs_or_returns_the_minutes(db, clock, meeting):
    decide(db, clock, meeting, decision="approve", chair="office.deputy2")
    held = clock.now() + timedelta(days=5, minutes=1)
    timers.fire_due_timers(db, held)
    act(db, "office.staff", meeting, "record_minutes", minutes(UNITS, held), held)
    signing = open_task(db, meeting, "sign_minutes")
    assert (signing.assignee_kind, signing.assignee) == ("person", "office.deputy2")
    returned = {"signature": "return", "chair_comments": "请补充参会情况"}
    act(db, "office.deputy2", meeting, "sign_minutes", returned, held)
    assert open_task(db, meeting, "record_minutes").shown["chair_comments"] == "请补充参会情况"


def test_invalid_decision_is_refused_and_changes_nothing(db, clock, meeting):
    before = instance(db, meeting).version
    with db.read_session() as session:
        events = session.scalar(select(func.count(AuditEvent.id)))
    with pytest.raises(InvalidData) as refused:
        decide(db, clock, meeting, decision="approve")
    assert set(refused.value.errors) == {"chair"}
    assert instance(db, meeting).version == before
    with db.read_session() as session:
        assert session.scalar(select(func.count(AuditEvent.id))) == events
    assert open_task(db, meeting, "decide_meeting").status == "open"
