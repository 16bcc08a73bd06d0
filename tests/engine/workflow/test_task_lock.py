"""The checks on a completion run inside the instance's critical section: on PostgreSQL a
row read before the lock may be stale, so a reassignment the office committed in between must
still stop the old assignee. SQLite serialises whole write transactions and cannot interleave."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine.core.errors import NotFound
from engine.core.uow import UnitOfWork
from engine.demo.walkthrough import at_receipts, open_task
from engine.org import accounts
from engine.workflow import tasks
from engine.workflow.models import HumanTask


def test_a_reassignment_committed_after_the_first_read_stops_the_old_unit(pg_demo, clock):
    instance_id = at_receipts(pg_demo, clock.now(), ["wjj", "jyj"])
    task_id = open_task(pg_demo, instance_id, "receive_minutes", "wjj").id
    later = clock.now() + timedelta(days=3)
    with UnitOfWork(pg_demo) as uow:
        liaison = accounts.find(uow.session, "liaison.wjj")
        first_read = uow.session.get(HumanTask, task_id)  # held, so the session keeps this copy
        assert first_read.assignee == "wjj"
        with UnitOfWork(pg_demo) as office:
            staff = accounts.find(office.session, "office.staff")
            tasks.reassign(office, staff, task_id, "unit", "jyj", "卫健局联络员出差", later)
            office.commit()
        with pytest.raises(NotFound):
            tasks.complete(uow, liaison, task_id, {"acknowledged": True, "note": ""}, later)
