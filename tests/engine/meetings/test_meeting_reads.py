"""What the meeting pages read and record through the engine: the meeting of an instance, the
units still owing, each version's co-signatures and each unit's latest decision, the topics
suggested, a copy's minutes, and the receipts written when a unit first opens its task or copy."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.meetings import queries as views
from engine.meetings import receipts
from engine.meetings.models import Distribution
from engine.org import accounts
from engine.workflow.models import HumanTask

ABSENT = ("hqlyq",)
SECOND_DRAFT = {
    "minutes_text": "会议听取了各成员单位年度工作情况汇报，研究部署了下一年度重点工作。\n会议同意延长时限。",
    "decided_items": "起草下一年度工作要点｜wjj｜rsj｜2027-03-31",
}


def open_tasks(db, instance_id: int, name: str) -> list[HumanTask]:
    with db.read_session() as session:
        query = select(HumanTask).where(
            HumanTask.instance_id == instance_id, HumanTask.name == name, HumanTask.status == "open"
        )
        return list(session.scalars(query.order_by(HumanTask.assignee)))


def cosign_all(db, instance_id: int, at, dissent: str | None = None) -> None:
    for task in open_tasks(db, instance_id, "cosign_minutes"):
        answer = {"decision": "disagree", "comment": "时限过紧"} if task.assignee == dissent else {"decision": "agree"}
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, at)


def test_the_meeting_of_an_instance_and_the_units_still_owing(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=ABSENT)
    other = walkthrough.start_meeting(db, clock.now())  # the office's first step: no unit owes yet
    walkthrough.act(db, "liaison.wjj", instance_id, "cosign_minutes", {"decision": "agree"}, held, unit="wjj")
    owing = len(open_tasks(db, instance_id, "cosign_minutes"))
    with db.read_session() as session:
        meeting = views.meeting_of_instance(session, instance_id)
        assert views.instance_of(session, meeting).id == instance_id
        assert views.meeting_of_instance(session, instance_id + 1000) is None
        assert views.units_owing(session, [instance_id, other]) == {instance_id: owing}
        assert views.units_owing(session, []) == {}
        suggested = {s.unit for s in views.suggestions(session, meeting)}
    assert owing > 0 and "wjj" in suggested


def test_each_version_has_its_signatures_and_a_later_decision_replaces_an_earlier(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=ABSENT)
    cosign_all(db, instance_id, held, dissent="yjj")
    walkthrough.revised_after_dissent(db, instance_id, "convener", SECOND_DRAFT, held + timedelta(hours=1))
    walkthrough.act(
        db, "liaison.yjj", instance_id, "cosign_minutes", {"decision": "agree"}, held + timedelta(hours=2), unit="yjj"
    )
    with db.read_session() as session:
        meeting = views.meeting_of_instance(session, instance_id)
        first, second = views.versions(session, meeting)
        signed_first = views.signatures(session, first)
        signed_second = views.signatures(session, second)
        decisions = views.latest_decisions(session, meeting)
    assert {s.unit: s.decision for s in signed_first}["yjj"] == "disagree"
    assert [(s.unit, s.decision) for s in signed_second] == [("yjj", "agree")]
    assert decisions["yjj"] == "agree" and decisions["wjj"] == "agree"


def test_a_task_is_opened_once_and_only_by_who_answers_for_it(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=ABSENT)
    task = walkthrough.open_task(db, instance_id, "cosign_minutes", "rsj")
    with UnitOfWork(db) as uow:
        assert not receipts.task_opened(uow.session, task.id, accounts.find(uow.session, "office.staff"), held)
        assert receipts.task_opened(uow.session, task.id, accounts.find(uow.session, "liaison.rsj"), held)
        later = held + timedelta(hours=1)
        assert not receipts.task_opened(uow.session, task.id, accounts.find(uow.session, "liaison.rsj"), later)
        uow.commit()
    with db.read_session() as session:
        row = session.get(HumanTask, task.id)
    assert (row.first_opened_at, row.first_opened_by) == (held, "liaison.rsj")


def test_a_copy_is_received_by_its_units_people_and_carries_its_minutes(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now())
    cosign_all(db, instance_id, held)
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, held)
    with db.read_session() as session:
        copy_id = session.scalar(select(Distribution.id).where(Distribution.unit == "qzf"))
    with UnitOfWork(db) as uow:
        copy, recorded = receipts.copy_opened(uow.session, copy_id, accounts.find(uow.session, "convener"), held)
        assert not recorded and copy.opened_at is None  # the convener reading it is not the government
        gov = accounts.find(uow.session, "liaison.qzf")
        copy, recorded = receipts.copy_opened(uow.session, copy_id, gov, held + timedelta(hours=1))
        assert recorded
        assert not receipts.copy_opened(uow.session, copy_id, gov, held + timedelta(hours=2))[1]
        uow.commit()
    with db.read_session() as session:
        copy = session.get(Distribution, copy_id)
        (version,) = views.versions(session, views.meeting_of_instance(session, instance_id))
        assert views.minutes_of_copy(session, copy).id == version.id
    assert (copy.opened_by, copy.opened_at) == ("liaison.qzf", held + timedelta(hours=1))
