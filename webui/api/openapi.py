"""GET /api/v1/openapi.json: the OpenAPI 3.1 document of every route of the API.

Written by hand beside the routes rather than generated: the document is a promise (docs/INTERFACE.md)
and tests check it covers every rule of the blueprint, so a new route cannot go undocumented.
"""

from __future__ import annotations

from flask import current_app

from engine.attachments.store import MAX_BYTES
from webui.api import bp, messages
from webui.api.schemas import SCHEMAS
from webui.api.tasks import MAX_PER_PAGE, PER_PAGE, STATUSES
from webui.common.input_guard import MAX_JSON_DEPTH

_ERRORS = {
    "BadRequest": "malformed request (or, for a browser session, a missing CSRF token); a NUL character or half "
    f"a surrogate pair in any text, or JSON nested more than {MAX_JSON_DEPTH} levels deep, is refused here too",
    "Unauthorized": "not signed in, or the token is unknown or revoked",
    "Forbidden": "the caller may see it but not do this",
    "NotFound": "no such thing, or not the caller's to see",
    "Conflict": "the task is no longer open, or what is asked is done already",
    "Unprocessable": "invalid fields; error.fields says which and why",
}
_CSRF = {
    "name": "X-CSRFToken",
    "in": "header",
    "required": False,
    "description": "with a browser session only: the token from GET /api/v1/csrf-token",
    "schema": {"type": "string"},
}


def _json(schema_name: str, description: str) -> dict:
    schema = {"$ref": f"#/components/schemas/{schema_name}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*names: str) -> dict:
    status = {
        "BadRequest": "400",
        "Unauthorized": "401",
        "Forbidden": "403",
        "NotFound": "404",
        "Conflict": "409",
        "Unprocessable": "422",
    }
    return {status[name]: {"$ref": f"#/components/responses/{name}"} for name in names}


def _path_param(name: str, schema: dict) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema}


_TASK_ID = _path_param("task_id", {"type": "string"})
_INSTANCE_ID = _path_param("instance_id", {"type": "integer"})
_UNIT_CODE = _path_param("code", {"type": "string"})
_INSPECTION_ID = _path_param("inspection_id", {"type": "integer"})
_RESEARCH_ID = _path_param("research_id", {"type": "integer"})
_BULLETIN_ID = _path_param("bulletin_id", {"type": "integer"})
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
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": PER_PAGE},
                },
            ],
            "responses": {
                "200": _json("TaskList", "one page of the tasks, most urgent first, and how many there are"),
                **_errors("BadRequest", "Unauthorized"),
            },
        }
    },
    "/api/v1/tasks/{task_id}": {
        "get": {
            "operationId": "getTask",
            "summary": "One task, with its form definition and the data it shows",
            "parameters": [_TASK_ID],
            "responses": {
                "200": _json("TaskDetail", "the task"),
                **_errors("Unauthorized", "NotFound"),
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
            "parameters": [_TASK_ID, _CSRF],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CompleteTask"}},
                    "multipart/form-data": _COMPLETE_WITH_FILES,
                },
            },
            "responses": {
                "200": _json("Task", "the task, now completed"),
                **_errors(
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
            "parameters": [_CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StartInstance"}}},
            },
            "responses": {
                "201": _json("InstanceWithTasks", "the new instance and its first tasks"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
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
                "200": _json("RunningVersions", "per process, its versions and the instances running on each"),
                **_errors("Unauthorized", "Forbidden"),
            },
        }
    },
    "/api/v1/instances/{instance_id}/cancel": {
        "post": {
            "operationId": "cancelInstance",
            "summary": "End a running instance with a reason: its open tasks close (the administrator only)",
            "parameters": [_INSTANCE_ID, _CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CancelInstance"}}},
            },
            "responses": {
                "200": _json("InstanceWithTasks", "the cancelled instance"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Unprocessable"),
            },
        }
    },
    "/api/v1/instances/{instance_id}/migrate": {
        "post": {
            "operationId": "migrateInstance",
            "summary": "Move a running instance to the newest version of its process (the administrator only); "
            "409 not_migratable, with error.steps, when that version lacks a step the instance waits at",
            "parameters": [_INSTANCE_ID, _CSRF],
            "responses": {
                "200": _json("InstanceWithTasks", "the instance on its new version"),
                **_errors("Unauthorized", "Forbidden", "NotFound", "Conflict"),
            },
        }
    },
    "/api/v1/instances/{instance_id}": {
        "get": {
            "operationId": "getInstance",
            "summary": "An instance's state, open tasks and history",
            "parameters": [_INSTANCE_ID],
            "responses": {
                "200": _json("InstanceDetail", "the instance"),
                **_errors("Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/instances/{instance_id}/nag": {
        "post": {
            "operationId": "nagUnits",
            "summary": "一键催办: remind exactly the units still owing a request sent to many (the office only)",
            "parameters": [_INSTANCE_ID, _CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nag"}}},
            },
            "responses": {
                "200": _json("Nagged", "the reminders recorded, one per unit still owing"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
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
            "parameters": [_CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SendMessage"}}},
            },
            "responses": {
                "200": _json("Delivered", "the instances it reached"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/signals": {
        "post": {
            "operationId": "sendSignal",
            "summary": "Send a signal to every instance of the caller's body waiting for it (the office and the "
            "administrator); none waiting is 404 not_waiting",
            "parameters": [_CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SendSignal"}}},
            },
            "responses": {
                "200": _json("Delivered", "the instances it reached"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/units": {
        "get": {
            "operationId": "listUnits",
            "summary": "The caller's body: its units, their contacts and who holds their seats",
            "responses": {"200": _json("UnitList", "the units in roster order"), **_errors("Unauthorized")},
        }
    },
    "/api/v1/units/{code}/seats": {
        "get": {
            "operationId": "getSeatHistory",
            "summary": "Who held the unit's seats when (成员调整)",
            "parameters": [_UNIT_CODE],
            "responses": {"200": _json("SeatHistory", "every holding"), **_errors("Unauthorized", "NotFound")},
        },
        "post": {
            "operationId": "changeSeat",
            "summary": "Record a membership change; the unit's open tasks follow the new holder (the office)",
            "parameters": [_UNIT_CODE, _CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SeatChange"}}},
            },
            "responses": {
                "200": _json("SeatHistory", "the history with the change"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        },
    },
    "/api/v1/reports": {
        "get": {
            "operationId": "listReports",
            "summary": "信息报送: the reports the caller sees, the latest first (the office: all; a unit: its own)",
            "responses": {"200": _json("ReportList", "the reports"), **_errors("Unauthorized")},
        },
        "post": {
            "operationId": "fileReport",
            "summary": "File a report for the caller's unit, as its liaison (no file: attach one on the page)",
            "description": "A unit of another body is 422 under unit; anyone but a member unit's liaison, or "
            "another unit of the body, is 403, and 公开 (public) needs the office director: 403 too.",
            "parameters": [_CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileReport"}}},
            },
            "responses": {
                "201": _json("Report", "the report, waiting for the office's review"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "Unprocessable"),
            },
        },
    },
    "/api/v1/inspections": {
        "get": {
            "operationId": "listInspections",
            "summary": "联合督查: the inspections the caller sees, the latest planned first",
            "responses": {"200": _json("InspectionList", "the inspections"), **_errors("Unauthorized")},
        }
    },
    "/api/v1/inspections/{inspection_id}": {
        "get": {
            "operationId": "getInspection",
            "summary": "An inspection's plan, team, findings with their supervised items, and its report",
            "parameters": [_INSPECTION_ID],
            "responses": {"200": _json("Inspection", "the inspection"), **_errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/inspections/{inspection_id}/findings": {
        "post": {
            "operationId": "recordFinding",
            "summary": "The team records a finding; one that needs fixing goes under supervision (督办)",
            "description": "A JSON object; or, with an evidence file, multipart/form-data: the same object in "
            "the part `data` and the file in the part `evidence`. Anyone but the team (its units' liaisons, "
            "its leader) and the office is 403; an inspection not inspecting now is 409; a bad field or file "
            "is 422 under its name (evidence for the file). Nothing is kept of a refused finding.",
            "parameters": [_INSPECTION_ID, _CSRF],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/RecordFinding"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "data": {
                                    "type": "string",
                                    "contentMediaType": "application/json",
                                    "description": "the finding as a JSON object, as RecordFinding",
                                },
                                "evidence": {"type": "string", "contentMediaType": "application/octet-stream"},
                            },
                            "required": ["data"],
                        },
                        "encoding": {"data": {"contentType": "application/json"}},
                    },
                },
            },
            "responses": {
                "201": _json("Finding", "the finding recorded"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Unprocessable"),
            },
        }
    },
    "/api/v1/research": {
        "get": {
            "operationId": "listResearch",
            "summary": "调查研究: the research the caller sees (the office: all; a unit: those it takes part in)",
            "responses": {"200": _json("ResearchList", "the research"), **_errors("Unauthorized")},
        }
    },
    "/api/v1/research/{research_id}": {
        "get": {
            "operationId": "getResearch",
            "summary": "A research's plan, each unit's findings, the report and its proposals",
            "parameters": [_RESEARCH_ID],
            "responses": {"200": _json("Research", "the research"), **_errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/research/{research_id}/proposals/{number}/pool": {
        "post": {
            "operationId": "poolProposal",
            "summary": "The office puts a proposal into the next full meeting's topic pool (议题库), once",
            "description": "Anyone but the office is 403; a proposal in the pool already is 409.",
            "parameters": [_RESEARCH_ID, _path_param("number", {"type": "integer"}), _CSRF],
            "responses": {
                "200": _json("Proposal", "the proposal, now pooled"),
                **_errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict"),
            },
        }
    },
    "/api/v1/bulletins": {
        "get": {
            "operationId": "listBulletins",
            "summary": "简报: the issues the caller sees (the office: all; a unit: those released to it)",
            "responses": {
                "200": _json("BulletinList", "the issues, the latest begun first"),
                **_errors("Unauthorized"),
            },
        }
    },
    "/api/v1/bulletins/{bulletin_id}": {
        "get": {
            "operationId": "getBulletin",
            "summary": "An issue as its .docx has it (number, masthead, items) and the copies signed for",
            "parameters": [_BULLETIN_ID],
            "responses": {"200": _json("Bulletin", "the issue"), **_errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/csrf-token": {
        "get": {
            "operationId": "getCsrfToken",
            "summary": "The CSRF token a browser session sends in X-CSRFToken when it posts (Bearer callers need none)",
            "responses": {
                "200": _json("CsrfToken", "the token"),
                **_errors("Unauthorized"),
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
            "schemas": {**SCHEMAS, **messages.SCHEMAS},
            "responses": {name: _json("Error", description) for name, description in _ERRORS.items()},
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
