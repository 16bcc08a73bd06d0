"""A full meeting through the engine as its roles would run it (the joint-meeting rules §四(一), §六(三)):
topics solicited from every member unit with a deadline, a proposal returned once, the meeting
held, minutes co-signed by the attending units, one dissent and a second round, issued to all
members and the invited units with a copy to the government."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.core.clock import iso
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.demo.roster import UNITS
from engine.meetings.models import CoSignature, Distribution, Meeting, MinutesVersion, TopicSuggestion
from engine.org.models import Body
from engine.workflow import closing, instances, timers

MEMBERS = [code for code, *_ in UNITS]
ABSENT = "hqlyq"  # a member unit that does not come
ITEMS = "起草年度工作要点｜wjj｜rsj，zgh｜2026-12-31\n开展专项检查｜yjj｜｜2027-01-31"


def start(db, now) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(
            uow.session, "full_meeting", body, {"title": "2026年度全体会议"}, "office.staff", now
        )
        uow.commit()
    return instance.id


def meeting(db, instance_id) -> Meeting:
    with db.read_session() as session:
        return session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))


def held(db, clock) -> int:
    """Opened, topics in (two units late), returned once, approved, and held."""
    now = clock.now()
    instance_id = start(db, now)
    deadline = now + timedelta(days=5)
    walkthrough.act(
        db,
        "office.staff",
        instance_id,
        "open_round",
        {"title": "2026年度全体会议", "topic_deadline": iso(deadline), "note": "请提出议题"},
        now,
    )
    for unit in MEMBERS[:-2]:
        walkthrough.act(
            db, f"liaison.{unit}", instance_id, "suggest_topics", {"topics": f"{unit} 的议题"}, now, unit=unit
        )
    assert closing.close_overdue(db, deadline + timedelta(minutes=1)) == 2
    now = deadline + timedelta(hours=1)
    proposal = {
        "title": "2026年度全体会议",
        "topics": "1. 年度总结",
        "meeting_at": iso(now + timedelta(days=7)),
        "place": "区卫健局会议室",
        "invited_units": ["sfj", "swj"],
    }
    walkthrough.act(db, "office.staff", instance_id, "compile_proposal", proposal, now)
    walkthrough.act(
        db, "convener", instance_id, "decide_meeting", {"decision": "return", "convener_comments": "补充议题"}, now
    )
    walkthrough.act(db, "office.staff", instance_id, "compile_proposal", proposal, now)
    walkthrough.act(db, "convener", instance_id, "decide_meeting", {"decision": "approve"}, now)
    clock.set(now + timedelta(days=7, minutes=1))
    timers.fire_due_timers(db, clock.now())
    attended = [u for u in MEMBERS if u != ABSENT] + ["sfj"]  # swj was invited but did not come
    walkthrough.act(db, "office.staff", instance_id, "record_attendance", {"attended_units": attended}, clock.now())
    walkthrough.act(
        db,
        "office.staff",
        instance_id,
        "draft_minutes",
        {"minutes_text": "会议纪要第一稿", "decided_items": ITEMS},
        clock.now(),
    )
    return instance_id


def cosign_all(db, instance_id, now, dissent: str | None = None) -> None:
    for unit in [u for u in MEMBERS if u != ABSENT] + ["sfj"]:
        answer = {"decision": "disagree", "comment": "第二项时限过紧"} if unit == dissent else {"decision": "agree"}
        walkthrough.act(db, f"liaison.{unit}", instance_id, "cosign_minutes", answer, now, unit=unit)


def test_a_full_meeting_from_topics_to_issued_minutes(db, clock):
    instance_id = held(db, clock)
    record = meeting(db, instance_id)
    assert (record.kind, record.status, record.chair) == ("full", "cosigning", "convener")
    assert ABSENT in record.absent_units and "swj" in record.absent_units and "sfj" in record.attended_units
    with db.read_session() as session:
        late = session.scalars(
            select(TopicSuggestion).where(TopicSuggestion.meeting_id == record.id, TopicSuggestion.closed_at_deadline)
        ).all()
        assert sorted(s.unit for s in late) == sorted(MEMBERS[-2:]) and all(s.topics == "" for s in late)

    cosign_all(db, instance_id, clock.now(), dissent="yjj")
    second = {"minutes_text": "会议纪要第二稿", "decided_items": ITEMS.replace("2027-01-31", "2027-03-31")}
    walkthrough.revised_after_dissent(db, instance_id, "office.director", second, clock.now())
    cosign_all(db, instance_id, clock.now())
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, clock.now())

    record = meeting(db, instance_id)
    assert (record.status, record.seal) == ("issued", "区卫生健康局")
    with db.read_session() as session:
        versions = session.scalars(select(MinutesVersion).where(MinutesVersion.meeting_id == record.id)).all()
        assert [v.number for v in versions] == [1, 2]
        assert versions[1].decided_items[1] == {
            "text": "开展专项检查",
            "lead": "yjj",
            "cooperating": [],
            "due": "2027-03-31",
        }
        assert versions[0].decided_items[0]["cooperating"] == ["rsj", "zgh"]
        signatures = session.scalars(select(CoSignature).where(CoSignature.meeting_id == record.id)).all()
        first = {s.unit: s.decision for s in signatures if s.version_id == versions[0].id}
        second = {s.unit: s.decision for s in signatures if s.version_id == versions[1].id}
        assert first["yjj"] == "disagree" and ABSENT not in first and "sfj" in first and len(first) == 22
        assert set(second.values()) == {"agree"} and len(second) == 22
        copies = {
            d.unit: d.role for d in session.scalars(select(Distribution).where(Distribution.meeting_id == record.id))
        }
    assert {u for u, r in copies.items() if r == "member"} == set(MEMBERS)  # the absent unit receives too
    assert copies["sfj"] == copies["swj"] == "invited"  # attended or not, invited units receive
    assert copies["qzf"] == "copy"  # 抄报区人民政府


def test_a_malformed_decided_item_is_refused_by_line_and_nothing_saved(db, clock):
    instance_id = held(db, clock)
    cosign_all(db, instance_id, clock.now(), dissent="yjj")
    settled = {"outcome": "revised", "mediation_note": "同意延长时限"}
    walkthrough.act(db, "convener", instance_id, "mediate", settled, clock.now())
    with pytest.raises(InvalidData) as refused:
        walkthrough.act(
            db,
            "office.staff",
            instance_id,
            "draft_minutes",
            {"minutes_text": "第二稿", "decided_items": "事项｜nosuch｜｜2027-01-01"},
            clock.now(),
        )
    assert refused.value.errors["decided_items"].params == {"line": 1, "codes": "nosuch"}
    assert walkthrough.open_task(db, instance_id, "draft_minutes").status == "open"
    ours = select(MinutesVersion).where(MinutesVersion.meeting_id == meeting(db, instance_id).id)
    with db.read_session() as session:
        assert len(session.scalars(ours).all()) == 1
