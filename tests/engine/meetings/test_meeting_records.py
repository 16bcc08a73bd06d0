"""What the meeting pages read: the matrix of a request to many, what a co-signer sees changed,
receipts of copies, a disputed matter, the special meeting's shorter road, and 代办 refused
for a co-signature."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.core.clock import iso
from engine.core.errors import Forbidden
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.demo.roster import UNITS
from engine.meetings import queries as views
from engine.meetings.models import DisputedMatter, Distribution, Meeting
from engine.org import accounts
from engine.org.models import Person
from engine.reminders.models import Notification
from engine.supervision.models import SupervisedItem
from engine.workflow import tasks, timers
from engine.workflow.models import HumanTask

ABSENT = ("hqlyq",)


def meeting(db, instance_id) -> Meeting:
    with db.read_session() as session:
        return session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))


def test_the_matrix_puts_stragglers_first(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=ABSENT)
    opened = walkthrough.open_task(db, instance_id, "cosign_minutes", "rsj")
    with UnitOfWork(db) as uow:
        task = uow.session.get(HumanTask, opened.id)
        assert views.note_opened(uow.session, task, accounts.find(uow.session, "liaison.rsj"), held)
        assert not views.note_opened(uow.session, task, accounts.find(uow.session, "liaison.rsj"), held)
        assert not views.note_opened(
            uow.session,
            uow.session.get(HumanTask, walkthrough.open_task(db, instance_id, "cosign_minutes", "wjj").id),
            accounts.find(uow.session, "office.staff"),
            held,
        )
        uow.commit()
    walkthrough.act(db, "liaison.zgh", instance_id, "cosign_minutes", {"decision": "agree"}, held, unit="zgh")
    with db.read_session() as session:
        rows = views.matrix(session, instance_id, "cosign_minutes")
    states = [r["state"] for r in rows]
    assert states == sorted(states, key=views.STATES.index)  # stragglers first
    by_unit = {r["unit"]: r for r in rows}
    assert (by_unit["rsj"]["state"], by_unit["rsj"]["by"]) == ("opened", "liaison.rsj")
    assert (by_unit["zgh"]["state"], by_unit["zgh"]["by"]) == ("accepted", "liaison.zgh")
    assert by_unit["wjj"]["state"] == "not_opened"  # the office looking is not the unit opening
    assert "hqlyq" not in by_unit and "sfj" in by_unit  # absent: no co-sign; invited and present: co-signs


def test_topic_suggestions_closed_at_the_deadline_show_as_closed(db, clock):
    instance_id, _ = walkthrough.full_meeting_in_cosigning(db, clock.now(), late=("ldjd",))
    with db.read_session() as session:
        rows = {r["unit"]: r["state"] for r in views.matrix(session, instance_id, "suggest_topics")}
    assert rows["ldjd"] == "closed" and rows["wjj"] == "answered"


def test_a_cosigner_sees_what_changed_since_the_version_it_signed(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=ABSENT)
    first_round(db, instance_id, held, dissent="yjj", reason="时限过紧")
    second = {
        "minutes_text": "会议听取了各成员单位年度工作情况汇报，研究部署了下一年度重点工作。\n会议同意延长时限。",
        "decided_items": "起草下一年度工作要点｜wjj｜rsj｜2027-03-31",
    }
    walkthrough.revised_after_dissent(db, instance_id, "convener", second, held)
    with db.read_session() as session:
        changes = views.changes_since_signed(session, meeting(db, instance_id), "yjj")
        second_round = views.matrix(session, instance_id, "cosign_minutes")  # the second round is now open
    assert all(row["state"] == "not_opened" for row in second_round)
    assert (changes["from"], changes["to"]) == (1, 2)
    assert "+ 会议同意延长时限。" in changes["lines"]
    assert any(line.startswith("- 议定事项：起草下一年度工作要点") for line in changes["lines"])


def test_mediation_that_fails_sends_the_matter_up_and_the_minutes_go_on(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=ABSENT)
    first_round(db, instance_id, held, dissent="gxj", reason="不同意")
    referred = {
        "outcome": "to_government",
        "disputed_items": "1",
        "disputed_matter": "区工信局与区卫健局对职责分工有分歧",
        "majority_view": "按纪要分工",
        "dissenting_view": "区工信局不同意纪要分工",
    }
    walkthrough.act(db, "office.director", instance_id, "mediate", referred, held)
    signing = walkthrough.open_task(db, instance_id, "sign_minutes")
    assert signing.shown["disputed_matter"] == "区工信局与区卫健局对职责分工有分歧"
    assert signing.shown["minutes_text"] == "会议听取了各成员单位年度工作情况汇报，研究部署了下一年度重点工作。"
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, held)
    with db.read_session() as session:
        (matter,) = session.scalars(select(DisputedMatter)).all()
        (version,) = views.versions(session, meeting(db, instance_id))  # no new version: the co-signed text
        copy = session.scalar(select(Distribution).where(Distribution.unit == "qzf"))
    assert (matter.dissenting_units, matter.recorded_by, matter.items) == (["gxj"], "office.director", [1])
    assert meeting(db, instance_id).status == "issued" and copy.version_id == version.id
    with db.read_session() as session:  # the only item waits for the government: nothing supervised yet
        assert not session.scalars(select(SupervisedItem).where(SupervisedItem.meeting_id == matter.meeting_id)).all()


def test_receipt_is_recorded_once_by_the_units_own_people(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now())
    for task in _open(db, instance_id, "cosign_minutes"):
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, {"decision": "agree"}, held)
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, held)
    with UnitOfWork(db) as uow:
        record = uow.session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))
        gov = accounts.find(uow.session, "liaison.qzf")
        copy = views.copy_for(uow.session, record, gov)
        assert copy.role == "copy"
        assert not views.note_receipt(uow.session, copy, accounts.find(uow.session, "liaison.wjj"), held)
        assert views.note_receipt(uow.session, copy, gov, held + timedelta(hours=1))
        assert not views.note_receipt(uow.session, copy, gov, held + timedelta(hours=2))
        uow.commit()
    with db.read_session() as session:
        row = session.scalar(select(Distribution).where(Distribution.unit == "qzf"))
    assert (row.opened_by, row.opened_at) == ("liaison.qzf", held + timedelta(hours=1))


def test_the_office_cannot_cosign_on_a_units_behalf(db, clock):
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now())
    task = walkthrough.open_task(db, instance_id, "cosign_minutes", "wjj")
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):
        tasks.complete(
            uow,
            accounts.find(uow.session, "office.staff"),
            task.id,
            {"decision": "agree"},
            held,
            on_behalf_reason="联络员出差",
        )


def test_a_special_meeting_chaired_by_delegation_goes_to_attendees_and_the_government(db, clock):
    now = clock.now()
    instance_id = walkthrough.special_meeting_consulted(db, now, ["wjj", "yjj", "rsj"], "尘肺病防治专题会议")
    meeting_at = now + timedelta(days=3)
    walkthrough.act(
        db,
        "office.staff",
        instance_id,
        "compile_proposal",
        {
            "title": "尘肺病防治专题会议",
            "topics": "研究尘肺病防治",
            "meeting_at": iso(meeting_at),
            "place": "区卫健局会议室",
            "concerned_units": ["wjj", "yjj", "rsj"],
        },
        now,
    )
    walkthrough.act(
        db, "convener", instance_id, "decide_meeting", {"decision": "approve", "chair": "office.director"}, now
    )
    timers.fire_due_timers(db, meeting_at + timedelta(minutes=1))
    later = meeting_at + timedelta(hours=2)
    walkthrough.act(db, "office.staff", instance_id, "record_attendance", {"attended_units": ["wjj", "yjj"]}, later)
    walkthrough.act(db, "office.staff", instance_id, "draft_minutes", {"minutes_text": "专题会议纪要"}, later)
    signer = walkthrough.open_task(db, instance_id, "sign_minutes")
    assert (signer.assignee_kind, signer.assignee) == ("role", "convener")  # the convener signs, whoever chaired
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, later)
    record = meeting(db, instance_id)
    assert (record.kind, record.chair, record.absent_units) == ("special", "office.director", ["rsj"])
    with db.read_session() as session:
        copies = {
            d.unit: d.role for d in session.scalars(select(Distribution).where(Distribution.meeting_id == record.id))
        }
    assert copies == {"wjj": "member", "yjj": "member", "qzf": "copy"}


def first_round(db, instance_id: int, at, dissent: str, reason: str) -> None:
    """Every attending unit co-signs the first draft; `dissent` disagrees, giving `reason`."""
    for task in _open(db, instance_id, "cosign_minutes"):
        answer = {"decision": "disagree", "comment": reason} if task.assignee == dissent else {"decision": "agree"}
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, at)


def _open(db, instance_id: int, name: str) -> list[HumanTask]:
    with db.read_session() as session:
        return list(
            session.scalars(
                select(HumanTask).where(
                    HumanTask.instance_id == instance_id, HumanTask.name == name, HumanTask.status == "open"
                )
            )
        )


def test_the_office_meeting_keeps_the_same_records(db, clock):
    """Proposed, returned and proposed again (one meeting on record), held, minutes with decided
    items, signed by the delegated chair, and each unit's receipt recorded as it signs for it."""
    now = clock.now()
    units = ["wjj", "rsj", "zgh"]
    instance_id = walkthrough.proposed(db, now, units, now + timedelta(days=2), "办公室会议")
    walkthrough.act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "return", "director_comments": "请补充议题"},
        now,
    )
    walkthrough.act(
        db,
        "office.staff",
        instance_id,
        "propose_meeting",
        walkthrough.proposal(units, now + timedelta(days=2), "办公室会议（修改）"),
        now,
    )
    walkthrough.act(
        db, "office.director", instance_id, "decide_meeting", {"decision": "approve", "chair": "office.deputy"}, now
    )
    held = now + timedelta(days=2, hours=3)
    timers.fire_due_timers(db, held)
    walkthrough.act(
        db,
        "office.staff",
        instance_id,
        "record_minutes",
        {**walkthrough.minutes(units, held), "attended_units": ["wjj", "rsj"]},
        held,
    )
    walkthrough.act(db, "office.deputy", instance_id, "sign_minutes", {"signature": "sign"}, held)
    walkthrough.act(db, "liaison.rsj", instance_id, "receive_minutes", {"acknowledged": True}, held, unit="rsj")
    record = meeting(db, instance_id)
    assert (record.kind, record.title, record.chair, record.status) == (
        "office",
        "办公室会议（修改）",
        "office.deputy",
        "issued",
    )
    assert (record.attended_units, record.absent_units, record.seal) == (
        ["wjj", "rsj"],
        ["zgh"],
        "区卫生健康局办公室",
    )
    with db.read_session() as session:
        assert len(session.scalars(select(Meeting).where(Meeting.instance_id == instance_id)).all()) == 1
        copies = {
            d.unit: d.opened_by
            for d in session.scalars(select(Distribution).where(Distribution.meeting_id == record.id))
        }
        (version,) = views.versions(session, record)
    assert copies == {"wjj": None, "rsj": "liaison.rsj"}  # office minutes go to the attending units only
    assert [i["lead"] for i in version.decided_items] == ["wjj", "rsj"]


def test_the_meeting_notice_reaches_every_expected_unit(db, clock):
    instance_id, _ = walkthrough.full_meeting_in_cosigning(db, clock.now())
    notice = select(Person.username).join(Notification, Notification.person_id == Person.id)
    with db.read_session() as session:
        told = set(session.scalars(notice.where(Notification.title == f"会议通知：{meeting(db, instance_id).title}")))
    members = {f"liaison.{code}" for code, *_ in UNITS}
    assert told == members | {"liaison.sfj", "liaison.swj"}  # every member, both invited units, not the government
