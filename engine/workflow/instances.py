"""Starting instances and running commands on them inside the per-instance critical section.

Every change to an instance goes through `run_command`: lock, load, act, run the engine, save
with version + 1, sync the inbox, audit — then the caller commits. Anything raised on the way
leaves the database as it was (the unit of work rolls back).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, undefer
from sqlalchemy.orm.exc import StaleDataError

from engine.core import audit, limits
from engine.core.errors import Conflict, Forbidden, NotFound, ProcessFailure
from engine.core.uow import UnitOfWork
from engine.org.models import Body, Person, Unit
from engine.workflow import access, inbox_sync, properties, step_failures
from engine.workflow.models import ProcessInstance, WorkflowSpec
from engine.workflow.services.calling import serving
from engine.workflow.spiff import events, runtime, script_calendar, timers
from engine.workflow.spiff.parsing import ParsedProcess
from engine.workflow.spiff.timeshift import engine_time

log = logging.getLogger(__name__)


def parsed_spec(spec: WorkflowSpec) -> ParsedProcess:
    return runtime.SPECS.get(spec.content_hash, spec.process_id, lambda: spec.sources)


def latest_spec(session: Session, process_id: str) -> WorkflowSpec:
    spec = session.scalar(
        select(WorkflowSpec).where(WorkflowSpec.process_id == process_id).order_by(WorkflowSpec.version.desc()).limit(1)
    )
    if spec is None:
        raise NotFound(f"no deployed process {process_id!r}")
    return spec


def body_units(session: Session, body: Body) -> dict[str, dict]:
    """Every process sees the body's units keyed by code, in roster order: the shape a
    multi-instance task over units takes (docs/SPIFFWORKFLOW.md §4)."""
    rows = session.execute(
        select(Unit.code, Unit.name, Unit.kind).where(Unit.body_id == body.id).order_by(Unit.sort_order)
    ).all()
    return {code: {"code": code, "name": name, "kind": kind} for code, name, kind in rows}


def startable_by(spec: WorkflowSpec, person: Person) -> bool:
    """Whether the 发起流程 page offers it to the person."""
    read = properties.of_process(parsed_spec(spec).spec)
    return read.manual_start and access.may_start(person, read.member_start)


def start_by_hand(
    session: Session, process_id: str, body: Body, data: dict, actor: str, now: datetime, unit: str | None = None
) -> ProcessInstance:
    """`unit`: the member unit a liaison starts it for, where the process lets one (`member_start`)."""
    spec = latest_spec(session, process_id)
    read = properties.of_process(parsed_spec(spec).spec)
    if not read.manual_start:
        raise Forbidden(f"process {process_id!r} is started by lianxi itself, not by hand")
    if unit is not None and not read.member_start:
        raise Forbidden(f"process {process_id!r} is started by the office, not by a member unit")
    limits.refuse_long(data, title=limits.TITLE_MAX)
    return start_on(session, spec, body, {**data, "started_by_unit": unit or ""}, actor, now)


def start(session: Session, process_id: str, body: Body, data: dict, actor: str, now: datetime) -> ProcessInstance:
    return start_on(session, latest_spec(session, process_id), body, data, actor, now)


def start_on(
    session: Session, spec: WorkflowSpec, body: Body, data: dict, actor: str, now: datetime
) -> ProcessInstance:
    """`start` on a spec the caller has already read."""
    title = str(data.get("title") or spec.name)
    units = body_units(session, body)
    members = {code: unit for code, unit in units.items() if unit["kind"] == "member"}
    initial = {"member_units": members, "all_units": units, "started_by_unit": "", **data}
    initial |= {"body_code": body.code, "started_by": actor}
    workflow = runtime.new_workflow(parsed_spec(spec), initial)
    instance = ProcessInstance(
        body_id=body.id,
        spec=spec,
        process_id=spec.process_id,
        title=title[:300],
        state="",
        status="running",
        started_by=actor,
        started_at=now,
        updated_at=now,
        serializer_version=runtime.SERIALIZER_VERSION,
    )
    session.add(instance)
    session.flush()
    failures = _advance(session, instance, workflow, now, lambda wf: None)
    _save(session, instance, workflow, now)
    step_failures.record(session, instance, failures, now)
    audit.record(
        session,
        now,
        actor,
        "start",
        body_id=body.id,
        instance_id=instance.id,
        summary=f"{spec.process_id} v{spec.version}",
        after={"data": data},
    )
    return instance


def lock(uow: UnitOfWork, instance_id: int) -> ProcessInstance:
    """The per-instance critical section: FOR UPDATE on PostgreSQL; on SQLite the write
    transaction already began IMMEDIATE and holds the database's write lock. Once locked, the
    row cannot change under this transaction, so a second call does not read it again."""
    if instance_id in uow.locked:
        return uow.locked[instance_id]
    instance = uow.session.scalars(
        select(ProcessInstance)
        .where(ProcessInstance.id == instance_id)
        .options(undefer(ProcessInstance.state), joinedload(ProcessInstance.spec))  # the spec: read anyway
        .with_for_update(of=ProcessInstance)  # not the spec's row, which every instance of its version shares
        .execution_options(populate_existing=True)
    ).one_or_none()
    if instance is None:
        raise NotFound(f"instance {instance_id}")
    uow.locked[instance_id] = instance
    return instance


def run_command(
    uow: UnitOfWork,
    instance_id: int,
    now: datetime,
    act: Callable[[BpmnWorkflow], object],
    spec: WorkflowSpec | None = None,
) -> ProcessInstance:
    """`spec`: another version of the instance's process to run it on from now on (a retried
    incident moves to the fixed version: engine.workflow.incidents)."""
    instance = lock(uow, instance_id)
    if spec is not None:
        instance.spec = spec
    workflow = runtime.load(parsed_spec(instance.spec), instance.state)
    failures = _advance(uow.session, instance, workflow, now, act)
    thrown = events.thrown(workflow)  # taken before the save, which would keep them
    _save(uow.session, instance, workflow, now)
    step_failures.record(uow.session, instance, failures, now)
    if thrown:
        from engine.workflow import messages  # deferred: messages runs its deliveries through run_command

        messages.pass_on(uow, instance, thrown, now)
    return instance


def _advance(
    session: Session,
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    now: datetime,
    act: Callable[[BpmnWorkflow], object],
) -> list[step_failures.Failure]:
    """The engine steps that failed are left failed and returned, to become incidents. Service
    steps act in `session`, for `instance` (engine.workflow.services)."""
    with engine_time(now), serving(session, instance), script_calendar.calendar_from(session):
        try:
            return step_failures.act_then_run(workflow, act)
        except SpiffWorkflowException as exc:
            raise ProcessFailure(str(exc)) from exc


def _save(session: Session, instance: ProcessInstance, workflow: BpmnWorkflow, now: datetime):
    """The version column makes this a compare-and-swap as well as a write under the lock."""
    instance.state = runtime.dump(workflow)
    instance.updated_at = now
    instance.next_timer_at = timers.next_due(workflow)
    instance.waiting_for = events.waiting_for(workflow)
    if workflow.is_completed() and instance.status == "running":
        instance.status, instance.completed_at = "completed", now
    with engine_time(now), script_calendar.calendar_from(session):  # a task's `due` may count working days
        inbox_sync.sync(session, instance, workflow, now)
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(f"instance {instance.id} changed meanwhile; nothing was saved") from exc


def current_data(instance: ProcessInstance) -> dict:
    """The process data as the most recently completed task left it."""
    workflow = runtime.load(parsed_spec(instance.spec), instance.state)
    last = workflow.last_task or workflow.task_tree
    return dict(last.data)
