"""Tasks: the caller's inbox, one task with its form, and completing it."""

from __future__ import annotations

import json

from flask import request
from werkzeug.exceptions import BadRequest

from engine.core.errors import FieldError, InvalidData
from engine.dashboard import paging
from engine.workflow import access, inbox, tasks
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context, input_guard, uploads
from webui.common import shapes as views

STATUSES = ("open", "completed", "cancelled")
# A page of the inbox: as many as a liaison's usual inbox holds, and at most what one answer
# should carry; `total` and `pages` tell the caller there is more (the list was once cut at 500, silently).
PER_PAGE, MAX_PER_PAGE = 100, 500


@bp.get("/tasks")
def list_tasks():
    status = request.args.get("status", "open")
    if status not in STATUSES:
        return error_response(400, "bad_request", f"status must be one of {', '.join(STATUSES)}")
    number, size = _whole(request.args.get("page", "1")), _whole(request.args.get("per_page", str(PER_PAGE)))
    if number is None:
        return error_response(400, "bad_request", "page must be a whole number from 1")
    if size is None or size > MAX_PER_PAGE:
        return error_response(400, "bad_request", f"per_page must be a whole number from 1 to {MAX_PER_PAGE}")
    query = inbox.person_query(context.person(), status)
    page = paging.paginate(context.db_session(), query, number, size)
    return {
        "tasks": [views.task_dict(task) for task in page.items],
        "page": page.number,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
    }


def _whole(text: str) -> int | None:
    """A positive whole number given in the query, or None."""
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


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
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        # 404 before the body is looked at, in the unit of work: the row held here is the one
        # completing it finds in the session (which holds rows only while someone does)
        task = access.visible_task(uow.session, person, task_id)
        submitted, files = submission()
        reason = _on_behalf_reason(submitted.pop("on_behalf_reason", None))
        try:
            values = uploads.with_task_files(uow.session, person, task.id, submitted, files)
        except uploads.MisplacedFile as misplaced:
            raise BadRequest(str(misplaced)) from None
        task = tasks.complete(uow, person, task.id, values, context.now(), reason)
        result = views.task_dict(task)
        uow.commit()
    return result


def submission() -> tuple[dict, list[uploads.Given]]:
    """The form's fields and its files: a JSON object, or multipart/form-data with that object in
    the part `data` and one file part per file field, named after it (a finding's evidence too:
    webui/api/inspections.py)."""
    if request.mimetype != "multipart/form-data":
        return _fields_object(request.get_json(silent=True), "the body"), []
    files = [(name, part.filename or "", part.read()) for name, part in request.files.items(multi=True)]
    return _fields_object(_data_part(), "the part data"), files


def _data_part() -> object:
    """The part `data` read as JSON (None if it is not JSON). A text part beside it would be a field
    sent where it is not read: refused, rather than the task completed without it."""
    stray = [name for name in request.form if name != "data"]
    if stray:
        raise BadRequest(f"unexpected part {stray[0]}: the form's fields go in the part data, as a JSON object")
    if "data" not in request.form:
        raise BadRequest("the part data is missing: a text part (no filename) with the form's fields as JSON")
    try:
        fields = json.loads(request.form["data"])
    except (json.JSONDecodeError, RecursionError):
        return None
    input_guard.refuse_unstorable(input_guard.json_strings(fields))  # the body's JSON was checked, not this part's
    return fields


def _fields_object(fields: object, where: str) -> dict:
    if not isinstance(fields, dict):
        raise BadRequest(f"{where} must be a JSON object of form fields")
    return dict(fields)


def _on_behalf_reason(raw) -> str | None:  # noqa: ANN001
    """代办 needs a written reason; a blank one is a field to fix (422), not a refusal (403)."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise InvalidData({"on_behalf_reason": FieldError("not_text")})
    if not raw.strip():
        raise InvalidData({"on_behalf_reason": FieldError("required")})
    return raw.strip()
