"""On PostgreSQL: one cycle per body and year, whatever starts it twice."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from engine.annual import cycles
from engine.annual.models import AnnualCycle
from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.workflow.models import ProcessInstance

DEC_1 = datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)


def test_the_year_starts_once_and_the_database_refuses_a_second(pg_demo):
    assert cycles.start_due_cycles(pg_demo, DEC_1) == 2  # the demo's district and city
    assert cycles.start_due_cycles(pg_demo, DEC_1) == 0
    with pg_demo.read_session() as session:
        first = session.scalars(select(AnnualCycle).order_by(AnnualCycle.id)).first()
        other = session.scalar(
            select(func.min(ProcessInstance.id)).where(ProcessInstance.process_id != "annual_summary")
        )
        assert first.deadline_at == datetime(2026, 12, 20, 23, 59, 59, tzinfo=SHANGHAI)
    with UnitOfWork(pg_demo) as uow, pytest.raises(IntegrityError):
        copy = AnnualCycle(
            body_id=first.body_id,
            year=2026,
            instance_id=other,  # another instance: only (body, year) is the same
            deadline=first.deadline,
            deadline_at=first.deadline_at,
            require_convener_approval=False,
            status="collecting",
            started_at=DEC_1,
        )
        uow.session.add(copy)
        uow.session.flush()
    with pg_demo.read_session() as session:
        assert session.scalar(select(func.count()).select_from(AnnualCycle)) == 2
