"""Meetings brought to a given step through the engine (engine.demo.walkthrough), so the web tests
spend their time on the pages under test. The steps follow tests/engine/meetings/test_full_meeting.py."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from sqlalchemy import select

from engine.core.clock import iso
from engine.demo import walkthrough
from engine.demo.roster import UNITS
from engine.meetings.models import Meeting
from engine.workflow import timers

MEMBERS = [code for code, *_ in UNITS]
ABSENT = "hqlyq"  # a member unit that does not come
ATTENDED = [u for u in MEMBERS if u != ABSENT] + ["sfj"]  # swj was invited but did not come
ITEMS = "起草年度工作要点｜wjj｜rsj，zgh｜2026-12-31\n开展专项检查｜yjj｜｜2027-01-31"
REVISED_ITEMS = ITEMS.replace("2027-01-31", "2027-03-31")


def start(db, now, title: str = "2026年度全体会议") -> int:
    return walkthrough.start_meeting(db, now, title, process="full_meeting")


def meeting_id(db, instance_id: int) -> int:
    with db.read_session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.instance_id == instance_id))


def soliciting(db, now) -> int:
    """Topics asked of every member unit, due in five days; nobody has answered yet."""
    instance_id = start(db, now)
    round_ = {"title": "2026年度全体会议", "topic_deadline": iso(now + timedelta(days=5)), "note": "请提出议题"}
    walkthrough.act(db, "office.staff", instance_id, "open_round", round_, now)
    return instance_id


def cosigning(db, clock) -> int:
    """Topics in (two units late), approved, held, the first draft out for co-signing; the clock
    stands at the minutes going out."""
    draft = {"minutes_text": "会议纪要第一稿\n会议研究了年度工作。", "decided_items": ITEMS}
    instance_id, sent = walkthrough.full_meeting_in_cosigning(
        db, clock.now(), absent=(ABSENT,), late=tuple(MEMBERS[-2:]), title="2026年度全体会议", draft=draft
    )
    clock.set(sent)
    return instance_id


def cosign_rest(db, instance_id: int, now, skip: tuple[str, ...] = ()) -> None:
    """Every attending unit still owing agrees, but those in `skip`."""
    for unit in ATTENDED:
        if unit not in skip:
            with contextlib.suppress(LookupError):  # this unit has already answered
                walkthrough.act(
                    db, f"liaison.{unit}", instance_id, "cosign_minutes", {"decision": "agree"}, now, unit=unit
                )


SECOND_DRAFT = {"minutes_text": "会议纪要第二稿\n会议研究了年度工作。", "decided_items": REVISED_ITEMS}


def revise(db, instance_id: int, now, mediator: str = "office.director") -> None:
    """The office director settles the dissent; the office's second draft moves the inspection's date."""
    walkthrough.revised_after_dissent(db, instance_id, mediator, SECOND_DRAFT, now)


def issued_special(db, clock, units: list[str]) -> int:
    """A special meeting of `units` held and its minutes signed: copies to them and the government."""
    now = clock.now()
    instance_id = walkthrough.special_meeting_consulted(db, now, units, "尘肺病救治专题会议")
    proposal = {
        "title": "尘肺病救治专题会议",
        "topics": "研究尘肺病患者救治救助",
        "meeting_at": iso(now + timedelta(days=2)),
        "place": "区卫健局会议室",
        "concerned_units": units,
    }
    walkthrough.act(db, "office.staff", instance_id, "compile_proposal", proposal, now)
    walkthrough.act(db, "convener", instance_id, "decide_meeting", {"decision": "approve", "chair": "convener"}, now)
    timers.fire_due_timers(db, now + timedelta(days=2, minutes=1))
    later = now + timedelta(days=2, hours=1)
    walkthrough.act(db, "office.staff", instance_id, "record_attendance", {"attended_units": units}, later)
    walkthrough.act(db, "office.staff", instance_id, "draft_minutes", {"minutes_text": "专题会议纪要"}, later)
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, later)
    return instance_id
