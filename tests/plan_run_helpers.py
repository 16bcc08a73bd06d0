"""Driving a running plan through the services, as the scheduler and the units would."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

from scenario_time import Grid, every_instant, visits
from sqlalchemy import select

from engine import background
from engine.core.clock import SHANGHAI
from engine.core.config import load_settings
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.demo.plans import DEMO_PLAN_CODE
from engine.org import accounts
from engine.org.models import Body
from engine.plan_runs import starting
from engine.plan_runs.models import IndicatorReport, PlanDeadline, PlanRun
from engine.workflow import inbox
from engine.workflow.models import HumanTask
from tests.conftest import locked

SMALL_PLAN = Path(__file__).resolve().parent / "fixtures" / "plans" / "small_plan.yaml"
PLAN_PROCESSES = ("action_plan", "plan_deliverable", "plan_indicator_report")


def at(day: date, hour: int = 9, minute: int = 1) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def start_plan(db, now: datetime, text: str | None = None, **kw) -> int:
    text = text if text is not None else SMALL_PLAN.read_text(encoding="utf-8")
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        run = starting.start(uow, body, text, "small_plan.yaml", "office.staff", now, **kw)
        uow.commit()
        return run.id


def run_of(db, run_id: int) -> PlanRun:
    with db.read_session() as session:
        return session.get(PlanRun, run_id)


def demo_plan_instances(session) -> set[int]:  # noqa: ANN001
    """The instances of the plan the demo body already runs, which the tests leave out."""
    run = session.scalar(select(PlanRun).where(PlanRun.code == DEMO_PLAN_CODE))
    children = [select(m.instance_id).where(m.run_id == run.id) for m in (PlanDeadline, IndicatorReport)]
    return {run.instance_id, *(i for query in children for i in session.scalars(query))}


def plan_tasks(db, status: str | None = "open") -> list[HumanTask]:
    with db.read_session() as session:
        query = select(HumanTask).where(HumanTask.process_id.in_(PLAN_PROCESSES)).order_by(HumanTask.created_at)
        if status:
            query = query.where(HumanTask.status == status)
        demo = demo_plan_instances(session)
        return [t for t in session.scalars(query) if t.instance_id not in demo]


def passes(db, settings, first: date, last: date, on: dict | None = None, every_day=None, jump=True) -> None:  # noqa: ANN001
    """A scheduler pass at 09:01 each day; after it, what the people do that day (`on[day]`, and
    `every_day`, which returns what it did). With `jump`, only the days something happens on
    (tests/scenario_time.py): a pass on another day would do nothing, and `every_day` would find
    nothing new then but what it opened itself, so the day after one it acted on comes too."""
    on, acted = on or {}, False

    def due(now: datetime) -> datetime | None:
        return now if acted else background.next_due(db, settings, now)

    daily = Grid(at(first), timedelta(days=1))
    for now in visits(daily, at(last), due, map(at, on)) if jump else every_instant(daily, at(last)):
        background.run_pass(db, settings, now)
        day = now.date()
        if day in on:
            on[day](db, day)
        acted = bool(every_day and every_day(db, day))


def inbox_of(db, username: str) -> list[HumanTask]:
    with db.read_session() as session:
        tasks = inbox.for_person(session, accounts.find(session, username))
        demo = demo_plan_instances(session)
        return [t for t in tasks if t.process_id in PLAN_PROCESSES and t.instance_id not in demo]


def complete(db, username: str, task: HumanTask, data: dict, now: datetime) -> None:
    walkthrough.complete(db, username, task.id, data, now)


def plan_in_progress(db, settings) -> int:
    """The small plan on 2 July 2027: the first review held, the list overdue, both units'
    first half-year values in (15 and 12, short of the target of 40)."""
    run_id = start_plan(db, at(date(2026, 12, 20), 10, 0))
    for day in (date(2027, 2, 24), date(2027, 3, 14), date(2027, 3, 15), date(2027, 6, 30)):
        background.run_pass(db, settings, at(day))
    for task in plan_tasks(db):
        if task.name == "hold_dispatch_review":
            complete(db, "office.staff", task, {"findings": "已调度，督促区人社局报送帮扶名单"}, at(date(2027, 7, 1)))
        if task.name == "report_indicators":
            value = {"rsj": 15, "zgh": 12}[task.assignee]
            complete(
                db, f"liaison.{task.assignee}", task, {"indicator_values": f"helped｜{value}"}, at(date(2027, 7, 1))
            )
    return run_id


def plan_template(folder: Path, demo_template: Path) -> tuple[Path, int]:
    """A copy of the demo with the plan in progress (`plan_in_progress`) and its run's id, built
    once into `folder`: given the run's shared folder (conftest.run_folder), once per test run,
    by whichever module and xdist worker asks first."""
    path, run_file = folder / "plan-template.db", folder / "plan-template.json"
    with locked(folder / "plan-template.lock"):
        if not run_file.exists():
            building = folder / "plan-template-building.db"
            shutil.copy(demo_template, building)
            url = f"sqlite:///{building}"
            db = Database(url)
            settings = load_settings({"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": str(folder / "plan-instance")})
            run = plan_in_progress(db, settings)
            db.dispose()
            building.rename(path)
            run_file.write_text(json.dumps({"run": run}))
    return path, json.loads(run_file.read_text())["run"]


def finished_plan(db) -> int:
    """A plan started late in its evaluation phase, evaluated and summed up at once."""
    run_id = start_plan(db, at(date(2027, 11, 2), 10, 0))
    for name in ("stage_evaluation", "final_summary"):
        task = next(t for t in plan_tasks(db) if t.name == name)
        complete(db, "office.staff", task, {"summary": "已完成"}, at(date(2027, 11, 3), 10))
    return run_id
