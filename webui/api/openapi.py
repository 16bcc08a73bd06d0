"""GET /api/v1/openapi.json: the OpenAPI 3.1 document of every route of the API.

Written by hand beside the routes rather than generated: the document is a promise (docs/INTERFACE.md)
and tests check it covers every rule of the blueprint, so a new route cannot go undocumented.
"""

from __future__ import annotations

from flask import current_app

from engine.attachments.store import MAX_BYTES
from webui.api import (
    annual_paths,
    bp,
    document_paths,
    meeting_paths,
    messages,
    plan_paths,
    reminder_paths,
    supervision_paths,
    work_paths,
)
from webui.api.doc_parts import CSRF, ERRORS, errors, json_body, path_param
from webui.api.schemas import SCHEMAS
from webui.api.tasks import MAX_PER_PAGE, PER_PAGE, STATUSES
from webui.common.input_guard import MAX_ID

# Each area's paths and schemas live beside its routes; the document gathers them.
_AREAS = (meeting_paths, supervision_paths, annual_paths, plan_paths, document_paths, reminder_paths)

_TASK_ID = path_param("task_id", {"type": "string"})
_INSTANCE_ID = path_param("instance_id", {"type": "integer"})
_UNIT_CODE = path_param("code", {"type": "string"})
# The completion with files (webui/api/tasks.py): the JSON object travels in a part beside them.
_COMPLETE_WITH_FILES = {
    "schema": {
        "type": "object",
        "properties": {
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "description": "the form's fields as a JSON object, as CompleteTask",
            }
        },
        "required": ["data"],
        "additionalProperties": {
            "type": "string",
            "contentMediaType": "application/octet-stream",
            "description": "the file for the form's file field of the part's name; the part needs a filename",
        },
    },
    "encoding": {"data": {"contentType": "application/json"}},
}


PATHS = {
    "/api/v1/tasks": {
        "get": {
            "operationId": "listTasks",
            "summary": "The caller's inbox",
            "parameters": [
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(STATUSES), "default": "open"},
                },
                {
                    "name": "page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "default": 1},
                },
                {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": PER_PAGE},
                },
            ],
            "responses": {
                "200": json_body("TaskList", "one page of the tasks, most urgent first, and how many there are"),
                **errors("BadRequest", "Unauthorized"),
            },
        }
    },
    "/api/v1/tasks/{task_id}": {
        "get": {
            "operationId": "getTask",
            "summary": "One task, with its form definition and the data it shows",
            "parameters": [_TASK_ID],
            "responses": {
                "200": json_body("TaskDetail", "the task"),
                **errors("Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/tasks/{task_id}/complete": {
        "post": {
            "operationId": "completeTask",
            "summary": "Complete a task with the form's fields, and with files for its file fields",
            "description": "The form's fields as a JSON object; or, to send files for its file fields, "
            "multipart/form-data: the same object in the part `data` and one file part per file field, named "
            "after it. A `data` part missing or not a JSON object, any other text part, or a file part for a "
            "field that is not a file field, without a filename or given twice is 400; a file of a type not "
            f"allowed, empty, not what its extension says or over {MAX_BYTES // (1024 * 1024)} MB is 422 "
            "under its field (docs/ATTACHMENTS.md). Either way nothing is kept and the task stays open.",
            "parameters": [_TASK_ID, CSRF],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CompleteTask"}},
                    "multipart/form-data": _COMPLETE_WITH_FILES,
                },
            },
            "responses": {
                "200": json_body("Task", "the task, now completed"),
                **errors(
                    "BadRequest",
                    "Unauthorized",
                    "Forbidden",
                    "NotFound",
                    "Conflict",
                    "Unprocessable",
                ),
            },
        }
    },
    "/api/v1/instances": {
        "post": {
            "operationId": "startInstance",
            "summary": "Start an instance of the latest version of a deployed process",
            "parameters": [CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StartInstance"}}},
            },
            "responses": {
                "201": json_body("InstanceWithTasks", "the new instance and its first tasks"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/instances/running": {
        "get": {
            "operationId": "listRunningVersions",
            "summary": "Which versions of each process have instances running (the office and the administrator)",
            "parameters": [
                {"name": "process", "in": "query", "required": False, "schema": {"type": "string"}},
            ],
            "responses": {
                "200": json_body("RunningVersions", "per process, its versions and the instances running on each"),
                **errors("Unauthorized", "Forbidden"),
            },
        }
    },
    "/api/v1/instances/{instance_id}/cancel": {
        "post": {
            "operationId": "cancelInstance",
            "summary": "End a running instance with a reason: its open tasks close (the administrator only)",
            "parameters": [_INSTANCE_ID, CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CancelInstance"}}},
            },
            "responses": {
                "200": json_body("InstanceWithTasks", "the cancelled instance"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Unprocessable"),
            },
        }
    },
    "/api/v1/instances/{instance_id}/migrate": {
        "post": {
            "operationId": "migrateInstance",
            "summary": "Move a running instance to the newest version of its process (the administrator only); "
            "409 not_migratable, with error.steps, when that version lacks a step the instance waits at",
            "parameters": [_INSTANCE_ID, CSRF],
            "responses": {
                "200": json_body("InstanceWithTasks", "the instance on its new version"),
                **errors("Unauthorized", "Forbidden", "NotFound", "Conflict"),
            },
        }
    },
    "/api/v1/instances/{instance_id}": {
        "get": {
            "operationId": "getInstance",
            "summary": "An instance's state, open tasks and history",
            "parameters": [_INSTANCE_ID],
            "responses": {
                "200": json_body("InstanceDetail", "the instance"),
                **errors("Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/instances/{instance_id}/nag": {
        "post": {
            "operationId": "nagUnits",
            "summary": "一键催办: remind exactly the units still owing a request sent to many (the office only)",
            "parameters": [_INSTANCE_ID, CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nag"}}},
            },
            "responses": {
                "200": json_body("Nagged", "the reminders recorded, one per unit still owing"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/messages": {
        "post": {
            "operationId": "sendMessage",
            "summary": "Send a message to the instances of the caller's body waiting for it (the office and the "
            "administrator)",
            "description": "It reaches every running instance waiting for a message of that name whose correlation "
            "keys hold the values given; each is run on to its next wait, as a completion runs it. None waiting is "
            "404 not_waiting and nothing changes; anyone but the office and the administrator is 403.",
            "parameters": [CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SendMessage"}}},
            },
            "responses": {
                "200": json_body("Delivered", "the instances it reached"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/signals": {
        "post": {
            "operationId": "sendSignal",
            "summary": "Send a signal to every instance of the caller's body waiting for it (the office and the "
            "administrator); none waiting is 404 not_waiting",
            "parameters": [CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SendSignal"}}},
            },
            "responses": {
                "200": json_body("Delivered", "the instances it reached"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/units": {
        "get": {
            "operationId": "listUnits",
            "summary": "The caller's body: its units, their contacts and who holds their seats",
            "responses": {"200": json_body("UnitList", "the units in roster order"), **errors("Unauthorized")},
        }
    },
    "/api/v1/units/{code}/seats": {
        "get": {
            "operationId": "getSeatHistory",
            "summary": "Who held the unit's seats when (成员调整)",
            "parameters": [_UNIT_CODE],
            "responses": {"200": json_body("SeatHistory", "every holding"), **errors("Unauthorized", "NotFound")},
        },
        "post": {
            "operationId": "changeSeat",
            "summary": "Record a membership change; the unit's open tasks follow the new holder (the office)",
            "parameters": [_UNIT_CODE, CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SeatChange"}}},
            },
            "responses": {
                "200": json_body("SeatHistory", "the history with the change"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        },
    },
    **work_paths.PATHS,
    **{path: item for area in _AREAS for path, item in area.PATHS.items()},
    "/api/v1/csrf-token": {
        "get": {
            "operationId": "getCsrfToken",
            "summary": "The CSRF token a browser session sends in X-CSRFToken when it posts (Bearer callers need none)",
            "responses": {
                "200": json_body("CsrfToken", "the token"),
                **errors("Unauthorized"),
            },
        }
    },
    "/api/v1/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document",
            "security": [],
            "responses": {
                "200": {
                    "description": "the OpenAPI document",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}

_AREA_SCHEMAS = {name: schema for area in _AREAS for name, schema in area.SCHEMAS.items()}


def document(cookie_name: str = "session") -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "lianxi",
            "version": "1",
            "description": "Joint-meeting workflows: the inbox, tasks and process instances. "
            'Errors are {"error": {"code": ..., "message": ...}}.',
        },
        "paths": PATHS,
        "components": {
            "schemas": {**SCHEMAS, **messages.SCHEMAS, **_AREA_SCHEMAS},
            "responses": {name: json_body("Error", description) for name, description in ERRORS.items()},
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "a token from `lianxi user token NAME`",
                },
                "cookieSession": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": cookie_name,
                    "description": "the browser session; state changes need X-CSRFToken",
                },
            },
        },
        "security": [{"bearerAuth": []}, {"cookieSession": []}],
    }


@bp.get("/openapi.json")
def openapi():
    return document(current_app.config["SESSION_COOKIE_NAME"])
