"""Messages and signals to the instances of the caller's body waiting for them (engine.workflow.messages):
the office's and the administrator's (403 for anyone else); nobody waiting is 404, nothing changed."""

from __future__ import annotations

from flask import request

from engine.workflow import messages
from engine.workflow.spiff.events import Event
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context

# What each kind's body may hold: a signal has no correlation keys.
FIELDS = {"message": ("name", "payload", "correlation"), "signal": ("name", "payload")}


@bp.post("/messages")
def send_message():
    return _send("message")


@bp.post("/signals")
def send_signal():
    return _send("signal")


def _send(kind: str):
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not set(body) <= set(FIELDS[kind]):
        return error_response(400, "bad_request", f"the body must be a JSON object with {', '.join(FIELDS[kind])}")
    event = Event(kind, body.get("name"), body.get("payload"), body.get("correlation"))
    with context.unit_of_work() as uow:
        reached = messages.send(uow, context.person_in(uow), event, context.now())
        uow.commit()
    return {"kind": kind, "name": event.name.strip(), "reached": reached}


_NAME = {"type": "string", "pattern": r"\S", "maxLength": messages.NAME_MAX}
_PAYLOAD = {
    "type": "object",
    "description": "kept in the variable the catch event names (its messageVariable, a signal's variableName); "
    "each key a name a script can use, as a task's data without a form",
}
# The OpenAPI components of these routes (webui.api.openapi).
SCHEMAS = {
    "SendMessage": {
        "type": "object",
        "properties": {
            "name": _NAME,
            "payload": _PAYLOAD,
            "correlation": {
                "type": "object",
                "additionalProperties": {"type": ["string", "number"]},
                "description": "correlation keys: only the instances holding each of these values take the "
                "message (compared as text); none given reaches every instance waiting for it",
            },
        },
        "required": ["name"],
        "additionalProperties": False,
    },
    "SendSignal": {
        "type": "object",
        "properties": {"name": _NAME, "payload": _PAYLOAD},
        "required": ["name"],
        "additionalProperties": False,
    },
    "Delivered": {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["message", "signal"]},
            "name": {"type": "string"},
            "reached": {"type": "array", "items": {"type": "integer"}, "description": "the instances it reached"},
        },
        "required": ["kind", "name", "reached"],
    },
}
