"""The OpenAPI paths and schemas of the routes in webui/api/plans.py:
action plans (行动方案) run by the body: runs, their schedule, events and clones."""

from __future__ import annotations

from engine.plan_runs.events import NOTE_MAX
from webui.api.doc_parts import CSRF, errors, json_body, json_object, path_param, ref, string

_RUN_ID = path_param("run_id", {"type": "integer"})
_CODE = path_param("code", {"type": "string"})

PATHS = {
    "/api/v1/plans": {
        "get": {
            "operationId": "listPlans",
            "summary": "行动方案: the runs the caller sees (the office: all; a unit: those it takes part in), the "
            "latest starting first",
            "responses": {"200": json_body("PlanRunList", "the runs"), **errors("Unauthorized")},
        }
    },
    "/api/v1/plans/{run_id}": {
        "get": {
            "operationId": "getPlan",
            "summary": "A run as its page shows it: phases, each deliverable's state per unit, what is overdue, the "
            "indicators with their values, the implementation plans; for a unit's people, their unit's part only",
            "parameters": [_RUN_ID],
            "responses": {"200": json_body("PlanRunDetail", "the run"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/plans/{run_id}/units/{code}": {
        "get": {
            "operationId": "getPlanUnit",
            "summary": "One taking-part unit's part of a run (those who see the whole run, and the unit's own people)",
            "parameters": [_RUN_ID, _CODE],
            "responses": {"200": json_body("PlanRunDetail", "the unit's part"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/plans/{run_id}/events": {
        "post": {
            "operationId": "recordPlanEvent",
            "summary": "The office records the event an after-event deliverable waits for (如“发现后1个月内完成核实”): "
            "each unit owing it gets its deadline at once, due the rule's offset after the event",
            "description": "The event may recur: each record opens new deadlines. A deliverable that is not an "
            "after-event one of the plan, a run no longer running, a bad day or too long a note is 422 under its "
            "field, and nothing opens; anyone but the office is 403.",
            "parameters": [_RUN_ID, CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("RecordPlanEvent")}},
            },
            "responses": {
                "201": json_body("PlanEventRecorded", "the deadlines opened"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/plans/{run_id}/clone": {
        "post": {
            "operationId": "clonePlan",
            "summary": "The office clones a finished run into next year's: the same file, every date and year moved "
            "on by one, started at once",
            "description": "A run not finished, or a copy whose code the body already runs, is 422; anyone but the "
            "office is 403. The Location header names the new run.",
            "parameters": [_RUN_ID, CSRF],
            "responses": {
                "201": json_body("PlanRun", "the new run"),
                **errors("Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
}

_DAY = string("date")
_STATUS = string(enum=["submitted", "overdue", "open", "scheduled", "lapsed", "waiting", "cancelled"])
_RUN = {
    "id": {"type": "integer"},
    "code": string(),
    "title": string(),
    "file": string(description="the plan file's name"),
    "start": _DAY,
    "end": _DAY,
    "status": string(enum=["running", "finished"]),
    "instance_id": {"type": ["integer", "null"]},
    "cloned_from": {"type": ["integer", "null"], "description": "the run this one was cloned from"},
    "started_by": string(),
    "started_at": string("date-time"),
    "finished_at": string("date-time", nullable=True),
}
_DEADLINE = json_object(
    {
        "unit": string(),
        "deliverable": string(),
        "title": string(),
        "status": _STATUS,
        "due": string("date", nullable=True, description="null: waiting for its event, or no time limit"),
        "opens_on": string("date", nullable=True),
        "event_on": string("date", nullable=True),
        "instance_id": {"type": ["integer", "null"]},
        "submitted_at": string("date-time", nullable=True),
        "submitted_by": string(nullable=True),
    }
)
_INDICATOR = json_object(
    {
        "code": string(),
        "title": string(),
        "measure": string(),
        "target": string(description="as the page words it, e.g. >= 40: the year's milestone if set"),
        "aggregate": string(enum=["total", "average", "each"]),
        "period": string(nullable=True, description="the latest period reported, e.g. 2027H1"),
        "rolled": {"type": ["number", "null"], "description": "the units' values rolled up, as compared"},
        "on_track": {"type": ["boolean", "null"], "description": "null: nothing reported, or a target in words"},
        "history": {"type": "array", "items": json_object({"period": string(), "value": {"type": "number"}})},
        "values": {
            "type": "object",
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
            "description": "unit -> period -> value as the page writes it (8, 92.5; for a target each member "
            "meets, 11/12: members meeting it, of all), for the units shown",
        },
    }
)

SCHEMAS = {
    "PlanRun": json_object(_RUN),
    "PlanRunList": json_object({"plans": {"type": "array", "items": ref("PlanRun")}}),
    "PlanDeadline": _DEADLINE,
    "PlanRunDetail": json_object(
        {
            **_RUN,
            "issuing_body": string(),
            "focus": string(nullable=True, description="the unit the detail is narrowed to, or null for the whole"),
            "units": {"type": "array", "items": json_object({"code": string(), "name": string()})},
            "phases": {
                "type": "array",
                "items": json_object({"title": string(), "kind": string(), "start": _DAY, "end": _DAY}),
                "description": "each phase's windows, in the plan's order",
            },
            "overdue": {
                "type": "array",
                "items": json_object({"title": string(), "unit": string(), "due": _DAY}),
                "description": "deliverables and implementation plans owed past their day, the longest overdue first",
            },
            "deliverables": {
                "type": "array",
                "items": json_object(
                    {
                        "deliverable": string(),
                        "title": string(),
                        "due": string("date", nullable=True),
                        "rule": string(description="the plan's words for when it is due"),
                        "waits_for_event": {"type": "boolean"},
                        "units": {"type": "array", "items": ref("PlanDeadline")},
                    }
                ),
                "description": "one row per deliverable and due date",
            },
            "indicators": {"type": "array", "items": _INDICATOR},
            "implementation_plans": {
                "type": "array",
                "items": json_object(
                    {
                        "unit": string(),
                        "task_id": string(),
                        "status": string(enum=["submitted", "overdue", "open"]),
                        "due_at": string("date-time", nullable=True),
                    }
                ),
            },
            "reviews": {
                "type": "array",
                "items": json_object(
                    {
                        "quarter": string(),
                        "review_at": string("date-time"),
                        "briefing": {"type": "object", "description": "the dispatch briefing drawn up for it"},
                        "findings": string(nullable=True),
                        "held_by": string(nullable=True),
                        "held_at": string("date-time", nullable=True),
                    }
                ),
                "description": "the quarterly dispatch reviews: for those who see the whole body only",
            },
            "events": {
                "type": "array",
                "items": json_object(
                    {"deliverable": string(), "title": string(), "event": string(nullable=True), "rule": string()}
                ),
                "description": "the after-event deliverables the office may record an event of (a running run)",
            },
            "may_clone": {"type": "boolean", "description": "the office, on a finished run"},
        }
    ),
    "RecordPlanEvent": json_object(
        {
            "deliverable": string(description="an after-event deliverable's code (events lists them)"),
            "event_on": string("date", description="the day the event happened"),
            "note": string(maxLength=NOTE_MAX, description="what happened, added to the deadlines' titles"),
        },
        ["deliverable", "event_on"],
    ),
    "PlanEventRecorded": json_object({"opened": {"type": "array", "items": ref("PlanDeadline")}}),
}
