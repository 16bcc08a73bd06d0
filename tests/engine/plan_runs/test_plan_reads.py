"""What a plan's page reads of a run: the dispatch reviews in quarter order (the indicator values
are read with their judgements: tests/unit/plans, tests/web/plans)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.plan_runs import queries as views
from engine.plan_runs.models import DispatchReview, PlanRun

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def demo_run(session) -> PlanRun:
    return session.scalar(select(PlanRun).order_by(PlanRun.id).limit(1))


def test_dispatch_reviews_come_in_quarter_order(db):
    with UnitOfWork(db) as uow:
        run = demo_run(uow.session)
        for quarter in ("2026Q3", "2026Q1", "2026Q2"):
            uow.session.add(DispatchReview(run_id=run.id, quarter=quarter, review_at=NOW, briefing={}, briefed_at=NOW))
        uow.commit()
    with db.read_session() as session:
        reviews = views.dispatch_reviews(session, demo_run(session))
    assert [r.quarter for r in reviews] == ["2026Q1", "2026Q2", "2026Q3"]
