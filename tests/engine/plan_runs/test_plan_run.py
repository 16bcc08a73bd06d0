"""A small plan run over the simulated clock from start to end: each unit's tasks reach its inbox
on time and are reminded, the office's quarterly reviews come with their briefing, indicator
values roll up, and the finished plan is cloned into the next year. The story from start to end
is `a_plan_runs_from_start_to_end`, which the jump scenarios run (tests/scenarios/test_jumps.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from plan_run_helpers import SMALL_PLAN, at, complete, finished_plan, inbox_of, passes, plan_tasks, run_of, start_plan
from sqlalchemy import func, select

from engine.core.config import load_settings
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.plan_runs import cloning, events, indicators, starting
from engine.plan_runs.models import DispatchReview, IndicatorValue, PlanDeadline, PlanRun
from engine.plan_runs.runs import plan_of
from engine.plans import PlanError
from engine.reminders.models import Reminder
from engine.workflow.models import HumanTask, ProcessInstance

START = at(date(2026, 12, 20), 10, 0)


def opened_on(db, name: str, unit: str) -> list[date]:
    return [t.created_at.date() for t in plan_tasks(db, status=None) if t.name == name and t.assignee == unit]


def test_mobilize_sends_every_participating_unit_its_implementation_plan(db):
    start_plan(db, START)
    tasks = [t for t in plan_tasks(db) if t.name == "file_implementation_plan"]
    assert sorted(t.assignee for t in tasks) == ["rsj", "wjj", "zgh"]
    assert {t.due_at.date() for t in tasks} == {date(2027, 1, 31)}
    assert [t.name for t in inbox_of(db, "liaison.zgh")] == ["file_implementation_plan"]
    assert inbox_of(db, "liaison.scjgj") == []  # not in the plan


def a_plan_runs_from_start_to_end(db, settings):
    """The whole story, asserted as it goes. tests/scenarios/test_jumps.py runs it, twice: by
    jumps from one due instant to the next, and with a pass every morning."""
    run_id = start_plan(db, START)
    first_quarter(db, settings, run_id)
    event_opens_at_once(db, run_id)
    first_half_reported(db, settings, run_id)
    through_to_the_end(db, settings, run_id)
    assert run_of(db, run_id).status == "finished"


def file_implementation_plans(db, day: date) -> None:
    for task in [t for t in plan_tasks(db) if t.name == "file_implementation_plan"]:
        complete(db, f"liaison.{task.assignee}", task, {"summary": "成立工作专班，明确责任科室"}, at(day, 15))


def first_quarter(db, settings, run_id: int) -> None:
    passes(db, settings, date(2026, 12, 21), date(2027, 2, 23), {date(2027, 1, 10): file_implementation_plans})
    assert opened_on(db, "submit_deliverable", "rsj") == []  # the day before its lead time
    passes(db, settings, date(2027, 2, 24), date(2027, 3, 16))
    # The list due 3-10 reached rsj 14 days ahead; the quarter's progress reached everyone on 3-16.
    assert opened_on(db, "submit_deliverable", "rsj") == [date(2027, 2, 24), date(2027, 3, 16)]
    assert opened_on(db, "submit_deliverable", "wjj") == [date(2027, 3, 16)]
    assert [t.due_at.date() for t in inbox_of(db, "liaison.rsj")] == [date(2027, 3, 10), date(2027, 3, 30)]
    # rsj let the list run late: reminded before, on the day and after, with the escalation.
    listed = next(t for t in plan_tasks(db) if t.due_at.date() == date(2027, 3, 10))
    with db.read_session() as session:
        kinds = {r.kind for r in session.scalars(select(Reminder).where(Reminder.task_id == listed.id))}
    assert kinds == {"before", "due", "overdue", "escalation"}

    # The first quarterly review: briefed the day before, held on the 15th.
    with db.read_session() as session:
        review = session.scalar(select(DispatchReview).where(DispatchReview.run_id == run_id))
        assert (review.quarter, review.briefed_at.date()) == ("2027Q1", date(2027, 3, 14))
        briefing = review.briefing
    assert [(i["deliverable"], i["unit"]) for i in briefing["overdue"]] == [("helped_list", "rsj")]
    assert briefing["at_risk"] == []  # the quarter's progress had not opened on the 14th
    # The demo's issued minutes put two decided items under supervision; neither is closed.
    assert {(i["text"], i["lead_name"]) for i in briefing["open_decided_items"]} >= {
        ("起草年度工作要点", "区卫生健康局"),
        ("开展用人单位劳动合同专项检查", "区人力资源和社会保障局"),
    }
    review_task = next(t for t in plan_tasks(db) if t.name == "hold_dispatch_review")
    assert (review_task.assignee_kind, review_task.assignee, review_task.created_at.date()) == (
        "role",
        "office",
        date(2027, 3, 15),
    )
    complete(db, "office.staff", review_task, {"findings": "区人社局帮扶名单逾期，已督促"}, at(date(2027, 3, 16), 10))
    with db.read_session() as session:
        assert session.get(DispatchReview, review.id).findings == "区人社局帮扶名单逾期，已督促"
    # Each unit submits its quarter's progress; rsj at last its list.
    for task in [t for t in plan_tasks(db) if t.name == "submit_deliverable"]:
        complete(db, f"liaison.{task.assignee}", task, {"summary": "按期完成"}, at(date(2027, 3, 20), 10))


def event_opens_at_once(db, run_id: int) -> None:
    """A clue of an unreported employer: zgh owes its check within 30 days, at once."""
    with UnitOfWork(db) as uow:
        run = uow.session.get(PlanRun, run_id)
        opened = events.record_event(
            uow, run, "clue_check", date(2027, 4, 20), "某五金厂", "office.staff", at(date(2027, 4, 20), 11)
        )
        uow.commit()
        assert [(d.unit, d.due) for d in opened] == [("zgh", date(2027, 5, 20))]
    assert [t.due_at.date() for t in inbox_of(db, "liaison.zgh")] == [date(2027, 5, 20)]


def first_half_reported(db, settings, run_id: int) -> None:
    """rsj and zgh report the indicator for the half-year; together they are short of 40."""
    passes(db, settings, date(2027, 3, 17), date(2027, 7, 1))
    reports = sorted((t for t in plan_tasks(db) if t.name == "report_indicators"), key=lambda t: t.assignee)
    assert [(t.assignee, t.created_at.date(), t.due_at.date()) for t in reports] == [
        ("rsj", date(2027, 6, 30), date(2027, 7, 10)),
        ("zgh", date(2027, 6, 30), date(2027, 7, 10)),
    ]
    assert {t.shown["prefilled_values"] for t in reports} == {"helped｜"}
    for task, value in zip(reports, ("15", "12"), strict=True):
        complete(db, f"liaison.{task.assignee}", task, {"indicator_values": f"helped｜{value}"}, at(date(2027, 7, 2)))
    standing = _standing(db, run_id)
    assert (standing.period, standing.by_unit, standing.rolled, standing.on_track) == (
        "2027H1",
        {"rsj": 15.0, "zgh": 12.0},
        27.0,
        False,
    )


def office_steps(db, day: date) -> list:
    """The office holds the review and the evaluation the day they open; what it completed."""
    done = [t for t in plan_tasks(db) if t.name in ("hold_dispatch_review", "stage_evaluation")]
    for task in done:
        complete(db, "office.staff", task, {"findings": "已调度", "summary": "阶段评估"}, at(day, 10))
    return done


def through_to_the_end(db, settings, run_id: int) -> None:
    """Three reviews in the implement phase, the evaluation, the second half's report, the summary."""
    passes(db, settings, date(2027, 7, 2), date(2028, 1, 1), every_day=office_steps)
    with db.read_session() as session:
        mine = select(DispatchReview).where(DispatchReview.run_id == run_id).order_by(DispatchReview.quarter)
        reviews = session.scalars(mine).all()
        assert [(r.quarter, r.review_at.date(), r.held_at is not None) for r in reviews] == [
            ("2027Q1", date(2027, 3, 15), True),
            ("2027Q2", date(2027, 6, 15), True),
            ("2027Q3", date(2027, 9, 15), True),
        ]
        q3 = reviews[-1].briefing
    assert [i["indicator"] for i in q3["off_track"]] == ["helped"]
    # Nobody sent the second quarter's progress, and zgh never checked the clue.
    assert [(d["deliverable"], d["unit"], d["due"]) for d in q3["overdue"]] == [
        ("clue_check", "zgh", "2027-05-20"),
        ("progress", "rsj", "2027-06-30"),
        ("progress", "wjj", "2027-06-30"),
        ("progress", "zgh", "2027-06-30"),
    ]
    assert q3["missing_reports"] == []
    # The second half's report opens pre-filled with what each unit gave last time: rsj changes its value.
    reports = sorted((t for t in plan_tasks(db) if t.name == "report_indicators"), key=lambda t: t.assignee)
    assert [t.shown["prefilled_values"] for t in reports] == ["helped｜15", "helped｜12"]
    complete(db, "liaison.rsj", reports[0], {"indicator_values": "helped｜25"}, at(date(2028, 1, 2)))
    complete(db, "liaison.zgh", reports[1], {"indicator_values": "helped｜12"}, at(date(2028, 1, 2)))
    standing = _standing(db, run_id)
    assert (standing.period, standing.rolled, standing.on_track) == ("2027H2", 37.0, False)
    assert standing.history == [("2027H1", 27.0), ("2027H2", 37.0)]
    summary = next(t for t in plan_tasks(db) if t.name == "final_summary")
    assert summary.created_at.date() == date(2027, 11, 1)
    complete(db, "office.staff", summary, {"summary": "全年帮扶37家，未达目标"}, at(date(2028, 1, 3)))


def _standing(db, run_id: int) -> indicators.Standing:
    with db.read_session() as session:
        run = session.get(PlanRun, run_id)
        return indicators.standings(session, run, plan_of(run))[0]


def test_a_report_line_that_does_not_read_is_refused_with_its_number(db, settings):
    start_plan(db, START)
    passes(db, settings, date(2027, 6, 30), date(2027, 6, 30))
    task = next(t for t in plan_tasks(db) if t.name == "report_indicators")
    with pytest.raises(InvalidData) as refused:
        complete(
            db, f"liaison.{task.assignee}", task, {"indicator_values": "helped｜12\nhelped｜很多"}, at(date(2027, 7, 1))
        )
    assert refused.value.errors["indicator_values"].params == {"line": 2}
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(IndicatorValue)) == 0
        assert session.get(HumanTask, task.id).status == "open"


@pytest.mark.parametrize(
    ("change", "line", "field"),
    [
        ("end: 2027-12-31", "end: 2027-13-31", "end"),
        ("lead: rsj", "lead: nobody", "deliverables[1].lead"),
    ],
)
def test_a_malformed_plan_is_refused_with_line_and_field_and_nothing_starts(db, change, line, field):
    text = SMALL_PLAN.read_text(encoding="utf-8").replace(change, line, 1)
    with db.read_session() as session:
        before = session.scalar(select(func.count()).select_from(ProcessInstance))
        before_runs = session.scalar(select(func.count()).select_from(PlanRun))
        before_deadlines = session.scalar(select(func.count()).select_from(PlanDeadline))
    with pytest.raises(PlanError) as refused:
        start_plan(db, START, text)
    expected_line = text.splitlines().index(next(x for x in text.splitlines() if line in x)) + 1
    assert (refused.value.line, refused.value.field) == (expected_line, field)
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(ProcessInstance)) == before
        assert session.scalar(select(func.count()).select_from(PlanRun)) == before_runs
        assert session.scalar(select(func.count()).select_from(PlanDeadline)) == before_deadlines


def test_units_the_body_lacks_are_listed_or_added_as_members(db):
    text = SMALL_PLAN.read_text(encoding="utf-8").replace(
        "{code: zgh, name: 区总工会}", "{code: qx_new, name: 区新单位}"
    )
    text = text.replace("zgh", "qx_new")
    with pytest.raises(starting.PlanRefused, match="qx_new（区新单位）"):
        start_plan(db, START, text)
    run_id = start_plan(db, START, text, add_units=True)
    assert run_of(db, run_id).status == "running"
    assert "qx_new" in {t.assignee for t in plan_tasks(db)}


def test_deadlines_already_past_when_a_plan_starts_late_are_shown_not_sent(db, settings):
    run_id = start_plan(db, at(date(2027, 4, 1), 10, 0))
    with db.read_session() as session:
        rows = session.scalars(select(PlanDeadline).where(PlanDeadline.run_id == run_id)).all()
        assert {(r.deliverable, r.status) for r in rows if r.due and r.due < date(2027, 4, 1)} == {
            ("helped_list", "lapsed"),
            ("progress", "lapsed"),
        }


def test_a_finished_plan_is_cloned_into_next_year_with_its_dates_shifted(db):
    run_id = finished_plan(db)
    with UnitOfWork(db) as uow:
        copy = cloning.clone(uow, uow.session.get(PlanRun, run_id), "office.director", at(date(2027, 12, 1), 10))
        uow.commit()
        copy_id = copy.id
    copy = run_of(db, copy_id)
    assert (copy.code, copy.title, copy.start, copy.end, copy.cloned_from_id) == (
        "qixing-2028-small",
        "七星区2028年职业健康帮扶小方案",
        date(2028, 1, 1),
        date(2028, 12, 31),
        run_id,
    )
    with db.read_session() as session:
        dues = sorted(
            {d.due for d in session.scalars(select(PlanDeadline).where(PlanDeadline.run_id == copy_id)) if d.due}
        )
    assert dues == [date(2028, 3, 10), date(2028, 3, 30), date(2028, 6, 30), date(2028, 9, 30), date(2028, 12, 10)]
    mobilize = [t for t in plan_tasks(db) if t.name == "file_implementation_plan" and t.instance_id == copy.instance_id]
    assert {t.due_at.date() for t in mobilize} == {date(2028, 1, 31)}


def test_a_running_plan_is_not_cloned(db):
    run_id = start_plan(db, START)
    with UnitOfWork(db) as uow, pytest.raises(starting.PlanRefused, match="has not finished"):
        cloning.clone(uow, uow.session.get(PlanRun, run_id), "office.director", START + timedelta(days=1))


def test_leap_day_shifts_to_the_28th():
    assert cloning.shifted_source("date: 2028-02-29\nvalue: 2030\n", 1) == "date: 2029-02-28\nvalue: 2030\n"


def test_a_plan_runs_on_postgresql(pg_demo, pg_url, tmp_path):
    """The same start, opening and reporting on PostgreSQL (row locks, JSONB briefing, dates)."""
    settings = load_settings({"LIANXI_DATABASE_URL": pg_url, "LIANXI_INSTANCE_DIR": str(tmp_path)})
    run_id = start_plan(pg_demo, START)
    passes(pg_demo, settings, date(2027, 6, 30), date(2027, 6, 30))
    assert {(t.name, t.assignee) for t in plan_tasks(pg_demo) if t.name != "file_implementation_plan"} >= {
        ("submit_deliverable", "rsj"),
        ("hold_dispatch_review", "office"),
        ("report_indicators", "zgh"),
    }
    report = next(t for t in plan_tasks(pg_demo) if t.name == "report_indicators" and t.assignee == "zgh")
    complete(pg_demo, "liaison.zgh", report, {"indicator_values": "helped｜12"}, at(date(2027, 7, 1)))
    assert _standing(pg_demo, run_id).by_unit == {"zgh": 12.0}
    with pg_demo.read_session() as session:
        briefing = select(DispatchReview.briefing).where(
            DispatchReview.run_id == run_id, DispatchReview.quarter == "2027Q1"
        )
        assert session.scalar(briefing)["overdue"]
