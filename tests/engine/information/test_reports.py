"""Information reports (信息报送, the joint-meeting rules §五(一)): filed by a member unit's liaison
for its own unit only, reviewed by the office (accepted, returned with a reason and filed again,
or merged into another), a major event raised to the office director at once."""

from __future__ import annotations

from datetime import datetime

import pytest
from information_steps import EVENT, REPORT, filed, report_of, reviewed
from sqlalchemy import func, select

from engine.core.clock import SHANGHAI
from engine.core.errors import Conflict, Forbidden, InvalidData, NotFound
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.information import access, reports
from engine.information.models import InformationReport
from engine.org import accounts
from engine.org.models import Body, Unit
from engine.reminders.models import Notification, OutboxMessage, Reminder
from engine.roster import people
from engine.workflow.models import HumanTask


def filing(db, username: str, unit: str | None, values: dict, now: datetime) -> None:
    with UnitOfWork(db) as uow:
        reports.file(uow.session, accounts.find(uow.session, username), unit, values, None, now)
        uow.commit()


def count(db, model) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model))


def another_bodys_unit(db) -> str:
    with db.read_session() as session:
        ours = select(Unit.code).join(Body).where(Body.code == "qixing")
        return session.scalar(select(Unit.code).where(Unit.code.not_in(ours)).limit(1))


def test_a_report_to_a_unit_of_another_body_or_by_someone_not_its_liaison_is_refused_and_nothing_kept(db, clock):
    now = clock.now()
    with pytest.raises(InvalidData) as wrong_body:
        filing(db, "liaison.wjj", another_bodys_unit(db), REPORT, now)
    assert set(wrong_body.value.errors) == {"unit"}
    for username, unit in [("liaison.wjj", "mzj"), ("office.staff", None), ("member.wjj", None), ("liaison.sfj", None)]:
        with pytest.raises(Forbidden):  # another unit's, the office, the unit's member, a guest unit
            filing(db, username, unit, REPORT, now)
    with pytest.raises(InvalidData) as blank:
        filing(db, "liaison.wjj", None, {**REPORT, "kind": "rumour", "title": " "}, now)
    assert set(blank.value.errors) == {"kind", "title"}
    with pytest.raises(Forbidden):  # 公开 is the office director's to give
        filing(db, "liaison.wjj", None, {**REPORT, "level": "public"}, now)
    assert count(db, InformationReport) == 0
    filing(db, "liaison.wjj", "wjj", REPORT, now)
    assert count(db, InformationReport) == 1


def test_a_major_event_reaches_the_office_director_at_once_in_app_and_through_the_robot(db, clock):
    with UnitOfWork(db) as uow:
        uow.session.scalar(select(Body).where(Body.code == "qixing")).webhook_url = "https://robot.example/hook"
        uow.commit()
    before = count(db, OutboxMessage)
    filed(db, "wjj", clock.now())  # work news: nobody is alerted
    assert count(db, OutboxMessage) == before
    report = report_of(db, filed(db, "yjj", clock.now(), **EVENT))
    with db.read_session() as session:
        (task,) = session.scalars(select(HumanTask).where(HumanTask.instance_id == report.event_instance_id))
        sent = session.execute(
            select(OutboxMessage.recipient, OutboxMessage.channel, OutboxMessage.next_attempt_at)
            .join(Reminder)
            .where(Reminder.task_id == task.id)
        ).all()
    assert (task.name, task.assignee_kind, task.assignee) == ("note_major_event", "role", "office_director")
    assert {(recipient, channel) for recipient, channel, _ in sent} >= {
        ("office.director", "in_app"),
        ("body:qixing", "webhook"),
    }
    assert {at for *_, at in sent} == {clock.now()}  # due now, not at a reminder's usual hour


def test_a_returned_report_is_revised_by_its_unit_and_a_merged_one_points_to_the_other(db, clock):
    now = clock.now()
    first, second = filed(db, "wjj", now), filed(db, "rsj", now)
    with pytest.raises(InvalidData):  # a return says why
        reviewed(db, first, "return", now)
    reviewed(db, first, "return", now, note="请补充随访人数的统计口径")
    with db.read_session() as session:
        liaison = accounts.find(session, "liaison.wjj")
        told = session.scalars(select(Notification.text).where(Notification.person_id == liaison.id)).all()
    assert any("请补充随访人数的统计口径" in text for text in told)
    revised = {**REPORT, "text": "本月共随访尘肺病患者23人（按户籍统计）。"}
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):  # not another unit's liaison
        report = uow.session.get(InformationReport, first)
        reports.revise(uow.session, accounts.find(uow.session, "liaison.rsj"), report, revised, None, now)
    with UnitOfWork(db) as uow:
        report = uow.session.get(InformationReport, first)
        reports.revise(uow.session, accounts.find(uow.session, "liaison.wjj"), report, revised, None, now)
        uow.commit()
    assert (report_of(db, first).status, report_of(db, first).version) == ("submitted", 2)
    with pytest.raises(InvalidData):  # not into itself
        reviewed(db, second, "merge", now, merged_into=second)
    reviewed(db, second, "merge", now, merged_into=first)
    assert (report_of(db, second).status, report_of(db, second).merged_into_id) == ("merged", first)
    with pytest.raises(Conflict):  # reviewed already
        reviewed(db, second, "accept", now)


def test_the_director_notes_a_major_event_on_the_report(db, clock):
    report = report_of(db, filed(db, "yjj", clock.now(), **EVENT))
    later = datetime(2026, 11, 23, 11, 0, tzinfo=SHANGHAI)
    walkthrough.act(
        db, "office.director", report.event_instance_id, "note_major_event", {"instruction": "立即核实"}, later
    )
    noted = report_of(db, report.id)
    assert (noted.director_note, noted.noted_by, noted.noted_at) == ("立即核实", "office.director", later)
    assert noted.status == "submitted"  # the office still reviews it


def test_a_restricted_report_is_read_by_the_office_and_its_unit_not_by_the_administrator(db, clock):
    report_id = filed(db, "wjj", clock.now(), level="restricted")
    with UnitOfWork(db) as uow:  # the body's administrator sees the whole body, and is not cleared for 机密
        body_id = accounts.find(uow.session, "liaison.mzj").body_id
        people.set_roles(uow.session, body_id, "liaison.mzj", ["admin"], "setup", clock.now())
        uow.commit()
    with db.read_session() as session:
        for username in ("office.staff", "convener", "liaison.wjj", "member.wjj"):
            assert access.visible_report(session, accounts.find(session, username), report_id).id == report_id
        for username in ("liaison.zgh", "liaison.mzj"):
            with pytest.raises(NotFound):
                access.visible_report(session, accounts.find(session, username), report_id)
