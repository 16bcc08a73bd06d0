"""Incidents, as Camunda Cockpit's: a step the engine failed to run (engine.workflow.step_failures)
stays failed until the body's administrator retries it — on the latest deployed version of the
process, so that a fixed script is what runs — or skips it with a reason. The office and the
administrator see them; both actions are audited.

Retrying moves the instance to the latest version when its saved state loads on it, i.e. every
step the instance has reached still exists there under the same id (our state is stored with
its spec by reference, docs/SPIFFWORKFLOW.md §6, so nothing else ties it to the old version). A
version that renamed or removed such a step cannot take the instance over; that is refused.
"""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import FieldError, Forbidden, InvalidData, LianxiError, NoLongerOpen, NotFound
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from engine.workflow import instances
from engine.workflow.models import Incident, ProcessInstance, WorkflowSpec
from engine.workflow.spiff import runtime

REASON_MAX = 2000


class NotRetryable(LianxiError):
    """The latest version of the process cannot take the instance over."""

    code = "not_retryable"


def may_see(person: Person) -> bool:
    return person.is_office or "admin" in person.roles


def may_resolve(person: Person) -> bool:
    return "admin" in person.roles


def listed(session: Session, person: Person, open_only: bool = True) -> list[Incident]:
    """The body's incidents, newest first; only the open ones unless asked."""
    if not may_see(person):
        raise Forbidden("incidents are the office's and the administrator's")
    query = select(Incident).where(Incident.body_id == person.body_id)
    if open_only:
        query = query.where(Incident.status == "open")
    return list(session.scalars(query.order_by(Incident.id.desc())))


def open_of_instance(session: Session, instance_id: int) -> list[Incident]:
    query = select(Incident).where(Incident.instance_id == instance_id, Incident.status == "open")
    return list(session.scalars(query.order_by(Incident.id)))


def visible(session: Session, person: Person, incident_id: int) -> Incident:
    """NotFound for another body's incident, or for someone who does not see incidents, as
    for one that does not exist (ids reveal nothing)."""
    incident = session.get(Incident, incident_id)
    if incident is None or incident.body_id != person.body_id or not may_see(person):
        raise NotFound(f"incident {incident_id}")
    return incident


def retry(uow: UnitOfWork, person: Person, incident_id: int, now: datetime) -> Incident:
    """Run the failed step again, on the latest version. If it fails again, that is a new
    incident, recorded as the run saves."""
    incident = _claim(uow, person, incident_id)
    instance = incident.instance
    target = instances.latest_spec(uow.session, instance.process_id)
    _check_movable(instance, target)
    _resolve(incident, "retried", person, now)
    before = instance.spec.version
    instances.run_command(uow, instance.id, now, lambda wf: _reset(wf, incident), spec=target)
    summary = f"{incident.task_title} (v{before} → v{target.version})"
    _audit(uow, incident, person, now, "incident_retry", summary)
    return incident


def skip(uow: UnitOfWork, person: Person, incident_id: int, reason: str, now: datetime) -> Incident:
    """Mark the failed step done without running it; the process goes on from there."""
    reason = checked_reason(reason)
    incident = _claim(uow, person, incident_id)
    _resolve(incident, "skipped", person, now)
    incident.reason = reason
    instances.run_command(uow, incident.instance_id, now, lambda wf: _failed_task(wf, incident).complete())
    _audit(uow, incident, person, now, "incident_skip", f"{incident.task_title}: {reason}")
    return incident


def checked_reason(reason: str) -> str:
    """An office action's reason, as the audit log keeps it: required, and not too long."""
    reason = reason.strip()
    if not reason:
        raise InvalidData({"reason": FieldError("required")})
    if len(reason) > REASON_MAX:
        raise InvalidData({"reason": FieldError("too_long", {"max": REASON_MAX})})
    return reason


def _claim(uow: UnitOfWork, person: Person, incident_id: int) -> Incident:
    """The incident, inside its instance's critical section, if the person may resolve it and
    nobody has yet (a second click, another administrator): NoLongerOpen otherwise."""
    incident = visible(uow.session, person, incident_id)
    if not may_resolve(person):
        raise Forbidden("only the administrator retries or skips a failed step")
    instances.lock(uow, incident.instance_id)
    uow.session.refresh(incident)
    if incident.status != "open":
        raise NoLongerOpen(f"incident {incident_id} is already {incident.status}")
    return incident


def _check_movable(instance: ProcessInstance, target: WorkflowSpec) -> None:
    if target.id == instance.spec_id:
        return
    try:
        workflow = runtime.load(instances.parsed_spec(target), instance.state)
        missing = [t for t in workflow.get_tasks() if t.task_spec is None]
    except Exception as exc:  # whatever stops the state loading on it stops the move
        raise NotRetryable(f"{target.process_id} v{target.version} cannot take over instance {instance.id}") from exc
    if missing:
        raise NotRetryable(f"{target.process_id} v{target.version} lacks steps instance {instance.id} has reached")


def _failed_task(workflow, incident: Incident):
    task = runtime.find_task(workflow, incident.task_id)
    if task is None or task.state != TaskState.ERROR:
        raise NoLongerOpen(f"step {incident.task_name} of instance {incident.instance_id} is no longer failed")
    return task


def _reset(workflow, incident: Incident) -> None:
    """SpiffWorkflow's own way to run a task again: it becomes READY, its predicted successors
    are predicted afresh, and the engine steps that follow run it."""
    workflow.reset_from_task_id(_failed_task(workflow, incident).id)


def _resolve(incident: Incident, status: str, person: Person, now: datetime) -> None:
    incident.status, incident.resolved_at, incident.resolved_by = status, now, person.username


def _audit(uow: UnitOfWork, incident: Incident, person: Person, now: datetime, action: str, summary: str) -> None:
    audit.record(
        uow.session,
        now,
        person.username,
        action,
        body_id=incident.body_id,
        instance_id=incident.instance_id,
        summary=summary,
        after={"incident": incident.id, "task": incident.task_name},
    )
