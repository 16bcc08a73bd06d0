"""Keep the inbox rows in step with a workflow after every save (docs/SPIFFWORKFLOW.md §9).

Newly READY user tasks get a row, addressed and dated from their BPMN properties; open rows
whose task is no longer READY are closed as completed or cancelled.
"""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from engine.core.clock import parse_instant
from engine.core.errors import ProcessFailure
from engine.org.models import Person, Unit
from engine.reminders import policy
from engine.workflow import properties
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff import runtime


def sync(session: Session, instance: ProcessInstance, workflow: BpmnWorkflow, now: datetime) -> None:
    ready = {str(t.id): t for t in workflow.get_tasks(state=TaskState.READY, manual=True)}
    # Which rows are open is read under the lock. Only the ids are used and only `sync` changes a
    # row's status, so what a row in memory holds does not matter; not flushing first lets a
    # completed task's signature and its closing go out as one UPDATE.
    with session.no_autoflush:
        open_rows = session.scalars(
            select(HumanTask)
            .where(HumanTask.instance_id == instance.id, HumanTask.status == "open")
            .options(load_only(HumanTask.status, HumanTask.closed_at))  # all a row's closing touches
        ).all()
    for row in open_rows:
        if row.id not in ready:
            _close(row, workflow, now)
    known = {row.id for row in open_rows}
    for task_id, task in ready.items():
        if task_id not in known:
            session.add(_open(session, instance, task, now))


def _close(row: HumanTask, workflow: BpmnWorkflow, now: datetime) -> None:
    task = runtime.find_task(workflow, row.id)
    completed = task is not None and task.state == TaskState.COMPLETED
    row.status = "completed" if completed else "cancelled"
    row.closed_at = now


def _open(session: Session, instance: ProcessInstance, task, now: datetime) -> HumanTask:
    spec = task.task_spec
    read = properties.of_task(spec)
    kind, assignee = _assignee(session, instance, task, read)
    return HumanTask(
        id=str(task.id),
        instance_id=instance.id,
        body_id=instance.body_id,
        process_id=instance.process_id,
        name=spec.bpmn_id,
        title=spec.bpmn_name or spec.bpmn_id,
        title_en=read.title_en,
        lane=spec.lane,
        assignee_kind=kind,
        assignee=assignee,
        form_key=read.form_key,
        shown=_shown(task, read, instance),
        due_at=_due(task, read),
        status="open",
        created_at=now,
        reminder_policy=_reminders(task, read),
        record=read.record,
        close_values=read.close_at_due,
        proxy_allowed=read.proxy_allowed,
        next_reminder_at=now,  # the next planning pass works out its reminders
    )


def _assignee(session, instance, task, read: properties.TaskProperties) -> tuple[str, str]:
    value = None if read.assignee is None else _evaluate(task, read.assignee, "assignee")
    if value in (None, ""):  # nobody named: the lane's role (docs/AUTHORING.md)
        return "role", task.task_spec.lane
    value = str(value)
    if session.scalar(select(Unit.id).where(Unit.code == value, Unit.body_id == instance.body_id)):
        return "unit", value
    if session.scalar(select(Person.id).where(Person.username == value, Person.body_id == instance.body_id)):
        return "person", value
    raise ProcessFailure(
        f"task {task.task_spec.bpmn_id}: assignee {value!r} is neither a unit nor a person of this body"
    )


def _due(task, read: properties.TaskProperties) -> datetime | None:
    if read.due is None:
        return None
    value = _evaluate(task, read.due, "due")
    if value in (None, ""):
        return None
    try:
        return parse_instant(str(value))
    except ValueError as exc:
        raise ProcessFailure(f"task {task.task_spec.bpmn_id}: due {value!r} is not a date") from exc


def _reminders(task, read: properties.TaskProperties) -> str:
    """The process's `reminders` with the task's own over them, kept on the row: planning
    then never needs the spec."""
    process = properties.of_process(task.workflow.top_workflow.spec)
    texts = (process.reminders, read.reminders)
    return policy.written(policy.layers(*texts, where=f"task {task.task_spec.bpmn_id}"))


def _shown(task, read: properties.TaskProperties, instance: ProcessInstance) -> dict:
    """What the task page shows, copied now so the page never loads the workflow."""
    names = list(read.show)
    form = instance.spec.forms.get(read.form_key, {"fields": []})
    names += [f["default_from"] for f in form["fields"] if "default_from" in f]
    names += [f[key] for f in form["fields"] for key in ("within", "from") if key in f]  # what choices come from
    shown = {name: task.data[name] for name in names if name in task.data}
    shown["_instance_title"] = instance.title
    return shown


def _evaluate(task, expression: str, what: str):
    try:
        return task.workflow.script_engine.evaluate(task, expression)
    except SpiffWorkflowException as exc:
        raise ProcessFailure(f"task {task.task_spec.bpmn_id}: {what} failed: {exc}") from exc
