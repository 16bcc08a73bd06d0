"""The demo is laid out from the day it is loaded: loaded on another day it shows the same
picture (what README.md describes), not work that went stale while the calendar moved on."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from engine import demo
from engine.core import schema
from engine.core.clock import SHANGHAI
from engine.core.db import Database
from engine.plan_runs.models import PlanRun
from engine.plans.loader import parse_plan
from engine.supervision.models import SupervisedItem
from engine.supervision.status import status_of
from engine.workflow.models import HumanTask
from tests.conftest import DEMO_NOW, WORKFLOWS

SOON = timedelta(days=3)  # the inbox's 即将到期
LATER = datetime(2027, 5, 10, 10, 0, tzinfo=SHANGHAI)  # a Monday half a year on, in another year
# A Monday four weeks on: loaded then, a plan's deadline tied to calendar quarters would fall
# within its lead time, and an extra report task would be open.
QUARTER_END_NEAR = datetime(2026, 12, 21, 10, 0, tzinfo=SHANGHAI)


def picture(url: str, now: datetime) -> dict:
    db = Database(url)
    try:
        with db.read_session() as session:
            return {
                "tasks": _tasks(session.scalars(select(HumanTask).where(HumanTask.status == "open")), now),
                "items": Counter(status_of(item, now) for item in session.scalars(select(SupervisedItem))),
                "plan": [_phase(run, now) for run in session.scalars(select(PlanRun))],
            }
    finally:
        db.dispose()


def _tasks(tasks, now: datetime) -> Counter:
    def when(task: HumanTask) -> str:
        if task.due_at is None:
            return "no due date"
        return "overdue" if task.due_at < now else "due soon" if task.due_at < now + SOON else "later"

    return Counter((task.process_id, task.name, when(task)) for task in tasks)


def _phase(run: PlanRun, now: datetime) -> tuple[str, list[str]]:
    plan = parse_plan(run.source, run.file)
    today = now.date()
    return run.code, [p.code for p in plan.phases if any(start <= today <= end for start, end in p.parts())]


def loaded_on(tmp_path, now: datetime) -> str:
    url = f"sqlite:///{tmp_path / 'later.db'}"
    db = Database(url)
    schema.upgrade(db)
    demo.load(db, WORKFLOWS, now)
    db.dispose()
    return url


@pytest.mark.parametrize("day", [LATER, QUARTER_END_NEAR], ids=["months later", "near a quarter's end"])
def test_the_demo_loaded_on_another_day_shows_the_same_picture(tmp_path, db_url, day):
    first, later = picture(db_url, DEMO_NOW), picture(loaded_on(tmp_path, day), day)  # db_url: loaded at DEMO_NOW
    assert first["plan"] == [("qixing-2026-enterprise-help", ["mobilize"])]
    assert first["items"] == Counter(on_track=3, due_soon=1, overdue=1, closed=1)
    assert sum(n for (_, _, when), n in first["tasks"].items() if when == "overdue") > 0
    assert sum(n for (_, _, when), n in first["tasks"].items() if when == "due soon") > 0
    assert later == first
