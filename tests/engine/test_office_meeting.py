"""Every path of workflows/office_meeting.bpmn, through the engine's services (seed 004 §四(三))."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engine import instances
from engine.errors import InvalidData
from engine.models import AuditEvent, HumanTask, ProcessInstance
from engine.walkthrough import act, at_receipts, minutes, open_task, proposal, start_meeting

UNITS = ["wjj", "rsj", "zgh"]


def status_of(db, instance_id):
    with db.read_session() as session:
        return session.get(ProcessInstance, instance_id).status


def test_approved_meeting_runs_to_the_units_receipts(db, clock):
    now = clock.now()
    instance_id = at_receipts(db, now, UNITS)
    held = now + timedelta(days=2, hours=3)
    with db.read_session() as session:
        receipts = session.scalars(
            select(HumanTask).where(
                HumanTask.instance_id == instance_id, HumanTask.name == "receive_minutes"
            )
        ).all()
    assert sorted((t.assignee_kind, t.assignee) for t in receipts) == [
        ("unit", u) for u in sorted(UNITS)
    ]
    assert all(t.due_at == held + timedelta(days=3) for t in receipts)
    for unit in UNITS:
        act(
            db,
            f"liaison.{unit}",
            instance_id,
            "receive_minutes",
            {"acknowledged": True},
            held,
            unit=unit,
        )
    assert status_of(db, instance_id) == "completed"


def test_decision_task_is_due_three_days_after_the_proposal(db, clock):
    instance_id = start_meeting(db, clock.now())
    act(
        db,
        "office.staff",
        instance_id,
        "propose_meeting",
        proposal(UNITS, clock.now() + timedelta(days=5)),
        clock.now(),
    )
    decision = open_task(db, instance_id, "decide_meeting")
    assert (decision.assignee_kind, decision.assignee) == ("role", "office_director")
    assert decision.due_at == clock.now() + timedelta(days=3)
    assert decision.shown["place"] == "区卫生健康局三楼会议室"


def test_director_returns_the_proposal_with_comments_then_approves(db, clock):
    now = clock.now()
    instance_id = start_meeting(db, now)
    act(
        db,
        "office.staff",
        instance_id,
        "propose_meeting",
        proposal(UNITS, now + timedelta(days=5)),
        now,
    )
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "return", "director_comments": "请补充议题材料"},
        now,
    )
    again = open_task(db, instance_id, "propose_meeting")
    assert again.shown["director_comments"] == "请补充议题材料"
    act(
        db,
        "office.staff",
        instance_id,
        "propose_meeting",
        proposal(UNITS, now + timedelta(days=5)),
        now,
    )
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "approve", "chair": "office.deputy"},
        now,
    )
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        assert instance.next_timer_at == now + timedelta(days=5)


def test_cancelled_meeting_ends_without_minutes(db, clock):
    now = clock.now()
    instance_id = start_meeting(db, now)
    act(
        db,
        "office.staff",
        instance_id,
        "propose_meeting",
        proposal(UNITS, now + timedelta(days=5)),
        now,
    )
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "cancel", "director_comments": "暂缓召开"},
        now,
    )
    assert status_of(db, instance_id) == "completed"
    with db.read_session() as session:
        assert not session.scalars(
            select(HumanTask).where(
                HumanTask.instance_id == instance_id, HumanTask.status == "open"
            )
        ).all()


def test_meeting_waits_for_its_date_then_the_office_records_minutes(db, clock):
    now = clock.now()
    meeting_at = now + timedelta(days=2)
    instance_id = start_meeting(db, now)
    act(db, "office.staff", instance_id, "propose_meeting", proposal(UNITS, meeting_at), now)
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "approve", "chair": "office.deputy"},
        now,
    )
    assert instances.fire_due_timers(db, meeting_at) == 0
    with pytest.raises(LookupError):
        open_task(db, instance_id, "record_minutes")
    assert instances.fire_due_timers(db, meeting_at + timedelta(seconds=1)) == 1
    assert (
        open_task(db, instance_id, "record_minutes").shown["attending_units"]["rsj"]["name"]
        == "区人力资源和社会保障局"
    )


def test_delegated_chair_signs_or_returns_the_minutes(db, clock):
    now = clock.now()
    meeting_at = now + timedelta(days=1)
    instance_id = start_meeting(db, now)
    act(db, "office.staff", instance_id, "propose_meeting", proposal(UNITS, meeting_at), now)
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "approve", "chair": "office.deputy2"},
        now,
    )
    instances.fire_due_timers(db, meeting_at + timedelta(minutes=1))
    act(db, "office.staff", instance_id, "record_minutes", minutes(UNITS), meeting_at)
    signing = open_task(db, instance_id, "sign_minutes")
    assert (signing.assignee_kind, signing.assignee) == ("person", "office.deputy2")
    act(
        db,
        "office.deputy2",
        instance_id,
        "sign_minutes",
        {"signature": "return", "chair_comments": "请补充参会情况"},
        meeting_at,
    )
    assert open_task(db, instance_id, "record_minutes").shown["chair_comments"] == "请补充参会情况"


def test_invalid_decision_is_refused_and_changes_nothing(db, clock):
    now = clock.now()
    instance_id = start_meeting(db, now)
    act(
        db,
        "office.staff",
        instance_id,
        "propose_meeting",
        proposal(UNITS, now + timedelta(days=5)),
        now,
    )
    with db.read_session() as session:
        before = session.get(ProcessInstance, instance_id).version
        events = len(session.scalars(select(AuditEvent)).all())
    with pytest.raises(InvalidData) as refused:
        act(db, "office.director", instance_id, "decide_meeting", {"decision": "approve"}, now)
    assert set(refused.value.errors) == {"chair"}
    with db.read_session() as session:
        assert session.get(ProcessInstance, instance_id).version == before
        assert len(session.scalars(select(AuditEvent)).all()) == events
    assert open_task(db, instance_id, "decide_meeting").status == "open"
