"""Who may answer a task: a co-signature is the unit's own consent, which neither 代办
nor reassignment may replace; a role's lane is worked by people holding that role; and a
request closed at its deadline (`close_at_due`) takes no late answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from engine.core.clock import iso
from engine.core.errors import DeadlinePassed, Forbidden, NotReassignable
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.meetings.models import CoSignature, Meeting, TopicSuggestion
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import closing, inbox, instances, tasks
from engine.workflow.models import HumanTask


def reassign(db, task_id: str, target: str, now, by: str = "office.staff") -> None:
    kind, _sep, assignee = target.partition(":")
    with UnitOfWork(db) as uow:
        tasks.reassign(uow, accounts.find(uow.session, by), task_id, kind, assignee, "人员调整", now)
        uow.commit()


def row(db, task_id: str) -> HumanTask:
    with db.read_session() as session:
        return session.get(HumanTask, task_id)


def start(db, now, process: str, title: str) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, process, body, {"title": title}, "office.staff", now)
        uow.commit()
    return instance.id


def at_signing(db, now) -> tuple[int, object]:
    """A full meeting whose minutes every attending unit has agreed to: the convener's to sign
    (the lane a special meeting's signature sits in too)."""
    instance_id, sent = walkthrough.full_meeting_in_cosigning(db, now)
    with db.read_session() as session:
        owed = [t for t in inbox.all_tasks(session, instance_id=instance_id) if t.name == "cosign_minutes"]
    for task in owed:
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, {"decision": "agree"}, sent)
    return instance_id, sent


def suggestion_of(instance_id: int, unit: str):
    return (
        select(TopicSuggestion)
        .join(Meeting, Meeting.id == TopicSuggestion.meeting_id)
        .where(Meeting.instance_id == instance_id, TopicSuggestion.unit == unit)
    )


def soliciting(db, now) -> tuple[int, object]:
    """Topics asked of every member unit, due in five days. Returns the instance and the deadline."""
    instance_id = start(db, now, "full_meeting", "2026年度全体会议")
    deadline = now + timedelta(days=5)
    round_ = {"title": "2026年度全体会议", "topic_deadline": iso(deadline), "note": "请提出议题"}
    walkthrough.act(db, "office.staff", instance_id, "open_round", round_, now)
    return instance_id, deadline


@pytest.mark.parametrize("target", ["person:office.staff", "unit:wjj", "person:liaison.scjgj", "unit:scjgj"])
def test_a_co_signature_is_not_reassigned(db, clock, target):
    instance_id, sent = walkthrough.full_meeting_in_cosigning(db, clock.now())
    task = walkthrough.open_task(db, instance_id, "cosign_minutes", unit="scjgj")
    with pytest.raises(NotReassignable, match="own consent") as refused:
        reassign(db, task.id, target, sent)
    assert isinstance(refused.value, Forbidden) and refused.value.rule == "own_consent"
    after = row(db, task.id)
    assert (after.assignee_kind, after.assignee, after.status) == ("unit", "scjgj", "open")


def test_the_convener_lane_goes_only_to_the_convener(db, clock):
    instance_id, now = at_signing(db, clock.now())
    task = walkthrough.open_task(db, instance_id, "sign_minutes")
    for target in ("person:office.staff", "person:office.director", "unit:wjj"):
        with pytest.raises(NotReassignable, match="convener") as refused:
            reassign(db, task.id, target, now)
        assert refused.value.rule == "lane_role"
    assert (row(db, task.id).assignee_kind, row(db, task.id).assignee) == ("role", "convener")

    reassign(db, task.id, "person:convener", now)  # to the convener by name: allowed
    walkthrough.complete(db, "convener", task.id, {"signature": "sign"}, now)
    with db.read_session() as session:
        assert session.scalar(select(Meeting.signed_by).where(Meeting.instance_id == instance_id)) == "convener"


def test_an_office_task_moves_within_the_office(db, clock):
    instance_id, _deadline = soliciting(db, clock.now())
    for unit in ("wjj", "yjj"):
        task = walkthrough.open_task(db, instance_id, "suggest_topics", unit=unit)
        walkthrough.complete(db, f"liaison.{unit}", task.id, {"topics": ""}, clock.now())
    closing.close_overdue(db, clock.now() + timedelta(days=6))
    task = walkthrough.open_task(db, instance_id, "compile_proposal")
    with pytest.raises(NotReassignable):
        reassign(db, task.id, "person:liaison.wjj", clock.now())
    reassign(db, task.id, "person:office.deputy", clock.now())
    assert (row(db, task.id).assignee_kind, row(db, task.id).assignee) == ("person", "office.deputy")


def test_a_topic_suggestion_reassigned_is_still_the_units(db, clock):
    """A unit's request may go elsewhere (it is not a consent); the record keeps the unit it asked."""
    instance_id, _deadline = soliciting(db, clock.now())
    task = walkthrough.open_task(db, instance_id, "suggest_topics", unit="xcb")
    reassign(db, task.id, "person:office.deputy", clock.now())
    walkthrough.complete(db, "office.deputy", task.id, {"topics": "宣传议题"}, clock.now())
    with db.read_session() as session:
        suggestion = session.scalar(suggestion_of(instance_id, "xcb"))
    assert (suggestion.topics, suggestion.submitted_by) == ("宣传议题", "office.deputy")


def test_a_co_signature_records_the_unit_it_was_asked_of(db, clock):
    """Even a task moved to a person before these rules (rows as the old reassign left them)
    records its unit, never the person."""
    instance_id, sent = walkthrough.full_meeting_in_cosigning(db, clock.now())
    task = walkthrough.open_task(db, instance_id, "cosign_minutes", unit="scjgj")
    with UnitOfWork(db) as uow:
        uow.session.execute(
            update(HumanTask).where(HumanTask.id == task.id).values(assignee_kind="person", assignee="liaison.scjgj")
        )
        uow.commit()
    walkthrough.complete(db, "liaison.scjgj", task.id, {"decision": "agree"}, sent)
    with db.read_session() as session:
        signature = session.scalar(select(CoSignature).where(CoSignature.task_id == task.id))
    assert (signature.unit, signature.signed_by) == ("scjgj", "liaison.scjgj")


def test_a_suggestion_after_the_deadline_is_refused_and_the_unit_closed(db, clock):
    instance_id, deadline = soliciting(db, clock.now())
    on_time = walkthrough.open_task(db, instance_id, "suggest_topics", unit="wjj")
    walkthrough.complete(db, "liaison.wjj", on_time.id, {"topics": "准时的议题"}, deadline)  # at the deadline: in time
    late = walkthrough.open_task(db, instance_id, "suggest_topics", unit="xcb")
    after = deadline + timedelta(seconds=30)  # before the scheduler's next pass

    with pytest.raises(DeadlinePassed, match="deadline"):
        walkthrough.complete(db, "liaison.xcb", late.id, {"topics": "迟到的议题"}, after)

    closed = row(db, late.id)
    assert (closed.status, closed.completed_by, closed.closed_at) == ("completed", "system", after)
    with db.read_session() as session:
        suggestion = session.scalar(suggestion_of(instance_id, "xcb"))
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.task_id == late.id)).all()
    assert (suggestion.topics, suggestion.closed_at_deadline, suggestion.submitted_by) == ("", True, "system")
    assert actions == ["closed_at_due"]
    closing.close_overdue(db, after + timedelta(minutes=1))  # the next pass closes the others, not this one again
    with db.read_session() as session:
        assert len(session.scalars(suggestion_of(instance_id, "xcb")).all()) == 1


def test_a_suggestion_after_the_scheduler_closed_the_request_says_so(db, clock):
    instance_id, deadline = soliciting(db, clock.now())
    late = walkthrough.open_task(db, instance_id, "suggest_topics", unit="xcb")
    closing.close_overdue(db, deadline + timedelta(minutes=1))
    with pytest.raises(DeadlinePassed):
        walkthrough.complete(db, "liaison.xcb", late.id, {"topics": "迟到的议题"}, deadline + timedelta(hours=1))


def test_the_office_cannot_answer_for_a_unit_after_the_deadline_either(db, clock):
    instance_id, deadline = soliciting(db, clock.now())
    late = walkthrough.open_task(db, instance_id, "suggest_topics", unit="xcb")
    with pytest.raises(DeadlinePassed):
        walkthrough.complete(
            db,
            "office.staff",
            late.id,
            {"topics": "补报"},
            deadline + timedelta(minutes=5),
            on_behalf_reason="电话报送",
        )
    assert row(db, late.id).completed_by == "system"
