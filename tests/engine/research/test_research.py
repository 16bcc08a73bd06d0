"""Research (调查研究, the joint-meeting rules §二 duty 4): the office plans it with the member units
taking part, each sends its findings by the day set (reminded as everywhere), the office writes the
report, and each proposal may go into the topic pool of the next full meeting, once."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from request_steps import open_tasks
from research_steps import PROPOSALS, UNITS, contributed, planned, reported, research_of
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.errors import Forbidden, InvalidData, NotFound
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.org import accounts
from engine.org.models import Body
from engine.reminders import planning
from engine.reminders.models import Reminder
from engine.research import checks, pool
from engine.research.models import ResearchFinding
from engine.workflow import instances
from engine.workflow.models import HumanTask, ProcessInstance


def put(db, username: str, research_id: int, number: int, now: datetime) -> None:
    with UnitOfWork(db) as uow:
        pool.put(uow.session, accounts.find(uow.session, username), research_id, number, now)
        uow.commit()


def pooled_for_a_new_full_meeting(db, now: datetime) -> list[str]:
    """What the topic pool offers a full meeting whose round opens `now`."""
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, "full_meeting", body, {"title": "全体会议"}, "office.staff", now)
        return [p.text for p in pool.for_full_meeting(uow.session, instance)]


def test_three_units_contribute_and_one_of_two_proposals_goes_into_the_pool_once(db, clock):
    now = clock.now()
    instance_id = planned(db, now)
    asked = open_tasks(db, instance_id, "contribute_findings")
    assert sorted(t.assignee for t in asked) == sorted(UNITS)
    assert {t.due_at.date() for t in asked} == {date(2026, 12, 10)}
    contributed(db, instance_id, now)
    (write,) = open_tasks(db, instance_id, "write_report")
    typed = {"report": "各单位情况汇总", "proposals": "1. 甲\n\n（2） 乙"}
    walkthrough.complete(db, "office.staff", write.id, typed, now)
    research = research_of(db, instance_id)
    assert (research.status, research.reported_by) == ("reported", "office.staff")
    assert [(p.number, p.text) for p in research.proposals] == [(1, "甲"), (2, "乙")]  # typed numbers dropped
    with db.read_session() as session:
        found = session.scalars(select(ResearchFinding.unit).where(ResearchFinding.research_id == research.id))
        assert sorted(found) == sorted(UNITS)
        assert session.get(ProcessInstance, instance_id).status == "completed"
    put(db, "office.staff", research.id, 1, now)
    with pytest.raises(pool.AlreadyPooled):
        put(db, "office.director", research.id, 1, now)
    research = research_of(db, instance_id)
    assert [(p.pooled_by, bool(p.pooled_at)) for p in research.proposals] == [("office.staff", True), (None, False)]
    with db.read_session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "research_proposal_pooled")).all()
    assert [(e.actor, e.instance_id) for e in events] == [("office.staff", instance_id)]
    assert pooled_for_a_new_full_meeting(db, now) == ["甲"]


def test_the_pool_keeps_a_proposal_for_the_full_meeting_after_the_last_one_held(db, clock):
    """The demo's full meeting was held before the proposal went in: it is the next one's."""
    now = clock.now()
    research = research_of(db, reported(db, now))
    put(db, "office.staff", research.id, 2, now)
    with db.read_session() as session:
        held = session.scalar(select(ProcessInstance).where(ProcessInstance.process_id == "full_meeting"))
        assert pool.for_full_meeting(session, held) == []
    assert pooled_for_a_new_full_meeting(db, now) == [PROPOSALS[1]]


def test_only_the_office_puts_a_proposal_into_the_pool(db, clock):
    now = clock.now()
    research = research_of(db, reported(db, now))
    with pytest.raises(Forbidden):
        put(db, "liaison.wjj", research.id, 1, now)  # it takes part: it sees the research
    with pytest.raises(NotFound):
        put(db, "liaison.mzj", research.id, 1, now)  # it does not
    with pytest.raises(NotFound):
        put(db, "office.staff", research.id, 3, now)  # the report made two
    assert not any(p.pooled_at for p in research_of(db, research.instance_id).proposals)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"taking_part": ["wjj", "gl.wjj"]}, "taking_part"),  # the city body's unit
        ({"ends_on": "2026-11-22"}, "ends_on"),
        ({"findings_due": "2027-01-05"}, "findings_due"),
    ],
)
def test_a_plan_that_does_not_hold_is_refused_and_nothing_is_kept(db, clock, changes, field):
    now = clock.now()
    with pytest.raises(InvalidData) as refused:
        planned(db, now, **changes)
    assert field in refused.value.errors
    with db.read_session() as session:
        assert not session.scalars(select(HumanTask).where(HumanTask.name == "contribute_findings")).all()


def test_a_unit_outside_the_body_or_a_guest_takes_no_part_whatever_the_form_offers(db):
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        values = {"taking_part": ["wjj", "sfj", "gl.wjj"], "starts_on": "2026-12-01", "ends_on": "2026-12-31"}
        errors = checks.plan_errors(session, body.id, {**values, "findings_due": "2026-12-10"})
    assert errors["taking_part"].params == {"codes": "sfj, gl.wjj"} and set(errors) == {"taking_part"}


def test_a_unit_silent_past_the_day_is_reminded(db, clock):
    instance_id = planned(db, clock.now())
    planning.plan_due(db, datetime(2026, 12, 14, 10, 0, tzinfo=SHANGHAI))
    with db.read_session() as session:
        query = select(Reminder.unit, Reminder.kind).join(HumanTask).where(HumanTask.instance_id == instance_id)
        reminded = set(session.execute(query).all())
    assert {unit for unit, _ in reminded} == set(UNITS)
    assert "overdue" in {kind for _, kind in reminded}
