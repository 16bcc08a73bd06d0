"""定期召开: a body's regular full meeting opens its round by itself, once, on a working morning."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from engine.core.clock import SHANGHAI
from engine.meetings import rounds
from engine.org.models import Body
from engine.workflow import inbox
from engine.workflow.models import ProcessInstance

LAST = datetime(2026, 6, 5, 10, 0, tzinfo=SHANGHAI)  # six months on is Saturday 5 December 2026


def every_six_months(db) -> None:
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).full_meeting_every_months = 6
        # the demo's full meeting stands for the last round
        session.execute(
            update(ProcessInstance).where(ProcessInstance.process_id == "full_meeting").values(started_at=LAST)
        )
        session.commit()


def full_meetings(db) -> list[ProcessInstance]:
    with db.read_session() as session:
        return list(session.scalars(select(ProcessInstance).where(ProcessInstance.process_id == "full_meeting")))


def test_the_round_opens_on_the_first_working_morning_once(db):
    every_six_months(db)
    assert rounds.open_due_rounds(db, datetime(2026, 12, 5, 9, 0, tzinfo=SHANGHAI)) == 0  # Saturday: closed
    assert rounds.open_due_rounds(db, datetime(2026, 12, 7, 8, 59, tzinfo=SHANGHAI)) == 0
    assert rounds.open_due_rounds(db, datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI)) == 1
    assert rounds.open_due_rounds(db, datetime(2026, 12, 7, 9, 1, tzinfo=SHANGHAI)) == 0
    newest = max(full_meetings(db), key=lambda i: i.started_at)
    assert (newest.started_by, newest.title) == ("system", "2026年12月全体会议")
    with db.read_session() as session:
        (task,) = [t for t in inbox.all_tasks(session, instance_id=newest.id)]
    assert (task.name, task.assignee_kind, task.assignee) == ("open_round", "role", "office")


def test_a_body_meeting_as_needed_opens_nothing(db):
    assert rounds.open_due_rounds(db, datetime(2027, 6, 1, 9, 0, tzinfo=SHANGHAI)) == 0


def test_months_are_calendar_months():
    assert rounds.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert rounds.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert rounds.add_months(date(2027, 12, 15), 1) == date(2028, 1, 15)
