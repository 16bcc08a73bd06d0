"""The OpenAPI paths and schemas of the routes in webui/api/meetings.py:
meetings (全体/专题/办公室会议): the body's meetings, their stage, and the decided items."""

from __future__ import annotations

from engine.confidentiality.levels import LEVELS
from engine.meetings.queries import STATES
from engine.meetings.stages import STAGES
from webui.api.doc_parts import CSRF, errors, json_body, json_object, path_param, ref, string
from webui.api.meetings import MAX_PER_PAGE
from webui.api.supervision_paths import level_path, paging_params
from webui.meetings.page import COPY_ROLES, KINDS, MATRIX_STEPS, PER_PAGE, STATUSES

_MEETING_ID = path_param("meeting_id", {"type": "integer"})
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filter(name: str, choices: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": string(enum=list(choices))}


def _docx(operation_id: str, summary: str) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [_MEETING_ID],
            "responses": {
                "200": {"description": "the .docx", "content": {_DOCX: {"schema": {"type": "string"}}}},
                **errors("Unauthorized", "NotFound"),
            },
        }
    }


PATHS = {
    "/api/v1/meetings": {
        "get": {
            "operationId": "listMeetings",
            "summary": "The meetings the caller sees, in progress first (the soonest first), then the finished",
            "description": "The office, the conveners and the administrator: every meeting of the body; a unit's "
            "people: those their unit attends, is invited to, receives a copy of or takes part in. A status or "
            "kind not listed, or a bad page, is 400.",
            "parameters": [_filter("status", STATUSES), _filter("kind", KINDS), *paging_params(PER_PAGE, MAX_PER_PAGE)],
            "responses": {"200": json_body("MeetingList", "the page"), **errors("BadRequest", "Unauthorized")},
        }
    },
    "/api/v1/meetings/{meeting_id}": {
        "get": {
            "operationId": "getMeeting",
            "summary": "A meeting as its page shows it: stage, units, minutes with co-signatures, items, timeline",
            "description": "Those who see the whole body also get progress, owed, suggestions and copies.",
            "parameters": [_MEETING_ID],
            "responses": {"200": json_body("MeetingDetail", "the meeting"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/meetings/{meeting_id}/copy": {
        "get": {
            "operationId": "getMeetingCopy",
            "summary": "The caller's unit's copy of the issued minutes; its first reading is the unit's receipt",
            "description": "As on the page: read by one who answers for the unit (its liaison), it records the "
            "receipt, unless the unit signs for it in a task (receipt_task: complete that task instead). 404 "
            "when no copy was sent to the caller's unit.",
            "parameters": [_MEETING_ID],
            "responses": {"200": json_body("MeetingCopy", "the copy"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/meetings/{meeting_id}/minutes.docx": _docx(
        "getMeetingMinutesDocx", "The issued minutes as an official document, for whoever may read a copy"
    ),
    "/api/v1/meetings/{meeting_id}/notice.docx": _docx("getMeetingNoticeDocx", "The meeting's notice, once sent"),
    "/api/v1/meetings/{meeting_id}/sitting-in": {
        "post": {
            "operationId": "recordMeetingSittingIn",
            "summary": "列席: the office records which of its people sat in on a full meeting",
            "description": "Replaces what was recorded ([] for nobody). Anyone but the office is 403; a meeting "
            "that is not a full meeting held and not yet issued is 409 sitting_in_closed; a user name not of "
            "the office is 422 under sitting_in.",
            "parameters": [_MEETING_ID, CSRF],
            "requestBody": {"required": True, **json_body("SittingIn", "who sat in")},
            "responses": {
                "200": json_body("SatIn", "who sat in now"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Unprocessable"),
            },
        }
    },
    "/api/v1/meetings/{meeting_id}/level": level_path(
        "setMeetingLevel", "the meeting's minutes", _MEETING_ID, "Meeting"
    ),
}

_UNITS = {"type": "array", "items": string(), "description": "unit codes"}
_INSTANT = string("date-time")
_MAYBE_INSTANT = string("date-time", nullable=True)
_MEETING = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "kind": string(enum=list(KINDS)),
    "title": string(),
    "status": string(enum=list(STATUSES)),
    "meeting_at": _MAYBE_INSTANT,
    "place": string(),
    "opened_at": _INSTANT,
    "issued_at": _MAYBE_INSTANT,
    "level": string(enum=list(LEVELS)),
}
_COPY = {
    "unit": string(),
    "role": string(enum=list(COPY_ROLES)),
    "sent_at": _INSTANT,
    "opened_at": string("date-time", nullable=True, description="its receipt"),
    "opened_by": string(nullable=True),
}


def _array(name: str) -> dict:
    return {"type": "array", "items": ref(name)}


SCHEMAS = {
    "Meeting": json_object(_MEETING),
    "MeetingList": json_object(
        {
            "meetings": {
                "type": "array",
                "items": json_object(
                    {
                        **_MEETING,
                        "units_owing": {"type": "integer", "description": "units still owing an answer"},
                        "has_copy": {"type": "boolean", "description": "a copy was sent to the caller's unit"},
                    }
                ),
            },
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
        }
    ),
    "MeetingDetail": json_object(
        {
            **_MEETING,
            "topics": string(),
            "chair": string(nullable=True),
            "seal": string(),
            "signed_by": string(nullable=True),
            "stages": {
                "type": "array",
                "items": json_object(
                    {
                        "stage": string(enum=sorted({s for kind in STAGES.values() for s in kind})),
                        "state": string(enum=["done", "current", "todo"]),
                    }
                ),
                "description": "the stages of its kind; none for a cancelled meeting",
            },
            "units": json_object({"attended": _UNITS, "absent": _UNITS, "invited": _UNITS, "sitting_in": _UNITS}),
            "minutes": {**_array("MinutesVersion"), "description": "every version, the first first"},
            "disputes": _array("DisputedMatter"),
            "items": {**_array("LedgerRow"), "description": "its decided items under supervision the caller sees"},
            "own_copy": {"oneOf": [json_object(_COPY), {"type": "null"}]},
            "may_see_instance": {"type": "boolean"},
            "may_record_sitting_in": {"type": "boolean"},
            "timeline": _array("MeetingEvent"),
            "progress": {
                "type": "object",
                "properties": {step: _array("UnitProgress") for step, _ in MATRIX_STEPS},
                "description": "the whole body's view only: each request sent to many units, unit by unit",
            },
            "owed": {**_array("Task"), "description": "the whole body's view only: the open steps"},
            "suggestions": {
                "type": "array",
                "items": json_object(
                    {
                        "unit": string(),
                        "topics": string(description="empty: no suggestion"),
                        "closed_at_deadline": {"type": "boolean"},
                        "submitted_by": string(),
                        "submitted_at": _INSTANT,
                    }
                ),
                "description": "the whole body's view only: the topics the units suggested",
            },
            "copies": {"type": "array", "items": json_object(_COPY), "description": "the whole body's view only"},
        },
        required=[*_MEETING, "stages", "units", "minutes", "disputes", "items", "own_copy", "timeline"],
    ),
    "MinutesVersion": json_object(
        {
            "number": {"type": "integer"},
            "text": string(),
            "drafted_by": string(),
            "drafted_at": _INSTANT,
            "decided_items": {
                "type": "array",
                "items": json_object(
                    {
                        "number": {"type": "integer"},
                        "text": string(),
                        "lead": string(),
                        "cooperating": _UNITS,
                        "due": string("date"),
                        "government_state": string(nullable=True, enum=["pending", "decided", None]),
                        "referral_instance": {
                            "type": ["integer", "null"],
                            "description": "the request to the government, when the caller may open it",
                        },
                    }
                ),
            },
            "signatures": {
                "type": "array",
                "items": json_object(
                    {
                        "unit": string(),
                        "decision": string(enum=["agree", "agree_with_comments", "disagree"]),
                        "comment": string(),
                        "signed_by": string(),
                        "signed_at": _INSTANT,
                    }
                ),
                "description": "not in a copy",
            },
        },
        required=["number", "text", "drafted_by", "drafted_at", "decided_items"],
    ),
    "DisputedMatter": json_object(
        {
            "description": string(),
            "units": _UNITS,
            "majority_view": string(),
            "dissenting_view": string(),
            "recorded_by": string(),
            "recorded_at": _INSTANT,
            "referral": {
                "oneOf": [
                    json_object(
                        {
                            "instance_id": {"type": ["integer", "null"], "description": "when the caller may open it"},
                            "sent_at": _MAYBE_INSTANT,
                            "decided_at": _MAYBE_INSTANT,
                            "decision_number": string(),
                            "decision_text": string(),
                        }
                    ),
                    {"type": "null"},
                ]
            },
        }
    ),
    "MeetingEvent": json_object(
        {"kind": string(), "at": _INSTANT, "what": string(description="in words"), "who": string(nullable=True)}
    ),
    "UnitProgress": json_object(
        {
            "unit": string(),
            "task_id": string(),
            "state": string(enum=list(STATES)),
            "at": _MAYBE_INSTANT,
            "by": string(nullable=True),
            "due_at": _MAYBE_INSTANT,
            "status": string(),
            "decision": string(nullable=True, description="a co-signature's decision"),
        }
    ),
    "MeetingCopy": json_object(
        {
            **_COPY,
            "meeting": ref("Meeting"),
            "receipt_task": {"oneOf": [json_object({"id": string(), "status": string()}), {"type": "null"}]},
            "minutes": ref("MinutesVersion"),
        }
    ),
    "SittingIn": json_object({"sitting_in": {"type": "array", "items": string(), "description": "user names"}}),
    "SatIn": json_object(
        {
            "sitting_in": {"type": "array", "items": string(), "description": "user names, the director first"},
            "names": {"type": "array", "items": string()},
        }
    ),
}
