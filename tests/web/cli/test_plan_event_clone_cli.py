"""`lianxi plan event` and `lianxi plan clone`: what the plan page's event form and clone button do,
from the command line, with the exit statuses docs/INTERFACE.md promises."""

from __future__ import annotations

from datetime import date

from plan_run_helpers import finished_plan
from sqlalchemy import func, select

from engine.demo.plans import DEMO_PLAN_CODE
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.workflow.models import HumanTask


def demo_run(db) -> int:
    with db.read_session() as session:
        return session.scalar(select(PlanRun.id).where(PlanRun.code == DEMO_PLAN_CODE))


def test_an_event_opens_the_deadline_it_drives_and_bad_input_opens_nothing(run, db):
    run_id = demo_run(db)
    event = ("plan", "event", run_id, "--deliverable", "clue_check", "--on", "2026-11-23", "--body", "qixing")
    with db.read_session() as session:
        before = session.scalar(select(func.count()).select_from(PlanDeadline))
    assert run(*event[:-1], "guilin").exit_code == 4  # another body's run
    assert run("plan", "event", 999, *event[3:]).exit_code == 4
    unknown = run(*event[:4], "progress", *event[5:])
    assert unknown.exit_code == 6 and "deliverable: not_a_choice" in unknown.stderr
    too_long = run(*event, "--note", "厂" * 101)
    assert too_long.exit_code == 6 and "note: too_long (max: 100)" in too_long.stderr
    assert run(*event[:6], "昨天", *event[7:]).exit_code == 2
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(PlanDeadline)) == before
    done = run(*event, "--note", "某五金厂")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        f"plan {run_id}: clue_check on 2026-11-23, 1 deadline(s) opened",
        "gxj\t2026-12-23\t核实新发现的应帮扶企业（某五金厂）",
    ]
    with db.read_session() as session:
        opened = session.scalar(select(PlanDeadline).where(PlanDeadline.event_on == date(2026, 11, 23)))
        task = session.scalar(select(HumanTask).where(HumanTask.instance_id == opened.instance_id))
        assert (task.assignee, task.status, task.due_at.date()) == ("gxj", "open", date(2026, 12, 23))


def test_a_finished_plan_is_cloned_into_next_year_and_a_running_one_is_not(run, db):
    running = run("plan", "clone", demo_run(db), "--body", "qixing")
    assert running.exit_code == 6 and "only a finished plan is cloned" in running.stderr
    finished = finished_plan(db)
    done = run("plan", "clone", finished, "--body", "qixing")
    assert done.exit_code == 0, done.output
    assert "七星区2028年职业健康帮扶小方案 (2028-01-01 – 2028-12-31)" in done.stdout
    assert done.stdout.strip().endswith(f"cloned from plan {finished}")
    with db.read_session() as session:
        copy = session.scalar(select(PlanRun).where(PlanRun.cloned_from_id == finished))
        assert (copy.code, copy.status, copy.started_by) == ("qixing-2028-small", "running", "cli")
        dues = session.scalars(select(PlanDeadline.due).where(PlanDeadline.run_id == copy.id)).all()
        assert date(2028, 3, 10) in dues and copy.instance_id is not None  # the list's 3月10日, a year on
    assert run("plan", "clone", finished, "--body", "qixing").exit_code == 6  # next year's runs already
