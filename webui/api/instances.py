"""Instances: starting one, its state, open tasks and history, and the office's control of
running ones (their versions, cancelling, migrating: engine.workflow.control)."""

from __future__ import annotations

from flask import request, url_for
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import Forbidden
from engine.org.models import Person
from engine.reminders import nag
from engine.workflow import access, control, inbox, instances
from engine.workflow.models import ProcessInstance
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context
from webui.common import shapes as views


@bp.post("/instances")
def start_instance():
    # Who may start does not depend on the body, so a caller who may not is told so first.
    if not access.can_start(context.person()):
        raise Forbidden("only the office, the convener and, where a process lets them, member units start processes")
    body = request.get_json(silent=True)
    problem = _start_problem(body)
    if problem:
        return error_response(400, "bad_request", problem)
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        instance = instances.start_by_hand(
            uow.session,
            body["process_id"],
            person.body,
            body.get("data") or {},
            person.username,
            context.now(),
            unit=access.starting_unit(person),
        )
        result = _instance_json(uow.session, person, instance)
        uow.commit()
    return result, 201, {"Location": url_for(".get_instance", instance_id=instance.id)}


def _start_problem(body) -> str | None:  # noqa: ANN001
    if not isinstance(body, dict):
        return 'the body must be a JSON object {"process_id": ..., "data": {...}}'
    if not isinstance(body.get("process_id"), str) or not body["process_id"].strip():
        return "process_id must be a non-empty string"
    if body.get("data") is not None and not isinstance(body["data"], dict):
        return "data must be a JSON object"
    return None


@bp.post("/instances/<int:instance_id>/nag")
def nag_units(instance_id: int):
    """一键催办: remind exactly the units still owing the request named by `task_name`."""
    body = request.get_json(silent=True)
    if not _nag_shape(body):
        return error_response(400, "bad_request", 'the body must be {"task_name": ..., "note": ...}, both text')
    with context.unit_of_work() as uow:
        nagged = nag.nag(
            uow.session,
            context.person_in(uow),
            instance_id,
            body["task_name"],
            context.now(),
            body.get("note", ""),
        )
        result = {
            "reminded": [{"task_id": r.task_id, "unit": r.unit, "messages": len(r.messages)} for r in nagged.reminded],
            # nagged within the last NAG_INTERVAL already: not nagged twice
            "skipped": [
                {"task_id": t.id, "unit": t.assignee if t.assignee_kind == "unit" else None} for t in nagged.skipped
            ],
            "interval_hours": int(nag.NAG_INTERVAL.total_seconds() // 3600),
        }
        uow.commit()
    return result


def _nag_shape(body: object) -> bool:
    """What Nag promises: the task's name, and a note if any, both text."""
    return isinstance(body, dict) and isinstance(body.get("task_name"), str) and isinstance(body.get("note", ""), str)


@bp.get("/instances/running")
def running_instances():
    """Per process, the latest version and every older one still running instances."""
    session, person = context.db_session(), context.person()
    listed = control.listed(session, person, request.args.get("process") or None)
    return {"versions": [views.version_dict(version) for version in listed]}


@bp.post("/instances/<int:instance_id>/cancel")
def cancel_instance(instance_id: int):
    body = request.get_json(silent=True)
    # A missing reason is the engine's to refuse (422), after who may and whether it still runs.
    if not isinstance(body, dict) or not isinstance(body.get("reason", ""), str):
        return error_response(400, "bad_request", 'the body must be {"reason": ...}, a text')
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        instance = control.cancel(uow, person, instance_id, body.get("reason", ""), context.now())
        result = _instance_json(uow.session, person, instance)
        uow.commit()
    return result


@bp.post("/instances/<int:instance_id>/migrate")
def migrate_instance(instance_id: int):
    """To the newest version of its process; 409 `not_migratable` with the `steps` it lacks."""
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        try:
            instance = control.migrate(uow, person, instance_id, context.now())
        except control.NotMigratable as refused:
            return error_response(409, refused.code, refused.message, steps=refused.steps)
        result = _instance_json(uow.session, person, instance)
        uow.commit()
    return result


@bp.get("/instances/<int:instance_id>")
def get_instance(instance_id: int):
    session, person = context.db_session(), context.person()
    instance = access.visible_instance(session, person, instance_id)
    return _instance_json(session, person, instance, with_history=True)


def _instance_json(session: Session, person: Person, instance: ProcessInstance, with_history: bool = False) -> dict:
    """Only the tasks the caller may see, and only their history: a liaison sees the instance
    their unit takes part in, not the ids and doings of other units (engine.workflow.access)."""
    rows = inbox.all_tasks(session, status=None, instance_id=instance.id)
    visible = {task.id: task for task in rows if access.can_see_task(person, task)}
    result = {
        **views.instance_dict(instance),
        "open_tasks": [views.task_dict(t) for t in visible.values() if t.status == "open"],
    }
    if with_history:
        result["history"] = [
            event
            for event in views.history(audit.of_instance(session, instance.id))
            if event["task_id"] is None or event["task_id"] in visible
        ]
    return result
