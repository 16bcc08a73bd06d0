"""Tasks: the caller's inbox, one task with its form, and completing it."""

from __future__ import annotations

from flask import request

from engine.core.errors import FieldError, InvalidData
from engine.workflow import access, inbox, tasks
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context
from webui.common import shapes as views

STATUSES = ("open", "completed", "cancelled")


@bp.get("/tasks")
def list_tasks():
    status = request.args.get("status", "open")
    if status not in STATUSES:
        return error_response(400, "bad_request", f"status must be one of {', '.join(STATUSES)}")
    rows = inbox.for_person(context.db_session(), context.person(), status)
    return {"tasks": [views.task_dict(task) for task in rows]}


@bp.get("/tasks/<task_id>")
def get_task(task_id: str):
    person = context.person()
    task = access.visible_task(context.db_session(), person, task_id)
    is_open = task.status == "open"
    return {
        **views.task_dict(task),
        "form": tasks.form_of(task),
        "data": views.shown_data(task),
        "can_complete": is_open and access.can_complete(person, task),
        "can_complete_on_behalf": is_open and access.can_act_for_unit(person, task),
    }


@bp.post("/tasks/<task_id>/complete")
def complete_task(task_id: str):
    submitted = request.get_json(silent=True)
    if not isinstance(submitted, dict):
        return error_response(400, "bad_request", "the body must be a JSON object of form fields")
    submitted = dict(submitted)
    reason = _on_behalf_reason(submitted.pop("on_behalf_reason", None))
    with context.unit_of_work() as uow:
        task = tasks.complete(uow, context.person_in(uow), task_id, submitted, context.now(), reason)
        result = views.task_dict(task)
        uow.commit()
    return result


def _on_behalf_reason(raw) -> str | None:  # noqa: ANN001
    """代办 needs a written reason; a blank one is a field to fix (422), not a refusal (403)."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise InvalidData({"on_behalf_reason": FieldError("not_text")})
    if not raw.strip():
        raise InvalidData({"on_behalf_reason": FieldError("required")})
    return raw.strip()
