"""Twenty liaisons acknowledge the same minutes at the same moment: all twenty are recorded and
the process moves on exactly once (docs/SPIFFWORKFLOW.md §8: naive load → complete → save keeps 1 of 20)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.core.db import Database
from engine.core.models import AuditEvent
from engine.demo.roster import UNITS
from engine.demo.walkthrough import at_receipts, complete, open_task
from engine.workflow import instances
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff import runtime

TWENTY = [code for code, *_ in UNITS[:20]]


def acknowledge_all_at_once(db: Database, instance_id: int, now) -> list:
    task_ids = {unit: open_task(db, instance_id, "receive_minutes", unit).id for unit in TWENTY}
    start = threading.Barrier(len(TWENTY))

    def acknowledge(unit: str):
        start.wait()
        return complete(db, f"liaison.{unit}", task_ids[unit], {"acknowledged": True, "note": unit}, now)

    with ThreadPoolExecutor(max_workers=len(TWENTY)) as pool:
        return list(pool.map(acknowledge, TWENTY))


def assert_all_recorded_once(db: Database, instance_id: int) -> None:
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        rows = session.scalars(
            select(HumanTask).where(HumanTask.instance_id == instance_id, HumanTask.name == "receive_minutes")
        ).all()
        completions = session.scalars(
            select(AuditEvent).where(AuditEvent.instance_id == instance_id, AuditEvent.action == "complete")
        ).all()
        receipts = instances.current_data(instance)["receipts"]
        workflow = runtime.load(instances.parsed_spec(instance.spec), instance.state)
    assert instance.status == "completed"
    # the step after the twenty, the end event, ran once: one completed `done` in the task tree
    assert [t.state for t in workflow.get_tasks() if t.task_spec.name == "done"] == [TaskState.COMPLETED]
    assert len(rows) == 20 and sorted(r.assignee for r in rows if r.status == "completed") == sorted(TWENTY)
    assert sorted(receipts) == sorted(TWENTY)
    assert all(receipts[u] == {"acknowledged": True, "note": u} for u in TWENTY)
    assert len([e for e in completions if e.summary.startswith("签收")]) == 20


def test_twenty_simultaneous_completions_on_sqlite(db, clock):
    instance_id = at_receipts(db, clock.now(), TWENTY)
    acknowledge_all_at_once(db, instance_id, clock.now() + timedelta(days=3))
    assert_all_recorded_once(db, instance_id)


def test_twenty_simultaneous_completions_on_postgresql(pg_demo, clock):
    instance_id = at_receipts(pg_demo, clock.now(), TWENTY)
    acknowledge_all_at_once(pg_demo, instance_id, clock.now() + timedelta(days=3))
    assert_all_recorded_once(pg_demo, instance_id)
