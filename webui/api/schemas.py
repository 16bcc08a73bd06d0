"""The OpenAPI components: the shapes webui.common.shapes builds, in JSON Schema (OpenAPI 3.1)."""

from __future__ import annotations

from engine.confidentiality.levels import LEVELS
from engine.core.limits import NOTE_MAX, TEXT_MAX, TITLE_MAX
from engine.information.models import REPORT_KINDS, REPORT_STATUSES
from engine.org.models import SEATS
from engine.workflow.control import REASON_MAX
from engine.workflow.forms import FIELD_TYPES
from webui.api.doc_parts import json_object, ref, string
from webui.api.tasks import STATUSES
from webui.api.work_schemas import WORK_SCHEMAS

_LOCALISED = {
    "description": 'A text in each language, e.g. {"zh_CN": "审定意见", "en": "Decision"}',
    "type": "object",
    "additionalProperties": {"type": "string"},
}

TASK = json_object(
    {
        "id": string(description="the task's id (a UUID)"),
        "instance_id": {"type": "integer"},
        "process_id": string(),
        "name": string(description="the BPMN user task's id, e.g. decide_meeting"),
        "title": string(),
        "title_en": string(),
        "instance_title": string(),
        "lane": string(nullable=True),
        "unit": string(nullable=True, description="the unit code, for a unit's task"),
        "assignee": string(),
        "assignee_kind": string(enum=["person", "unit", "role"]),
        "form_key": string(nullable=True),
        "due_at": string("date-time", nullable=True),
        "status": string(enum=list(STATUSES)),
        "created_at": string("date-time"),
        "closed_at": string("date-time", nullable=True),
        "completed_by": string(nullable=True),
        "on_behalf_reason": string(nullable=True, description="set when the office did 代办"),
    }
)

FORM_FIELD = json_object(
    {
        "name": string(),
        "type": string(enum=sorted(FIELD_TYPES)),
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
            "items": json_object({"value": string(), "label": _LOCALISED}),
        },
        "roles": {"type": "array", "items": string()},
        "max_length": {"type": "integer"},
        "min": {"type": "integer"},
        "max": {"type": "integer"},
        "default_from": string(description="the process data key that fills it in"),
    },
    required=["name", "type"],
    additionalProperties=True,
)

_HOLDER = {
    "username": string(),
    "display_name": string(),
    "from_day": string("date", nullable=True, description="null: held since before lianxi kept the history"),
}
ROSTER_SCHEMAS = {
    "Unit": json_object(
        {
            "code": string(),
            "name": string(),
            "kind": string(enum=["member", "guest", "government"]),
            "phone": string(),
            "email": string(),
            "seats": json_object(
                {seat: {"type": "array", "items": json_object(_HOLDER)} for seat in SEATS},
                description="who holds each seat now: member (the responsible leader), liaison, backup liaison",
            ),
        }
    ),
    "UnitList": json_object({"units": {"type": "array", "items": ref("Unit")}}),
    "SeatHistory": json_object(
        {
            "unit": string(),
            "holdings": {
                "type": "array",
                "description": "latest first",
                "items": json_object(
                    {
                        "seat": string(enum=list(SEATS)),
                        **_HOLDER,
                        "until_day": string("date", nullable=True),
                        "recorded_by": string(),
                        "recorded_at": string("date-time"),
                        "note": string(),
                    }
                ),
            },
        }
    ),
    "SeatChange": json_object(
        {
            "seat": string(enum=list(SEATS)),
            "person": string(nullable=True, description="the new holder's user name; null leaves the seat empty"),
            "on_day": string(
                "date", description="the day it took effect: not in the future, not before the last change"
            ),
            "note": string(maxLength=NOTE_MAX),
        },
        required=["seat", "on_day"],
    ),
}

# 信息报送 (webui/api/reports.py, engine.information.models).
REPORT_SCHEMAS = {
    "Report": json_object(
        {
            "id": {"type": "integer"},
            "unit": string(description="the reporting unit's code"),
            "kind": string(enum=list(REPORT_KINDS)),
            "title": string(),
            "text": string(),
            "level": string(enum=list(LEVELS)),
            "status": string(enum=list(REPORT_STATUSES)),
            "version": {"type": "integer", "description": "1, and one more for each revision after a return"},
            "request_id": {"type": ["integer", "null"], "description": "the information request it answers"},
            "merged_into": {"type": ["integer", "null"], "description": "the report it was merged into"},
            "filed_by": string(),
            "filed_at": string("date-time"),
            "submitted_at": string("date-time", description="when the version in hand was filed"),
            "reviewed_by": string(nullable=True),
            "reviewed_at": string("date-time", nullable=True),
            "review_note": string(description="a return's reason, or the office's note"),
            "attachment": string(nullable=True, description="the file's name"),
        }
    ),
    "ReportList": json_object({"reports": {"type": "array", "items": ref("Report")}}),
    "FileReport": json_object(
        {
            "unit": string(description="the caller's unit (the default)"),
            "kind": string(enum=list(REPORT_KINDS)),
            "title": string(pattern=r"\S", maxLength=TITLE_MAX),
            "text": string(pattern=r"\S", maxLength=TEXT_MAX),
            "level": string(enum=["internal", "restricted"], default="internal"),
        },
        required=["kind", "title", "text"],
    ),
}

SCHEMAS = {
    "Task": TASK,
    "TaskList": json_object(
        {
            "tasks": {"type": "array", "items": ref("Task")},
            "page": {"type": "integer", "minimum": 1, "description": "this page (past the last: the last)"},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0, "description": "the tasks on every page"},
            "pages": {"type": "integer", "minimum": 1},
        }
    ),
    "Form": json_object(
        {"title": _LOCALISED, "fields": {"type": "array", "items": ref("FormField")}},
        required=["fields"],
    ),
    "FormField": FORM_FIELD,
    "TaskDetail": {
        "allOf": [
            ref("Task"),
            json_object(
                {
                    "form": ref("Form"),
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
            "on_behalf_reason": string(
                pattern=r"\S", maxLength=TEXT_MAX, description="代办: the office completes a unit's task"
            )
        },
        "additionalProperties": True,
    },
    "Nag": json_object(
        {
            "task_name": string(description="the request's BPMN task id, e.g. receive_minutes"),
            "note": string(maxLength=NOTE_MAX),
        },
        required=["task_name"],
    ),
    "Nagged": json_object(
        {
            "reminded": {
                "type": "array",
                "items": json_object(
                    {"task_id": string(), "unit": string(nullable=True), "messages": {"type": "integer"}}
                ),
            },
            "skipped": {
                "description": "owing still, but nagged within the last interval_hours: not nagged twice",
                "type": "array",
                "items": json_object({"task_id": string(), "unit": string(nullable=True)}),
            },
            "interval_hours": {"type": "integer"},
        }
    ),
    "StartInstance": json_object(
        {
            "process_id": string(pattern=r"\S"),
            "data": {
                "type": "object",
                "default": {},
                "description": f"the process's start data: each value at most {TEXT_MAX} characters (as JSON)",
                "properties": {"title": string(maxLength=TITLE_MAX)},
            },
        },
        required=["process_id"],
    ),
    "Instance": json_object(
        {
            "id": {"type": "integer"},
            "process_id": string(),
            "version": {"type": "integer"},
            "title": string(),
            "status": string(description="running, completed or cancelled"),
            "started_by": string(),
            "started_at": string("date-time"),
            "updated_at": string("date-time"),
            "completed_at": string("date-time", nullable=True),
            "next_timer_at": string("date-time", nullable=True),
            "cancelled_at": string("date-time", nullable=True),
            "cancelled_by": string(nullable=True, description="who cancelled it before its end"),
            "cancel_reason": string(nullable=True),
        }
    ),
    "CancelInstance": json_object({"reason": string(pattern=r"\S", maxLength=REASON_MAX)}),
    "RunningVersions": json_object(
        {
            "versions": {
                "description": "per process, its latest version and every older one with instances running on it",
                "type": "array",
                "items": json_object(
                    {
                        "process_id": string(),
                        "name": string(),
                        "version": {"type": "integer"},
                        "latest": {"type": "boolean"},
                        "running": {
                            "type": "array",
                            "items": json_object(
                                {"id": {"type": "integer"}, "title": string(), "started_at": string("date-time")}
                            ),
                        },
                    }
                ),
            }
        }
    ),
    "InstanceWithTasks": {
        "allOf": [
            ref("Instance"),
            json_object({"open_tasks": {"type": "array", "items": ref("Task")}}),
        ]
    },
    "InstanceDetail": {
        "allOf": [
            ref("InstanceWithTasks"),
            json_object({"history": {"type": "array", "items": ref("HistoryEvent")}}),
        ]
    },
    "HistoryEvent": json_object(
        {
            "at": string("date-time"),
            "actor": string(description='a user name, or "system"'),
            "action": string(),
            "task_id": string(nullable=True),
            "summary": string(),
        }
    ),
    "Error": json_object(
        {
            "error": json_object(
                {
                    "code": string(),
                    "message": string(),
                    "fields": {
                        "description": "with invalid_data (422): what is wrong with each field",
                        "type": "object",
                        "additionalProperties": json_object({"code": string(), "message": string()}),
                    },
                    "id": string(description="with internal and process_failure (500): what the log names it by"),
                },
                required=["code", "message"],
            )
        }
    ),
    "CsrfToken": json_object({"csrf_token": string()}),
    **ROSTER_SCHEMAS,
    **REPORT_SCHEMAS,
    **WORK_SCHEMAS,
}
