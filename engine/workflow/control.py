"""The office's control of running instances, as Camunda Cockpit's: which versions of each process
still have instances running, cancelling one that is stuck or no longer wanted, and moving one to
the newest version of its process.

Deploying a version leaves running instances on theirs (engine.workflow.deploy); only `migrate`
moves one, and only where the new version still has every step the instance waits at, as the
same kind of task. Both actions are the body administrator's, who also resolves incidents
(engine.workflow.incidents.may_resolve), and both are audited with who, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import Conflict, Forbidden, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from engine.workflow import access, incidents, instances
from engine.workflow.models import Incident, ProcessInstance, WorkflowSpec
from engine.workflow.spiff import migration, runtime

REASON_MAX = incidents.REASON_MAX


class NotMigratable(Conflict):
    """The newest version cannot take the instance over; `steps` names the steps it lacks."""

    code = "not_migratable"

    def __init__(self, message: str, steps: list[str]):
        super().__init__(message)
        self.steps = steps


@dataclass
class Version:
    """One deployed version of a process and the body's instances running on it."""

    spec: WorkflowSpec
    latest: bool
    running: list[ProcessInstance] = field(default_factory=list)


def may_list(person: Person) -> bool:
    return incidents.may_see(person)


def may_control(person: Person) -> bool:
    return incidents.may_resolve(person)


def running_versions(session: Session, body_id: int, process_id: str | None = None) -> list[Version]:
    """Per process, its latest version and every older one with instances still running on it,
    oldest first within a process."""
    specs = select(WorkflowSpec).order_by(WorkflowSpec.process_id, WorkflowSpec.version)
    if process_id:
        specs = specs.where(WorkflowSpec.process_id == process_id)
    running = select(ProcessInstance).where(ProcessInstance.body_id == body_id, ProcessInstance.status == "running")
    by_spec: dict[int, list[ProcessInstance]] = {}
    for instance in session.scalars(running.order_by(ProcessInstance.id)):
        by_spec.setdefault(instance.spec_id, []).append(instance)
    every = list(session.scalars(specs))
    newest = {spec.process_id: spec.id for spec in every}  # ordered by version: the last one wins
    return [
        Version(spec, spec.id == newest[spec.process_id], by_spec.get(spec.id, []))
        for spec in every
        if spec.id in by_spec or spec.id == newest[spec.process_id]
    ]


def listed(session: Session, person: Person, process_id: str | None = None) -> list[Version]:
    if not may_list(person):
        raise Forbidden("the versions of running instances are the office's and the administrator's")
    return running_versions(session, person.body_id, process_id)


def cancel(uow: UnitOfWork, person: Person, instance_id: int, reason: str, now: datetime) -> ProcessInstance:
    """End the instance where it stands: its open tasks close (out of every inbox, reminded no
    more), its timers stop, its failed steps are no longer waited on."""
    instance = _claim(uow, person, instance_id)
    reason = incidents.checked_reason(reason)
    instance.status = "cancelled"  # before the save, which would otherwise call it completed
    instance.cancelled_at, instance.cancelled_by, instance.cancel_reason = now, person.username, reason
    instances.run_command(uow, instance_id, now, lambda workflow: workflow.cancel())
    for incident in incidents.open_of_instance(uow.session, instance_id):
        _close_incident(incident, person, reason, now)
    _audit(uow, instance, person, now, "instance_cancel", reason)
    return instance


def migrate(uow: UnitOfWork, person: Person, instance_id: int, now: datetime) -> ProcessInstance:
    """Move the instance to the newest version of its process; its waiting tasks stay open, with
    their ids, and go on there. Refused (NotMigratable) with the steps the new version lacks."""
    instance = _claim(uow, person, instance_id)
    before, target = instance.spec, instances.latest_spec(uow.session, instance.process_id)
    if target.id == before.id:
        raise NoLongerOpen(f"instance {instance_id} already runs on {target.process_id} v{target.version}")
    parsed = instances.parsed_spec(target)
    workflow = runtime.load(instances.parsed_spec(before), instance.state)
    missing = migration.unfit_waiting(workflow, parsed)
    if missing:
        raise NotMigratable(_lacks(target, "the steps it waits at", missing), missing)
    migration.move(workflow, parsed)
    missing = migration.strays(workflow, parsed)
    if missing:
        raise NotMigratable(_lacks(target, "steps it has passed", missing), missing)
    instance.state = runtime.dump(workflow)
    instances.run_command(uow, instance_id, now, lambda moved: None, spec=target)
    _audit(uow, instance, person, now, "instance_migrate", f"v{before.version} → v{target.version}")
    return instance


def _lacks(target: WorkflowSpec, what: str, steps: list[str]) -> str:
    return f"{target.process_id} v{target.version} lacks {what}: {', '.join(steps)}"


def _claim(uow: UnitOfWork, person: Person, instance_id: int) -> ProcessInstance:
    """The instance, inside its critical section, if the person may act on it and it still runs
    (a second click, another administrator first: NoLongerOpen)."""
    access.visible_instance(uow.session, person, instance_id)
    if not may_control(person):
        raise Forbidden("only the administrator cancels or migrates an instance")
    instance = instances.lock(uow, instance_id)
    if instance.status != "running":
        raise NoLongerOpen(f"instance {instance_id} is already {instance.status}")
    return instance


def _close_incident(incident: Incident, person: Person, reason: str, now: datetime) -> None:
    incident.status, incident.resolved_at, incident.resolved_by = "cancelled", now, person.username
    incident.reason = reason


def _audit(uow: UnitOfWork, instance: ProcessInstance, person: Person, now: datetime, action: str, summary: str):
    audit.record(
        uow.session,
        now,
        person.username,
        action,
        body_id=instance.body_id,
        instance_id=instance.id,
        summary=summary,
        after={"status": instance.status, "version": instance.spec.version},
    )
