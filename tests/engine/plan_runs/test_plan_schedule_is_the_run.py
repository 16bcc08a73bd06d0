"""`lianxi plan schedule --json` is what a run opens: every task of the units and of the office,
with its unit (or the office) and due date, and nothing the file does not declare."""

from __future__ import annotations

import json
from datetime import date, timedelta

from click.testing import CliRunner
from plan_run_helpers import SMALL_PLAN, at, complete, plan_tasks, start_plan

from engine import background
from engine.core.clock import SHANGHAI
from engine.plan_runs import starting
from engine.plans.indicator_reports import REPORT_DAYS
from webui.cli.plans import plan


def scheduled(path) -> list[tuple[str, str, date]]:  # noqa: ANN001
    result = CliRunner().invoke(plan, ["schedule", str(path), "--json"])
    rows = json.loads(result.stdout)
    return sorted((r["task"], unit, date.fromisoformat(r["due"])) for r in rows if r["due"] for unit in r["units"])


def opened(db) -> list[tuple[str, str, date]]:  # noqa: ANN001
    tasks = plan_tasks(db, status=None)
    return sorted((t.name, t.assignee, t.due_at.astimezone(SHANGHAI).date()) for t in tasks)


def measured_against_2026(text: str) -> str:
    return text.replace("end: 2027-12-31\n", "end: 2027-12-31\nbaseline: 2026\n", 1).replace(
        "value: 40, aggregate: total}\n    milestones",
        "value: 40, aggregate: total, cumulative_from: 2026}\n    milestones",
    )


def office_holds_what_opens(db, day: date) -> list:  # noqa: ANN001
    done = [t for t in plan_tasks(db) if t.name in ("hold_dispatch_review", "stage_evaluation")]
    for task in done:
        complete(db, "office.staff", task, {"findings": "已调度", "summary": "阶段评估"}, at(day, 10))
    return done


def test_the_schedule_lists_task_for_task_what_a_run_opens(db, settings, tmp_path):
    """The small plan declares each unit's implementation plan, quarterly dispatch reviews, a
    stage evaluation at its midpoint and half-yearly indicator reports, here measured against
    2026 (the office's baseline form): run to its end, the run opens exactly the scheduled tasks."""
    path = tmp_path / "small_plan.yaml"
    path.write_text(measured_against_2026(SMALL_PLAN.read_text(encoding="utf-8")), encoding="utf-8")
    start_plan(db, at(date(2026, 12, 20), 10, 0), path.read_text(encoding="utf-8"))
    listed = scheduled(path)
    assert ("enter_baseline", "office", date(2027, 1, 11)) in listed
    units_open = {due - timedelta(days=starting.LEAD_DAYS) for task, _, due in listed if task == "submit_deliverable"}
    units_open |= {due - timedelta(days=REPORT_DAYS) for task, _, due in listed if task == "report_indicators"}
    office_open = {date(2027, 3, 15), date(2027, 6, 15), date(2027, 7, 2), date(2027, 9, 15), date(2027, 11, 1)}
    for day in sorted(units_open | office_open):  # a pass on each day something opens, as the scheduler's would
        background.run_pass(db, settings, at(day))
        office_holds_what_opens(db, day)
    assert opened(db) == listed


def test_a_plan_that_declares_no_reviews_gets_none(db, settings):
    """The runner adds nothing of its own: without `reviews` and an implementation plan, a run opens
    the units' deliverables and, at the end, the final summary only."""
    text = SMALL_PLAN.read_text(encoding="utf-8")
    text = text.split("\nreviews:")[0] + "\nindicators:" + text.split("\nindicators:")[1]
    text = text.replace("    implementation_plan: true\n", "")
    start_plan(db, at(date(2026, 12, 20), 10, 0), text)
    for day in (date(2027, 3, 15), date(2027, 7, 2), date(2027, 11, 1)):  # a review's, the midpoint, the summary's
        background.run_pass(db, settings, at(day))
    names = {t.name for t in plan_tasks(db, status=None)}
    assert names == {"submit_deliverable", "report_indicators", "final_summary"}
