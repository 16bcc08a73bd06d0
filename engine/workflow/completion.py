"""Finishing a task, whoever finishes it — a person, the office on a unit's behalf, or the
deadline (`close_at_due`): run it inside the instance's critical section, write the domain
record its BPMN names, and leave an audit event. One transaction; any failure changes nothing."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.util.task import TaskState

from engine.core import audit
from engine.core.errors import NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.workflow import instances, records
from engine.workflow.models import HumanTask
from engine.workflow.spiff import runtime

# What the audit log adds to the task's title, per way of finishing it.
SUMMARY = {
    "complete": "",
    "complete_on_behalf": " — 代办: {reason}",
    "closed_at_due": " — 截止时未办理，按流程规定办结",
}


def finish(
    uow: UnitOfWork, task: HumanTask, values: dict, by: str, now: datetime, action: str, reason: str | None = None
) -> None:
    # Signed before the run: if the run fails, the unit of work rolls the signature back too.
    task.completed_by, task.on_behalf_reason = by, reason
    data: dict = {}
    instance = instances.run_command(uow, task.instance_id, now, lambda wf: data.update(_run_task(wf, task, values)))
    records.write(uow.session, records.Completion(task, instance, values, data, by, now))
    summary = task.title + SUMMARY[action].format(reason=reason)
    audit.record(
        uow.session,
        now,
        by,
        action,
        body_id=task.body_id,
        instance_id=task.instance_id,
        task_id=task.id,
        summary=summary,
        after=values,
    )


def close_at_due(uow: UnitOfWork, task_id: str, now: datetime) -> None:
    """A request to many units closes at its deadline for those who have not answered, with
    the values its BPMN gives (`close_at_due`), so the round goes on (the joint-meeting rules §四(一))."""
    task = uow.session.get(HumanTask, task_id)
    if task is None or task.status != "open" or task.close_values is None:
        raise NoLongerOpen(f"task {task_id} is not open to close")
    finish(uow, task, dict(task.close_values), "system", now, "closed_at_due")


def past_deadline(task: HumanTask, now: datetime) -> bool:
    """Whether a request that closes at its deadline is past it (as engine.workflow.closing reads it)."""
    return task.close_values is not None and task.due_at is not None and task.due_at < now


def _run_task(workflow, task: HumanTask, values: dict) -> dict:
    """Inside the lock: the row and the workflow are re-read, so a task someone else completed
    a moment ago is caught here rather than completed twice. Returns the task's data after
    it ran: the process variables the domain record may need."""
    spiff_task = runtime.find_task(workflow, task.id)
    if task.status != "open" or spiff_task is None or spiff_task.state != TaskState.READY:
        raise NoLongerOpen(f"task {task.id} is no longer open")
    spiff_task.data.update(values)
    wrapper = spiff_task.parent.task_spec
    if isinstance(wrapper, MultiInstanceTask) and wrapper.output_item is not None:
        # Each unit's answer lands in the output collection, keyed by unit code.
        spiff_task.data[wrapper.output_item.bpmn_id] = dict(values)
    spiff_task.run()
    return dict(spiff_task.data)
