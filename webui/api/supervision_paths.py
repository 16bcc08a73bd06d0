"""The OpenAPI paths and schemas of the routes in webui/api/supervision.py:
supervision (督办): the ledger of decided items, one item's course, and its commands."""

from __future__ import annotations

from engine.confidentiality.levels import LEVELS
from engine.dashboard import paging
from engine.supervision.ledger import SOURCES
from engine.supervision.starting import TEXT_MAX
from engine.supervision.status import STATUSES
from webui.api.doc_parts import CSRF, errors, json_body, json_object, path_param, ref, string
from webui.api.supervision import YEARS
from webui.common.input_guard import MAX_ID

_ITEM_ID = path_param("item_id", {"type": "integer"})
_ATTACHMENT_ID = path_param("attachment_id", {"type": "integer"})
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_YEAR = {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]}
_SAID = string(pattern=r"\S", description="not blank")


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def paging_params(default: int, most: int) -> list[dict]:
    return [
        _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_ID, "default": 1}, "past the last: the last"),
        _query("per_page", {"type": "integer", "minimum": 1, "maximum": most, "default": default}, "rows a page"),
    ]


_FILTERS = [
    _query("unit", string(), "a unit's code (lead or cooperating); a unit's people: their own only, another is 404"),
    _query("status", string(enum=list(STATUSES)), "where the item stands"),
    _query("source", string(enum=list(SOURCES)), "the kind of meeting that decided it, by_hand or inspection"),
    _query("year", _YEAR, "the year it was put under supervision"),
]


def level_path(operation_id: str, subject: str, record: dict, schema_name: str) -> dict:
    """Setting a level (密级), of an item's file or a meeting's minutes: refused (403) to anyone but
    the office, and 公开 (public) to anyone but the office director (needs_director); a level not
    listed is 422. `record`: the path parameter naming the record."""
    return {
        "post": {
            "operationId": operation_id,
            "summary": f"The office sets the level (密级) of {subject}; 公开 needs the office director",
            "parameters": [record, CSRF],
            "requestBody": {"required": True, **json_body("SetLevel", "the new level")},
            "responses": {
                "200": json_body(schema_name, "with its new level"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    }


PATHS = {
    "/api/v1/supervision/items": {
        "get": {
            "operationId": "listSupervisedItems",
            "summary": "督办台账: one page of the ledger the caller sees, and the summary of all of it",
            "description": "The office and the convener: every item of the body; a unit's people: the items "
            "their unit leads or cooperates on. A filter value not listed, or a bad page, is 400.",
            "parameters": [*_FILTERS, *paging_params(paging.PER_PAGE, paging.MAX_PER_PAGE)],
            "responses": {
                "200": json_body("Ledger", "the page of rows, in the order items were put under supervision"),
                **errors("BadRequest", "Unauthorized", "NotFound"),
            },
        },
        "post": {
            "operationId": "startSupervisedItem",
            "summary": "The office puts an item under supervision by hand, e.g. a leader's instruction (领导批示)",
            "description": "Anyone but the office is 403; a missing text, source_text or lead, a unit not of "
            "the body or a bad day is 422 under its name.",
            "parameters": [CSRF],
            "requestBody": {"required": True, **json_body("NewSupervisedItem", "the item")},
            "responses": {
                "201": json_body("SupervisedItem", "the item, its process started"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "Unprocessable"),
            },
        },
    },
    "/api/v1/supervision/ledger.xlsx": {
        "get": {
            "operationId": "getLedgerWorkbook",
            "summary": "The ledger under the same filters as an Excel workbook, as the page exports it",
            "parameters": _FILTERS,
            "responses": {
                "200": {"description": "the workbook", "content": {_XLSX: {"schema": {"type": "string"}}}},
                **errors("BadRequest", "Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/supervision/timeliness": {
        "get": {
            "operationId": "getUnitTimeliness",
            "summary": "Each unit's timeliness in a year: what it owed and what was in on time (the office's)",
            "parameters": [_query("year", _YEAR, "this year if none")],
            "responses": {
                "200": json_body("Timeliness", "the units in roster order"),
                **errors("BadRequest", "Unauthorized", "Forbidden"),
            },
        }
    },
    "/api/v1/supervision/items/{item_id}": {
        "get": {
            "operationId": "getSupervisedItem",
            "summary": "An item: its ledger row, its history and its open steps, as its page shows them",
            "parameters": [_ITEM_ID],
            "responses": {"200": json_body("SupervisedItem", "the item"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/supervision/items/{item_id}/request-progress": {
        "post": {
            "operationId": "requestItemProgress",
            "summary": "The office asks the lead unit for a progress report now, besides the monthly one",
            "description": "Anyone but the office is 403; a closed item, or one whose report is asked for and "
            "not yet in, is 409 no_longer_open.",
            "parameters": [_ITEM_ID, CSRF],
            "responses": {
                "200": json_body("SupervisedItem", "the item with its new open step"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict"),
            },
        }
    },
    "/api/v1/supervision/items/{item_id}/attachments": {
        "post": {
            "operationId": "attachToItem",
            "summary": "佐证材料: a file from the office or a liaison of the item's units",
            "description": "multipart/form-data: the file in the part `file`, a text part `note` if any; any "
            "other part is 400. Anyone else who sees the item is 403; a file of a type not allowed, empty, "
            "not what its extension says or too large is 422 under file.",
            "parameters": [_ITEM_ID, CSRF],
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": json_object(
                            {
                                "file": {"type": "string", "contentMediaType": "application/octet-stream"},
                                "note": string(maxLength=300),
                            },
                            required=["file"],
                        )
                    }
                },
            },
            "responses": {
                "201": json_body("ItemFile", "the file kept"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/supervision/attachments/{attachment_id}": {
        "get": {
            "operationId": "downloadItemFile",
            "summary": "An item's file as it was uploaded, if its level (密级) lets the caller read it",
            "parameters": [_ATTACHMENT_ID],
            "responses": {
                "200": {
                    "description": "the file, as an attachment of its own type, with its SHA-256 in X-Checksum-SHA256",
                    "content": {"*/*": {"schema": {"type": "string"}}},
                },
                **errors("Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/supervision/attachments/{attachment_id}/level": level_path(
        "setItemFileLevel", "an item's file", _ATTACHMENT_ID, "ItemFile"
    ),
}

_UNITS = {"type": "array", "items": string(), "description": "unit codes"}
_ROW = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "number": {"type": "integer", "description": "its place among the minutes' decided items"},
    "source_kind": string(enum=list(SOURCES)),
    "source": string(description="an item not from a meeting: its source as written"),
    "meeting_id": {"type": ["integer", "null"]},
    "meeting_instance_id": {"type": ["integer", "null"]},
    "meeting_title": string(),
    "issued_at": string("date-time", description="when the minutes were issued, or the item entered"),
    "text": string(),
    "lead": string(),
    "lead_name": string(),
    "cooperating": _UNITS,
    "cooperating_names": {"type": "array", "items": string()},
    "due_at": string("date-time"),
    "original_due_at": string("date-time"),
    "extended": {"type": "boolean"},
    "latest_progress": string(),
    "latest_progress_at": string("date-time", nullable=True),
    "status": string(enum=list(STATUSES)),
    "closed_at": string("date-time", nullable=True),
}
_COUNTS = {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}}}

SCHEMAS = {
    "LedgerRow": json_object(_ROW),
    "Ledger": json_object(
        {
            "items": {"type": "array", "items": ref("LedgerRow")},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            "summary": json_object(
                {
                    "by_unit": {**_COUNTS, "description": "lead unit's name → status → count"},
                    "by_source": {**_COUNTS, "description": "meeting title (or source as written) → status → count"},
                }
            ),
        }
    ),
    "SupervisedItem": json_object(
        {
            **_ROW,
            "created_at": string("date-time"),
            "events": {"type": "array", "items": ref("ItemEvent")},
            "tasks": {"type": "array", "items": ref("Task"), "description": "its open steps the caller may see"},
            "may_upload": {"type": "boolean"},
            "may_request_progress": {"type": "boolean"},
        }
    ),
    "ItemEvent": json_object(
        {
            "kind": string(
                description="progress, requested, completion, accepted, returned, contribution, "
                "extension_requested, extension_approved, extension_refused or attachment"
            ),
            "at": string("date-time"),
            "by": string(),
            "text": string(),
            "unit": string(nullable=True),
            "due_at": string("date-time", nullable=True, description="the deadline answered, or asked for"),
            "attachment": {"oneOf": [ref("ItemFile"), {"type": "null"}]},
        }
    ),
    "ItemFile": json_object(
        {
            "id": {"type": "integer"},
            "filename": string(),
            "content_type": string(),
            "size": {"type": "integer"},
            "sha256": string(),
            "level": string(enum=list(LEVELS)),
            "note": string(),
            "uploaded_by": string(),
            "uploaded_at": string("date-time"),
        }
    ),
    "NewSupervisedItem": json_object(
        {
            "source_text": {**_SAID, "description": "where it comes from, e.g. 领导批示"},
            "text": {**_SAID, "maxLength": TEXT_MAX},
            "lead": {**_SAID, "description": "the lead unit's code"},
            "cooperating": _UNITS,
            "due": string("date"),
        },
        required=["source_text", "text", "lead", "due"],
    ),
    "SetLevel": json_object({"level": string(enum=list(LEVELS))}),
    "Timeliness": json_object(
        {
            "year": {"type": "integer"},
            "units": {
                "type": "array",
                "items": json_object(
                    {
                        "unit": string(),
                        "name": string(),
                        "counted": {"type": "integer", "description": "reports and contributions owed"},
                        "on_time": {"type": "integer"},
                        "rate": {"type": ["number", "null"]},
                        "overdue_items": {"type": "array", "items": {"type": "integer"}, "description": "led"},
                    }
                ),
            },
        }
    ),
}
