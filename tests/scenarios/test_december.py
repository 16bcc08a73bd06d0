"""December over the simulated clock: twenty units owe a report by Saturday 20 December 2025.

Some submit early, some late, some not at all; the pass runs on the hour as the scheduler
would, in the hours something is due (tests/scenario_time.py). The exact reminders and
escalations are asserted: the issue's schedule, on working days only, and nothing to a unit once
it has submitted.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from reports import START, TWENTY, start_report
from scenario_time import Grid, visits
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.workdays import WorkCalendar
from engine.demo import walkthrough
from engine.reminders import planning
from engine.reminders.models import Reminder
from engine.workflow.models import HumanTask

pytestmark = pytest.mark.slow  # a month of the simulated clock

EARLY, AFTER_FIRST, LATE, SILENT = TWENTY[:5], TWENTY[5:10], TWENTY[10:15], TWENTY[15:]
SUBMITS = {  # when each group submits
    **{unit: datetime(2025, 12, 10, 15, 0, tzinfo=SHANGHAI) for unit in EARLY},
    **{unit: datetime(2025, 12, 16, 15, 0, tzinfo=SHANGHAI) for unit in AFTER_FIRST},
    **{unit: datetime(2025, 12, 23, 15, 0, tzinfo=SHANGHAI) for unit in LATE},
}
BEFORE = [("before", date(2025, 12, 15)), ("before", date(2025, 12, 18))]
DUE = [("due", date(2025, 12, 19))]
FIRST_OVERDUE = [("escalation", date(2025, 12, 22)), ("overdue", date(2025, 12, 22))]
MORE_OVERDUE = [("overdue", date(2025, 12, d)) for d in (24, 26, 30)]
EXPECTED = {
    **{unit: [] for unit in EARLY},
    **{unit: BEFORE[:1] for unit in AFTER_FIRST},
    **{unit: BEFORE + DUE + FIRST_OVERDUE for unit in LATE},
    **{unit: BEFORE + DUE + FIRST_OVERDUE + MORE_OVERDUE for unit in SILENT},
}


@pytest.fixture
def december(db):
    return start_report(db, START, TWENTY)


def ours():
    """This report's reminders, not those of the demo's own overdue work."""
    return select(Reminder).join(HumanTask).where(HumanTask.name == "submit_report")


HOURLY = Grid(START, timedelta(hours=1))
LAST_HOUR = datetime(2025, 12, 31, 23, 0, tzinfo=SHANGHAI)


def run_december(db, instance_id: int, hours: list[datetime] | None = None) -> None:
    """A planning pass on the hour from START to the year's last hour, each unit submitting at
    its time; the hours something is due in, unless `hours` lists others."""
    for now in hours or visits(HOURLY, LAST_HOUR, lambda now: planning.next_due(db, now), SUBMITS.values()):
        for unit, at in SUBMITS.items():
            if now - timedelta(hours=1) < at <= now:
                task = walkthrough.open_task(db, instance_id, "submit_report", unit)
                walkthrough.complete(db, f"liaison.{unit}", task.id, {"summary": f"{unit} 2025年工作总结"}, at)
        planning.plan_due(db, now)


def reminders_by_unit(db) -> dict[str, list[tuple[str, date]]]:
    with db.read_session() as session:
        rows = session.scalars(ours().order_by(Reminder.planned_at, Reminder.kind)).all()
        found = {unit: [] for unit in TWENTY}
        for r in rows:
            found[r.unit].append((r.kind, r.planned_at.date()))
            assert r.planned_at.time().isoformat() == "09:00:00" and not r.late
            assert r.created_at - r.planned_at < timedelta(hours=1)
    return found


def test_december_reminders_are_exactly_the_policy(db, december):
    run_december(db, december)
    assert reminders_by_unit(db) == EXPECTED


def test_no_reminder_on_a_closed_day_nor_after_submitting(db, december):
    run_december(db, december)
    calendar = WorkCalendar()
    with db.read_session() as session:
        for reminder in session.scalars(ours()):
            assert calendar.is_working_day(reminder.planned_at.date()), reminder.planned_at
            submitted = SUBMITS.get(reminder.unit)
            assert submitted is None or reminder.planned_at < submitted, (reminder.unit, reminder.planned_at)


def test_reminders_go_to_the_liaison_and_escalations_to_the_office_and_leader(db, december):
    run_december(db, december)
    unit = SILENT[0]
    with db.read_session() as session:
        reminders = session.scalars(ours().where(Reminder.unit == unit)).all()
        reminded = {m.recipient for r in reminders if r.kind != "escalation" for m in r.messages}
        escalated = {m.recipient for r in reminders if r.kind == "escalation" for m in r.messages}
    assert reminded == {f"liaison.{unit}"}
    assert escalated == {"office.director", "office.deputy", "office.deputy2", "office.staff", f"member.{unit}"}


def test_a_second_pass_at_the_same_instant_records_nothing_more(db, december):
    run_december(db, december)
    assert planning.plan_due(db, datetime(2025, 12, 31, 23, 0, tzinfo=SHANGHAI)) == []
