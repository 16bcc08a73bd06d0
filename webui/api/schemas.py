"""The OpenAPI components: the shapes webui.common.shapes builds, in JSON Schema (OpenAPI 3.1)."""

from __future__ import annotations

from engine.confidentiality.levels import LEVELS
from engine.core.limits import NOTE_MAX, TEXT_MAX, TITLE_MAX
from engine.information.models import REPORT_KINDS, REPORT_STATUSES
from engine.org.models import SEATS
from engine.workflow.control import REASON_MAX
from engine.workflow.forms import FIELD_TYPES
from webui.api.tasks import STATUSES
from webui.api.work_schemas import WORK_SCHEMAS


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _string(fmt: str | None = None, nullable: bool = False, **more) -> dict:
    schema = {"type": ["string", "null"] if nullable else "string", **more}
    if fmt:
        schema["format"] = fmt
    return schema


def _object(properties: dict, required: list[str] | None = None, **more) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **more,
    }


_LOCALISED = {
    "description": 'A text in each language, e.g. {"zh_CN": "审定意见", "en": "Decision"}',
    "type": "object",
    "additionalProperties": {"type": "string"},
}

TASK = _object(
    {
        "id": _string(description="the task's id (a UUID)"),
        "instance_id": {"type": "integer"},
        "process_id": _string(),
        "name": _string(description="the BPMN user task's id, e.g. decide_meeting"),
        "title": _string(),
        "title_en": _string(),
        "instance_title": _string(),
        "lane": _string(nullable=True),
        "unit": _string(nullable=True, description="the unit code, for a unit's task"),
        "assignee": _string(),
        "assignee_kind": _string(enum=["person", "unit", "role"]),
        "form_key": _string(nullable=True),
        "due_at": _string("date-time", nullable=True),
        "status": _string(enum=list(STATUSES)),
        "created_at": _string("date-time"),
        "closed_at": _string("date-time", nullable=True),
        "completed_by": _string(nullable=True),
        "on_behalf_reason": _string(nullable=True, description="set when the office did 代办"),
    }
)

FORM_FIELD = _object(
    {
        "name": _string(),
        "type": _string(enum=sorted(FIELD_TYPES)),
        "label": _LOCALISED,
        "help": _LOCALISED,
        "required": {"type": "boolean"},
        "required_when": {
            "description": "required when another field has one of these values",
            "type": "object",
            "additionalProperties": {"type": "array"},
        },
        "choices": {
            "type": "array",
            "items": _object({"value": _string(), "label": _LOCALISED}),
        },
        "roles": {"type": "array", "items": _string()},
        "max_length": {"type": "integer"},
        "min": {"type": "integer"},
        "max": {"type": "integer"},
        "default_from": _string(description="the process data key that fills it in"),
    },
    required=["name", "type"],
    additionalProperties=True,
)

_HOLDER = {
    "username": _string(),
    "display_name": _string(),
    "from_day": _string("date", nullable=True, description="null: held since before lianxi kept the history"),
}
ROSTER_SCHEMAS = {
    "Unit": _object(
        {
            "code": _string(),
            "name": _string(),
            "kind": _string(enum=["member", "guest", "government"]),
            "phone": _string(),
            "email": _string(),
            "seats": _object(
                {seat: {"type": "array", "items": _object(_HOLDER)} for seat in SEATS},
                description="who holds each seat now: member (the responsible leader), liaison, backup liaison",
            ),
        }
    ),
    "UnitList": _object({"units": {"type": "array", "items": _ref("Unit")}}),
    "SeatHistory": _object(
        {
            "unit": _string(),
            "holdings": {
                "type": "array",
                "description": "latest first",
                "items": _object(
                    {
                        "seat": _string(enum=list(SEATS)),
                        **_HOLDER,
                        "until_day": _string("date", nullable=True),
                        "recorded_by": _string(),
                        "recorded_at": _string("date-time"),
                        "note": _string(),
                    }
                ),
            },
        }
    ),
    "SeatChange": _object(
        {
            "seat": _string(enum=list(SEATS)),
            "person": _string(nullable=True, description="the new holder's user name; null leaves the seat empty"),
            "on_day": _string(
                "date", description="the day it took effect: not in the future, not before the last change"
            ),
            "note": _string(maxLength=NOTE_MAX),
        },
        required=["seat", "on_day"],
    ),
}

# 信息报送 (webui/api/reports.py, engine.information.models).
REPORT_SCHEMAS = {
    "Report": _object(
        {
            "id": {"type": "integer"},
            "unit": _string(description="the reporting unit's code"),
            "kind": _string(enum=list(REPORT_KINDS)),
            "title": _string(),
            "text": _string(),
            "level": _string(enum=list(LEVELS)),
            "status": _string(enum=list(REPORT_STATUSES)),
            "version": {"type": "integer", "description": "1, and one more for each revision after a return"},
            "request_id": {"type": ["integer", "null"], "description": "the information request it answers"},
            "merged_into": {"type": ["integer", "null"], "description": "the report it was merged into"},
            "filed_by": _string(),
            "filed_at": _string("date-time"),
            "submitted_at": _string("date-time", description="when the version in hand was filed"),
            "reviewed_by": _string(nullable=True),
            "reviewed_at": _string("date-time", nullable=True),
            "review_note": _string(description="a return's reason, or the office's note"),
            "attachment": _string(nullable=True, description="the file's name"),
        }
    ),
    "ReportList": _object({"reports": {"type": "array", "items": _ref("Report")}}),
    "FileReport": _object(
        {
            "unit": _string(description="the caller's unit (the default)"),
            "kind": _string(enum=list(REPORT_KINDS)),
            "title": _string(pattern=r"\S", maxLength=TITLE_MAX),
            "text": _string(pattern=r"\S", maxLength=TEXT_MAX),
            "level": _string(enum=["internal", "restricted"], default="internal"),
        },
        required=["kind", "title", "text"],
    ),
}

SCHEMAS = {
    "Task": TASK,
    "TaskList": _object(
        {
            "tasks": {"type": "array", "items": _ref("Task")},
            "page": {"type": "integer", "minimum": 1, "description": "this page (past the last: the last)"},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0, "description": "the tasks on every page"},
            "pages": {"type": "integer", "minimum": 1},
        }
    ),
    "Form": _object(
        {"title": _LOCALISED, "fields": {"type": "array", "items": _ref("FormField")}},
        required=["fields"],
    ),
    "FormField": FORM_FIELD,
    "TaskDetail": {
        "allOf": [
            _ref("Task"),
            _object(
                {
                    "form": _ref("Form"),
                    "data": {"type": "object", "description": "the process data it shows"},
                    "can_complete": {"type": "boolean"},
                    "can_complete_on_behalf": {
                        "type": "boolean",
                        "description": "the caller (the office) may complete it for the unit",
                    },
                }
            ),
        ]
    },
    "CompleteTask": {
        "description": "The form's fields by name; unknown keys are ignored.",
        "type": "object",
        "properties": {
            "on_behalf_reason": _string(
                pattern=r"\S", maxLength=TEXT_MAX, description="代办: the office completes a unit's task"
            )
        },
        "additionalProperties": True,
    },
    "Nag": _object(
        {
            "task_name": _string(description="the request's BPMN task id, e.g. receive_minutes"),
            "note": _string(maxLength=NOTE_MAX),
        },
        required=["task_name"],
    ),
    "Nagged": _object(
        {
            "reminded": {
                "type": "array",
                "items": _object(
                    {"task_id": _string(), "unit": _string(nullable=True), "messages": {"type": "integer"}}
                ),
            },
            "skipped": {
                "description": "owing still, but nagged within the last interval_hours: not nagged twice",
                "type": "array",
                "items": _object({"task_id": _string(), "unit": _string(nullable=True)}),
            },
            "interval_hours": {"type": "integer"},
        }
    ),
    "StartInstance": _object(
        {
            "process_id": _string(pattern=r"\S"),
            "data": {
                "type": "object",
                "default": {},
                "description": f"the process's start data: each value at most {TEXT_MAX} characters (as JSON)",
                "properties": {"title": _string(maxLength=TITLE_MAX)},
            },
        },
        required=["process_id"],
    ),
    "Instance": _object(
        {
            "id": {"type": "integer"},
            "process_id": _string(),
            "version": {"type": "integer"},
            "title": _string(),
            "status": _string(description="running, completed or cancelled"),
            "started_by": _string(),
            "started_at": _string("date-time"),
            "updated_at": _string("date-time"),
            "completed_at": _string("date-time", nullable=True),
            "next_timer_at": _string("date-time", nullable=True),
            "cancelled_at": _string("date-time", nullable=True),
            "cancelled_by": _string(nullable=True, description="who cancelled it before its end"),
            "cancel_reason": _string(nullable=True),
        }
    ),
    "CancelInstance": _object({"reason": _string(pattern=r"\S", maxLength=REASON_MAX)}),
    "RunningVersions": _object(
        {
            "versions": {
                "description": "per process, its latest version and every older one with instances running on it",
                "type": "array",
                "items": _object(
                    {
                        "process_id": _string(),
                        "name": _string(),
                        "version": {"type": "integer"},
                        "latest": {"type": "boolean"},
                        "running": {
                            "type": "array",
                            "items": _object(
                                {"id": {"type": "integer"}, "title": _string(), "started_at": _string("date-time")}
                            ),
                        },
                    }
                ),
            }
        }
    ),
    "InstanceWithTasks": {
        "allOf": [
            _ref("Instance"),
            _object({"open_tasks": {"type": "array", "items": _ref("Task")}}),
        ]
    },
    "InstanceDetail": {
        "allOf": [
            _ref("InstanceWithTasks"),
            _object({"history": {"type": "array", "items": _ref("HistoryEvent")}}),
        ]
    },
    "HistoryEvent": _object(
        {
            "at": _string("date-time"),
            "actor": _string(description='a user name, or "system"'),
            "action": _string(),
            "task_id": _string(nullable=True),
            "summary": _string(),
        }
    ),
    "Error": _object(
        {
            "error": _object(
                {
                    "code": _string(),
                    "message": _string(),
                    "fields": {
                        "description": "with invalid_data (422): what is wrong with each field",
                        "type": "object",
                        "additionalProperties": _object({"code": _string(), "message": _string()}),
                    },
                    "id": _string(description="with internal and process_failure (500): what the log names it by"),
                },
                required=["code", "message"],
            )
        }
    ),
    "CsrfToken": _object({"csrf_token": _string()}),
    **ROSTER_SCHEMAS,
    **REPORT_SCHEMAS,
    **WORK_SCHEMAS,
}
