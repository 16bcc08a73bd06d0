"""Read models: what the API, the CLI and the pages show of tasks and instances.

Plain dicts in docs/INTERFACE.md's shapes, built from rows; nothing here loads a workflow.
"""

from __future__ import annotations

from engine.core.clock import iso
from engine.core.models import AuditEvent
from engine.org.models import SEATS, SeatHolding, Unit
from engine.workflow.control import Version
from engine.workflow.models import HumanTask, ProcessInstance, WorkflowSpec


def task_dict(task: HumanTask) -> dict:
    return {
        "id": task.id,
        "instance_id": task.instance_id,
        "process_id": task.process_id,
        "name": task.name,
        "title": task.title,
        "title_en": task.title_en,
        "instance_title": task.shown.get("_instance_title", ""),
        "lane": task.lane,
        "unit": task.assignee if task.assignee_kind == "unit" else None,
        "assignee": task.assignee,
        "assignee_kind": task.assignee_kind,
        "form_key": task.form_key,
        "due_at": iso(task.due_at) if task.due_at else None,
        "status": task.status,
        "created_at": iso(task.created_at),
        "closed_at": iso(task.closed_at) if task.closed_at else None,
        "completed_by": task.completed_by,
        "on_behalf_reason": task.on_behalf_reason,
    }


def shown_data(task: HumanTask) -> dict:
    """The process data the task shows beside its form (internal keys left out)."""
    return {k: v for k, v in task.shown.items() if not k.startswith("_")}


def spec_dict(spec: WorkflowSpec) -> dict:
    return {
        "process_id": spec.process_id,
        "name": spec.name,
        "version": spec.version,
        "content_hash": spec.content_hash,
        "deployed_at": iso(spec.deployed_at),
        "deployed_by": spec.deployed_by,
    }


def instance_dict(instance: ProcessInstance) -> dict:
    return {
        "id": instance.id,
        "process_id": instance.process_id,
        "version": instance.spec.version,
        "title": instance.title,
        "status": instance.status,
        "started_by": instance.started_by,
        "started_at": iso(instance.started_at),
        "updated_at": iso(instance.updated_at),
        "completed_at": iso(instance.completed_at) if instance.completed_at else None,
        "next_timer_at": iso(instance.next_timer_at) if instance.next_timer_at else None,
        "cancelled_at": iso(instance.cancelled_at) if instance.cancelled_at else None,
        "cancelled_by": instance.cancelled_by,
        "cancel_reason": instance.cancel_reason,
    }


def version_dict(version: Version) -> dict:
    """A deployed version and the instances running on it (engine.workflow.control.running_versions)."""
    return {
        "process_id": version.spec.process_id,
        "name": version.spec.name,
        "version": version.spec.version,
        "latest": version.latest,
        "running": [{"id": i.id, "title": i.title, "started_at": iso(i.started_at)} for i in version.running],
    }


def history(events: list[AuditEvent]) -> list[dict]:
    """An instance's audit events (engine.core.audit.of_instance) as its history."""
    return [
        {
            "at": iso(e.at),
            "actor": e.actor,
            "action": e.action,
            "task_id": e.task_id,
            "summary": e.summary,
        }
        for e in events
    ]


def unit_dict(unit: Unit, held: dict[str, list[SeatHolding]]) -> dict:
    """A unit with its contacts and who holds each of its seats now (engine.roster.directory)."""
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "phone": unit.phone,
        "email": unit.email,
        "seats": {seat: [_holder(h) for h in held.get(seat, [])] for seat in SEATS},
    }


def holding_dict(holding: SeatHolding) -> dict:
    return {
        "seat": holding.seat,
        **_holder(holding),
        "until_day": holding.until_day.isoformat() if holding.until_day else None,
        "recorded_by": holding.recorded_by,
        "recorded_at": iso(holding.recorded_at),
        "note": holding.note,
    }


def _holder(holding: SeatHolding) -> dict:
    return {
        "username": holding.person.username,
        "display_name": holding.person.display_name,
        "from_day": holding.from_day.isoformat() if holding.from_day else None,
    }
