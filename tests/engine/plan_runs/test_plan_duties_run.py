"""What a run opens for the constructs the file now says: a duty with no time limit, one after an
event with no offset, and the recipient shown on each task."""

from __future__ import annotations

from datetime import date

from plan_run_helpers import SMALL_PLAN, at, plan_tasks, start_plan

from engine import background
from engine.core.uow import UnitOfWork
from engine.plan_runs import events
from engine.plan_runs.models import PlanRun

DUTIES = """\
  - code: summary_up
    title: 汇总各单位帮扶情况
    phase: implement
    lead: wjj
    submitter: lead
    to: 市卫生健康委
    rule: {kind: open, text: 汇总后上报市卫生健康委}
  - code: problem_report
    title: 报告帮扶中发现的问题
    phase: implement
    lead: rsj
    submitter: lead
    to: wjj
    rule: {kind: after_event, event: 发现问题, text: 发现问题后及时报告区卫生健康局}
"""


def test_open_ended_duties_open_with_their_phase_with_no_due_and_show_whom_they_go_to(db, settings):
    """ "汇总后上报市卫生健康委" opens when the implement phase begins, undated; "发现问题后及时报告"
    opens at the event, undated; each task names its recipient."""
    text = SMALL_PLAN.read_text(encoding="utf-8").replace("\nreviews:", DUTIES + "\nreviews:")
    run_id = start_plan(db, at(date(2026, 12, 20), 10, 0), text)
    background.run_pass(db, settings, at(date(2027, 2, 1)))
    [summary] = [t for t in plan_tasks(db) if t.shown.get("deliverable_title") == "汇总各单位帮扶情况"]
    assert (summary.assignee, summary.due_at, summary.created_at.date()) == ("wjj", None, date(2027, 2, 1))
    assert summary.shown["recipient"] == "市卫生健康委"
    with UnitOfWork(db) as uow:
        run = uow.session.get(PlanRun, run_id)
        [row] = events.record_event(
            uow, run, "problem_report", date(2027, 3, 2), "", "office.staff", at(date(2027, 3, 2))
        )
        uow.commit()
        assert (row.unit, row.due, row.status) == ("rsj", None, "open")
    [problem] = [t for t in plan_tasks(db) if t.shown.get("deliverable_title") == "报告帮扶中发现的问题"]
    assert (problem.due_at, problem.shown["recipient"]) == (None, "区卫生健康局")
