"""The demo plan's implementation plans, due 30 November, still owed by two units on 4 December:
the plan page lists them as overdue, with the deliverables."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engine.plan_runs.models import PlanRun
from tests.conftest import DEMO_NOW


def test_implementation_plans_owed_after_their_day_are_overdue(db, clock, signed_in):
    with db.read_session() as session:
        run = session.scalar(select(PlanRun.id))
    clock.set(DEMO_NOW + timedelta(days=11))  # Friday 4 December: four days late
    page = signed_in("office.staff").get(f"/plans/{run}").text
    overdue = page[page.index('id="overdue"') : page.index('id="deliverables"')]
    assert "没有逾期未交" not in overdue
    assert overdue.count("制定本单位实施方案") == 2 and overdue.count("2026-11-30") == 2
    assert "区卫生健康局" in overdue and "区科技园区局" in overdue and "区工业和信息化局" not in overdue
    filed = page[page.index('id="implementation-plans"') :]
    assert filed.count("逾期未报送") == 2


def test_not_yet_due_is_not_overdue(db, clock, signed_in):
    with db.read_session() as session:
        run = session.scalar(select(PlanRun.id))
    page = signed_in("office.staff").get(f"/plans/{run}").text  # 23 November
    assert "制定本单位实施方案" not in page[page.index('id="overdue"') : page.index('id="deliverables"')]
    assert "逾期未报送" not in page
