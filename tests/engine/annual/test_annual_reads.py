"""The annual cycle an instance runs, found from the instance (the task page's extras)."""

from __future__ import annotations

from datetime import datetime

from engine.annual import cycles
from engine.annual import queries as views
from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.org import queries as roster

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def test_the_cycle_of_an_annual_instance_and_none_for_another(db):
    with UnitOfWork(db) as uow:
        cycle = cycles.start_cycle(uow.session, roster.body_by_code(uow.session, "qixing"), 2026, NOW)
        uow.commit()
    meeting = walkthrough.start_meeting(db, NOW)
    with db.read_session() as session:
        assert views.cycle_of_instance(session, cycle.instance_id).id == cycle.id
        assert views.cycle_of_instance(session, meeting) is None
