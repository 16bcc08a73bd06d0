"""The OpenAPI paths and schemas of the routes in webui/api/annual.py:
the annual cycle (年度总结和计划): each unit's summary and plan, and the office's compilation."""

from __future__ import annotations

from engine.annual.drafts import DRAFT_MAX
from engine.confidentiality.levels import LEVELS
from webui.api.doc_parts import CSRF, errors, json_body, json_object, path_param, ref, string

_YEAR = path_param("year", {"type": "integer"})
_CODE = path_param("code", {"type": "string"})
_ATTACHMENT_ID = path_param("attachment_id", {"type": "integer"})
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _get(operation: str, summary: str, schema: str, described: str, parameters: list, *refusals: str) -> dict:
    return {
        "operationId": operation,
        "summary": summary,
        "parameters": parameters,
        "responses": {"200": json_body(schema, described), **errors("Unauthorized", *refusals)},
    }


def _post(operation: str, summary: str, body: str | None, schema: str, described: str, *refusals: str) -> dict:
    post = {
        "operationId": operation,
        "summary": summary,
        "responses": {"200": json_body(schema, described), **errors("Unauthorized", "Forbidden", *refusals)},
    }
    if body:
        post["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    return post


PATHS = {
    "/api/v1/annual": {
        "get": _get(
            "listAnnualCycles",
            "年度总结: the body's cycles by year (the office, the convener and the administrator; 403 for a unit)",
            "AnnualCycleList",
            "the cycles, the earliest year first",
            [],
            "Forbidden",
        )
    },
    "/api/v1/annual/settings": {
        "get": _get(
            "getAnnualSettings",
            "The day the year's round starts, the units' deadline and whether the convener approves the result "
            "(the administrator and the office director)",
            "AnnualSettings",
            "the body's settings",
            [],
            "Forbidden",
        ),
        "post": {
            **_post(
                "saveAnnualSettings",
                "Change the settings; they apply from the next cycle (the administrator and the office director)",
                "AnnualSettings",
                "AnnualSettings",
                "the settings saved",
                "BadRequest",
                "Unprocessable",
            ),
            "parameters": [CSRF],
        },
    },
    "/api/v1/annual/{year}": {
        "get": _get(
            "getAnnualYear",
            "A year's overview: every member unit's state (not submitted, pending, returned, accepted), late or not",
            "AnnualYear",
            "the year",
            [_YEAR],
            "NotFound",
        )
    },
    "/api/v1/annual/{year}/units/{code}": {
        "get": _get(
            "getAnnualUnit",
            "A member unit's part of the year: its submissions with their plan, topics and documents (those who "
            "see the year, and the unit's own liaisons)",
            "AnnualUnit",
            "the unit's part",
            [_YEAR, _CODE],
            "NotFound",
        )
    },
    "/api/v1/annual/{year}/units/{code}/review": {
        "post": {
            **_post(
                "reviewAnnualSubmission",
                "The office accepts the unit's submission, or returns it with comments and a date to resubmit "
                "by (the unit's task goes back); 409 when none awaits review",
                "AnnualReview",
                "AnnualUnitRow",
                "the unit's line of the overview",
                "BadRequest",
                "NotFound",
                "Conflict",
                "Unprocessable",
            ),
            "parameters": [_YEAR, _CODE, CSRF],
        }
    },
    "/api/v1/annual/{year}/accept-all": {
        "post": {
            **_post(
                "acceptAnnualSubmissions",
                "The office accepts every submission awaiting review",
                None,
                "AnnualAccepted",
                "how many it accepted",
                "NotFound",
            ),
            "parameters": [_YEAR, CSRF],
        }
    },
    "/api/v1/annual/{year}/draft": {
        "get": {
            **_get(
                "getAnnualDraft",
                "The compiled summary and plan: the text to edit, the version it is based on, every version",
                "AnnualDraft",
                "the draft",
                [_YEAR, {"name": "regather", "in": "query", "schema": {"type": "string", "enum": ["1"]}}],
                "NotFound",
            ),
            "description": "With regather=1, the text is the units' latest submissions gathered afresh.",
        },
        "post": {
            **_post(
                "saveAnnualDraft",
                "The office saves the edited text as a new version, and with finalise makes it the year's result",
                "SaveAnnualDraft",
                "AnnualDraft",
                "the draft with the version saved",
                "BadRequest",
                "NotFound",
                "Conflict",
                "Unprocessable",
            ),
            "description": "409 when someone saved since based_on was read, once the year is archived, or when "
            "finalising while the summary is not being compiled; nothing is saved then.",
            "parameters": [_YEAR, CSRF],
        },
    },
    "/api/v1/annual/{year}/export.docx": {
        "get": {
            "operationId": "exportAnnualDocx",
            "summary": "The year's compiled summary and plan as the compile page's Word document (the office)",
            "parameters": [_YEAR],
            "responses": {
                "200": {"description": "the .docx", "content": {_DOCX: {"schema": {"type": "string"}}}},
                **errors("Unauthorized", "Forbidden", "NotFound"),
            },
        }
    },
    "/api/v1/annual/{year}/units/{code}/documents": {
        "post": {
            "operationId": "attachAnnualDocument",
            "summary": "A document (.docx, .pdf) for the unit's latest submission while it awaits review (the unit's "
            "liaisons and the office)",
            "description": "multipart/form-data with the file in the part `file` and nothing else (400 otherwise). "
            "Anyone else who sees the unit is 403; no submission awaiting review is 409; a file of another type, "
            "empty or too large is 422 under file. Nothing is kept then.",
            "parameters": [_YEAR, _CODE, CSRF],
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": json_object(
                            {"file": {"type": "string", "contentMediaType": "application/octet-stream"}}
                        )
                    }
                },
            },
            "responses": {
                "201": json_body("AnnualDocument", "the document kept"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Unprocessable"),
            },
        }
    },
    "/api/v1/annual/documents/{attachment_id}/level": {
        "post": {
            "operationId": "setAnnualDocumentLevel",
            "summary": "The office sets a submission's document's 密级; 公开 needs the office director (403 "
            "needs_director)",
            "parameters": [_ATTACHMENT_ID, CSRF],
            # SetLevel: webui/api/supervision_paths.py, one body for every level change
            "requestBody": {"required": True, **json_body("SetLevel", "the level")},
            "responses": {
                "200": json_body("AnnualDocument", "the document"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/annual/documents/{attachment_id}": {
        "get": {
            "operationId": "getAnnualDocument",
            "summary": "A document attached to a submission, if its level lets the caller read it",
            "parameters": [_ATTACHMENT_ID],
            "responses": {
                "200": {
                    "description": "the file, as a download of its own type",
                    "content": {"*/*": {"schema": {"type": "string"}}},
                },
                **errors("Unauthorized", "NotFound"),
            },
        }
    },
}


_MONTH_DAY = string(pattern=r"^\d{1,2}-\d{1,2}$", description="MM-DD")
_CYCLE = {
    "year": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "status": string(enum=["collecting", "compiling", "approving", "archived"]),
    "deadline": string("date"),
    "deadline_at": string("date-time"),
    "require_convener_approval": {"type": "boolean"},
    "started_at": string("date-time"),
    "archived_at": string("date-time", nullable=True),
    "archived_draft": {"type": ["integer", "null"], "description": "the version made final"},
}
_UNIT_ROW = {
    "code": string(),
    "name": string(),
    "state": string(enum=["not_submitted", "pending", "returned", "accepted"]),
    "late": {
        "type": "boolean",
        "description": "the page's 逾期: the first submission came after the deadline, or none came and it passed",
    },
    "first_submitted_at": string("date-time", nullable=True),
    "latest_submitted_at": string("date-time", nullable=True),
    "submissions": {"type": "integer", "description": "how many (a returned unit's resubmission is the next)"},
    "review_task_id": string(nullable=True, description="the office's open review task, if it owes one"),
}
_VERSION = json_object({"number": {"type": "integer"}, "saved_by": string(), "saved_at": string("date-time")})

SCHEMAS = {
    "AnnualCycle": json_object(_CYCLE),
    "AnnualCycleList": json_object({"cycles": {"type": "array", "items": ref("AnnualCycle")}}),
    "AnnualUnitRow": json_object(_UNIT_ROW),
    "AnnualYear": json_object(
        {
            **_CYCLE,
            "past_deadline": {"type": "boolean"},
            "submitted": {"type": "integer", "description": "units that have submitted"},
            "pending": {"type": "integer", "description": "submissions awaiting the office's review"},
            "units": {"type": "array", "items": ref("AnnualUnitRow"), "description": "in roster order"},
        }
    ),
    "AnnualSubmission": json_object(
        {
            "number": {"type": "integer"},
            "summary": string(),
            "plan": {
                "type": "array",
                "items": json_object({"item": string(), "owner": string(), "month": string(description="YYYY-MM")}),
            },
            "topics": {"type": "array", "items": string(), "description": "topic suggestions for the joint meeting"},
            "submitted_by": string(),
            "submitted_at": string("date-time"),
            "late": {"type": "boolean"},
            "review": string(enum=["pending", "accepted", "returned"]),
            "review_comments": string(),
            "reviewed_by": string(nullable=True),
            "reviewed_at": string("date-time", nullable=True),
            "documents": {
                "type": "array",
                "items": ref("AnnualDocument"),
                "description": "those the caller may read",
            },
        }
    ),
    "AnnualDocument": json_object(
        {
            "id": {"type": "integer", "description": "GET /api/v1/annual/documents/{id}"},
            "filename": string(),
            "size": {"type": "integer"},
            "level": string(enum=list(LEVELS)),
            "uploaded_by": string(),
            "uploaded_at": string("date-time"),
        }
    ),
    "AnnualUnit": json_object(
        {
            "year": {"type": "integer"},
            "deadline": string("date"),
            **_UNIT_ROW,
            "submissions": {"type": "array", "items": ref("AnnualSubmission"), "description": "oldest first"},
            "may_attach": {"type": "boolean", "description": "whether the caller may attach documents now"},
        }
    ),
    "AnnualReview": json_object(
        {
            "review_decision": string(enum=["accept", "return"]),
            "review_comments": string(description="needed to return"),
            "resubmit_by": string("date", description="needed to return"),
        },
        ["review_decision"],
    ),
    "AnnualAccepted": json_object({"accepted": {"type": "integer"}}),
    "AnnualDraft": json_object(
        {
            "year": {"type": "integer"},
            "status": _CYCLE["status"],
            "text": string(description="plain text: `# ` the title, `## ` a unit, `### ` a part, `｜` table rows"),
            "based_on": {"type": "integer", "description": "the latest version's number (0 before the first save)"},
            "versions": {"type": "array", "items": _VERSION},
            "may_edit": {"type": "boolean"},
            "compile_open": {"type": "boolean", "description": "whether the office's compile task is open"},
        }
    ),
    "SaveAnnualDraft": json_object(
        {
            "text": string(pattern=r"\S", maxLength=DRAFT_MAX, description="not blank"),
            "based_on": {"type": "integer", "description": "the version the text was edited from"},
            "finalise": {"type": "boolean", "default": False},
        },
        ["text", "based_on"],
    ),
    "AnnualSettings": json_object(
        {"start_day": _MONTH_DAY, "deadline_day": _MONTH_DAY, "require_convener_approval": {"type": "boolean"}},
        ["start_day", "deadline_day"],
    ),
}
