"""A city body made from nothing but its roster workbook runs a full meeting end to end: its
minutes go out under its own seal, copied to its own government, and its pages name no other body."""

from __future__ import annotations

from datetime import timedelta

from conftest import sign_in
from roster_books import CITY, book
from sqlalchemy import select

from engine.core.clock import iso
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.meetings.models import Distribution, Meeting
from engine.org import accounts
from engine.roster import bodies, workbook
from engine.workflow import timers

SEAL = "湖滨市卫生健康委员会"
LIAISONS = {"wjw": "hb.wjw", "rsj": "hb.rsj", "zgh": "hb.zgh"}  # each member unit's liaison in the workbook
OFFICE, CONVENER = "hb.director", "hb.convener"
PASSWORD = "湖滨市联席会议2026"


def city_from_workbook(db, now) -> None:
    """The site creates the body; its office imports the roster; people set their passwords."""
    with UnitOfWork(db) as uow:
        body = bodies.create(uow.session, {**CITY, "body_seal": SEAL, "office_seal": f"{SEAL}办公室"}, "site", now)
        applied = workbook.apply(uow.session, body.id, workbook.read(book()), OFFICE, now)
        for username in applied.passwords:
            accounts.set_password(uow.session, accounts.find(uow.session, username), PASSWORD, now)
        uow.commit()


def full_meeting(db, clock) -> int:
    now = clock.now()
    instance = walkthrough.start_meeting(db, now, "湖滨市联席会议全体会议", "hubin", "full_meeting", by=OFFICE)

    def act(who: str, step: str, data: dict, unit: str | None = None) -> None:
        walkthrough.act(db, who, instance, step, data, clock.now(), unit=unit)

    act(OFFICE, "open_round", {"title": "湖滨市联席会议全体会议", "topic_deadline": iso(now + timedelta(days=3))})
    for unit, liaison in LIAISONS.items():
        act(liaison, "suggest_topics", {"topics": "本单位年度工作"}, unit)
    meeting_at = now + timedelta(days=5)
    proposal = {
        "title": "湖滨市联席会议全体会议",
        "topics": "1. 年度总结",
        "meeting_at": iso(meeting_at),
        "place": "市卫健委",
    }
    act(OFFICE, "compile_proposal", proposal)
    act(CONVENER, "decide_meeting", {"decision": "approve"})
    clock.set(meeting_at + timedelta(hours=2))
    assert timers.fire_due_timers(db, clock.now()) >= 1
    act(OFFICE, "record_attendance", {"attended_units": list(LIAISONS)})
    act(
        OFFICE,
        "draft_minutes",
        {"minutes_text": "湖滨市联席会议纪要", "decided_items": "起草年度工作要点｜wjw｜rsj｜2026-12-31"},
    )
    for unit, liaison in LIAISONS.items():
        act(liaison, "cosign_minutes", {"decision": "agree"}, unit)
    act(CONVENER, "sign_minutes", {"signature": "sign"})
    return instance


def test_a_city_made_from_its_workbook_issues_minutes_under_its_own_seal(app, clock):
    db = app.extensions["lianxi"].db
    city_from_workbook(db, clock.now())
    instance = full_meeting(db, clock)
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == instance))
        copies = set(session.scalars(select(Distribution.unit).where(Distribution.meeting_id == meeting.id)))
    assert (meeting.status, meeting.seal) == ("issued", SEAL)
    assert copies == {*LIAISONS, "gov"}  # the members, and a copy to the city's government

    director = sign_in(app.test_client(), OFFICE, PASSWORD)
    page = director.get(f"/meetings/{meeting.id}").text
    assert f"{SEAL}（代章）" in page and CITY["name"] in page
    copy = sign_in(app.test_client(), "hb.rsj", PASSWORD).get(f"/meetings/{meeting.id}/copy").text
    assert f"（印发单位：{SEAL} 代章）" in copy and "湖滨市联席会议纪要" in copy
    for shown in (page, copy, director.get("/").text, director.get("/roster/body").text):
        assert "七星" not in shown and "桂林" not in shown
    assert CITY["government_name"] in director.get("/roster/body").text
