"""Planning's promises beyond the December run: downtime, late arrivals, overrides."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from reports import FIXTURES, START, TWENTY, start_report
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.org.models import Body
from engine.reminders import planning
from engine.reminders.models import Reminder
from engine.reminders.policy import Policy, PolicyProblem
from engine.workflow.models import HumanTask


def kinds(db) -> list[tuple[str, date, bool]]:
    with db.read_session() as session:
        rows = session.scalars(
            select(Reminder).join(HumanTask).where(HumanTask.name == "submit_report", Reminder.unit == TWENTY[0])
        )
        return sorted((r.kind, r.planned_at.date(), r.late) for r in rows)


def test_after_downtime_missed_reminders_are_planned_once_and_marked_late(db):
    start_report(db, START, TWENTY[:2])
    planning.plan_due(db, START)
    back = datetime(2025, 12, 23, 10, 0, tzinfo=SHANGHAI)  # nothing ran from 1 to 23 December
    planning.plan_due(db, back)
    planning.plan_due(db, back)  # once each, however many passes catch up
    assert kinds(db) == [
        ("before", date(2025, 12, 15), True),
        ("before", date(2025, 12, 18), True),
        ("due", date(2025, 12, 19), True),
        ("escalation", date(2025, 12, 22), True),
        ("overdue", date(2025, 12, 22), True),
    ]


def test_a_task_created_after_a_reminders_instant_does_not_get_it(db):
    start_report(db, datetime(2025, 12, 16, 14, 0, tzinfo=SHANGHAI), TWENTY[:2])
    planning.plan_due(db, datetime(2025, 12, 18, 9, 1, tzinfo=SHANGHAI))
    assert kinds(db) == [("before", date(2025, 12, 18), False)]


def test_the_body_sets_its_own_offsets(db):
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).reminder_policy = "before=1; overdue_max=0"
        session.commit()
    start_report(db, START, TWENTY[:2])
    planning.plan_due(db, datetime(2025, 12, 31, 18, 0, tzinfo=SHANGHAI))
    assert kinds(db) == [("before", date(2025, 12, 19), True), ("due", date(2025, 12, 19), True)]


def test_a_task_sets_its_own_through_the_bpmn(db):
    bpmn = (
        (FIXTURES / "unit_report.bpmn")
        .read_text(encoding="utf-8")
        .replace(
            '<spiffworkflow:property name="due" value="deadline"/>',
            '<spiffworkflow:property name="due" value="deadline"/>'
            '<spiffworkflow:property name="reminders" value="before=3; due_day=no; overdue_max=1"/>',
        )
    )
    start_report(db, START, TWENTY[:2], bpmn=bpmn)
    with db.read_session() as session:
        policies = session.scalars(select(HumanTask.reminder_policy).where(HumanTask.name == "submit_report"))
        assert set(policies) == {"before=3; due_day=no; overdue_max=1"}
    planning.plan_due(db, datetime(2025, 12, 31, 18, 0, tzinfo=SHANGHAI))
    assert kinds(db) == [
        ("before", date(2025, 12, 17), True),
        ("escalation", date(2025, 12, 22), True),
        ("overdue", date(2025, 12, 22), True),
    ]


def report_with(process: str, task: str = "") -> str:
    """The fixture with a `reminders` property on its process and, if given, on its task."""
    bpmn = (FIXTURES / "unit_report.bpmn").read_text(encoding="utf-8")
    head = '<bpmn:process id="unit_report" name="单位报送" isExecutable="true">'
    due = '<spiffworkflow:property name="due" value="deadline"/>'
    bpmn = bpmn.replace(
        head,
        f"{head}<bpmn:extensionElements><spiffworkflow:properties>"
        f'<spiffworkflow:property name="reminders" value="{process}"/>'
        "</spiffworkflow:properties></bpmn:extensionElements>",
    )
    return bpmn.replace(due, f'{due}<spiffworkflow:property name="reminders" value="{task}"/>') if task else bpmn


def body_policy(db, text: str) -> None:
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).reminder_policy = text
        session.commit()


def test_a_process_sets_its_own_over_the_bodys(db):
    body_policy(db, "before=8; overdue_max=1")
    start_report(db, START, TWENTY[:2], bpmn=report_with("before=3; due_day=no"))
    planning.plan_due(db, datetime(2025, 12, 31, 18, 0, tzinfo=SHANGHAI))
    # before and due_day from the process; overdue_max, which it leaves alone, from the body
    assert kinds(db) == [
        ("before", date(2025, 12, 17), True),
        ("escalation", date(2025, 12, 22), True),
        ("overdue", date(2025, 12, 22), True),
    ]


def test_a_task_overrides_its_process(db):
    body_policy(db, "overdue_max=0")
    start_report(db, START, TWENTY[:2], bpmn=report_with("before=3; due_day=no", task="before=1"))
    with db.read_session() as session:
        policies = session.scalars(select(HumanTask.reminder_policy).where(HumanTask.name == "submit_report"))
        assert set(policies) == {"before=1; due_day=no"}
    planning.plan_due(db, datetime(2025, 12, 31, 18, 0, tzinfo=SHANGHAI))
    assert kinds(db) == [("before", date(2025, 12, 19), True)]


def test_dry_run_preview_lists_without_recording(db):
    start_report(db, START, TWENTY[:2])
    with db.read_session() as session:
        rows = planning.preview(session, datetime(2025, 12, 15, 9, 0, tzinfo=SHANGHAI))
    assert {(r["unit"], r["kind"], r["planned_at"], r["recipient"], r["channel"]) for r in rows} == {
        (u, "before", "2025-12-15T09:00:00+08:00", f"liaison.{u}", "in_app") for u in TWENTY[:2]
    }
    assert kinds(db) == []


@pytest.mark.parametrize("text", ["before=x", "overdue_every=", "sometimes=1", "at=25:00"])
def test_a_malformed_policy_says_what_is_wrong(text):
    with pytest.raises(PolicyProblem, match=text.split("=")[0]):
        Policy().with_text(text)


def test_a_policy_change_does_not_back_fill_past_days(db):
    start_report(db, START, TWENTY[:2])
    planning.plan_due(db, datetime(2025, 12, 15, 9, 1, tzinfo=SHANGHAI))
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).reminder_policy = "before=8,5,2"
        planning.replan(session, datetime(2025, 12, 15, 9, 2, tzinfo=SHANGHAI))
        session.commit()
    planning.plan_due(db, datetime(2025, 12, 18, 9, 1, tzinfo=SHANGHAI))
    # 8 working days before 20 December is 10 December: past when the policy changed, never sent
    assert kinds(db) == [("before", date(2025, 12, 15), False), ("before", date(2025, 12, 18), False)]


def test_a_broken_stored_policy_falls_back_to_the_defaults(db):
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).reminder_policy = "before=banana"
        session.commit()
    start_report(db, START, TWENTY[:2])
    planning.plan_due(db, datetime(2025, 12, 15, 9, 1, tzinfo=SHANGHAI))
    assert kinds(db) == [("before", date(2025, 12, 15), False)]


@pytest.mark.parametrize("text", ["before=0", "overdue_every=0", "overdue_max=1000", "due_day=maybe"])
def test_policy_numbers_stay_in_sensible_bounds(text):
    with pytest.raises(PolicyProblem):
        Policy().with_text(text)
