"""The OpenAPI paths and schemas of the routes in webui/api/documents.py:
official documents (公文): the body's outgoing documents, requests and their .docx."""

from __future__ import annotations

from engine.archive.models import KINDS as ARCHIVE_KINDS
from engine.confidentiality.levels import LEVELS
from engine.documents.models import DOCUMENT_KINDS, STATUSES
from webui.api.doc_parts import CSRF, errors, json_body, json_object, path_param, ref, string
from webui.common.downloads import DOCX

_DOCUMENT_ID = path_param("document_id", {"type": "integer"})
_DATE_TIME = string("date-time", nullable=True)

PATHS = {
    "/api/v1/documents": {
        "get": {
            "operationId": "listDocuments",
            "summary": "请示报告: the requests, reports and joint documents the caller may read, the latest drafted "
            "first (the office, the conveners, the member units and the government, as each one's 密级 allows)",
            "responses": {"200": json_body("DocumentList", "the documents"), **errors("Unauthorized")},
        }
    },
    "/api/v1/documents/{document_id}": {
        "get": {
            "operationId": "getDocument",
            "summary": "One document with what its page and its .docx print",
            "parameters": [_DOCUMENT_ID],
            "responses": {"200": json_body("DocumentDetail", "the document"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/documents/{document_id}.docx": {
        "get": {
            "operationId": "getDocumentDocx",
            "summary": "The document as an official document (.docx), the bytes the page serves, named after its title",
            "parameters": [_DOCUMENT_ID],
            "responses": {
                "200": {
                    "description": "the .docx, as an attachment named `<title>.docx` (RFC 5987 filename*)",
                    "content": {DOCX: {"schema": {"type": "string", "contentMediaType": DOCX}}},
                },
                **errors("Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/documents/{document_id}/level": {
        "post": {
            "operationId": "setDocumentLevel",
            "summary": "The office sets the document's 密级; making it public is the office director's alone",
            "description": "Anyone but the office is 403, as is 公开 (public) by anyone but the office director "
            "(code needs_director); a level not of the three is 422 under level. The change is audited.",
            "parameters": [_DOCUMENT_ID, CSRF],
            # SetLevel: webui/api/supervision_paths.py, one body for every level change
            "requestBody": {"required": True, **json_body("SetLevel", "the level")},
            "responses": {
                "200": json_body("Document", "the document with its level"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Unprocessable"),
            },
        }
    },
    "/api/v1/documents/{document_id}/archive": {
        "post": {
            "operationId": "archiveDocument",
            "summary": "The office archives (归档) an issued document, once",
            "description": "Anyone but the office is 403; a document not yet issued is 409 not_finished, one "
            "archived already 409 already_archived.",
            "parameters": [_DOCUMENT_ID, CSRF],
            "responses": {
                "201": json_body("ArchiveEntry", "the archive's entry"),
                **errors("Unauthorized", "Forbidden", "NotFound", "Conflict"),
            },
        }
    },
}

_SIGNATURE = json_object(
    {
        "unit": string(description="the unit asked to co-sign the draft in hand"),
        "decision": string(nullable=True, enum=["agree", "disagree", None], description="null: not answered yet"),
        "comment": string(),
        "signed_by": string(nullable=True),
        "signed_at": _DATE_TIME,
    }
)
_DOCUMENT = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "kind": string(enum=list(DOCUMENT_KINDS)),
    "title": string(),
    "number": string(nullable=True, description="发文字号 as printed, once issued"),
    "status": string(enum=list(STATUSES)),
    "version": {"type": "integer", "description": "the draft being co-signed (1, 2, …)"},
    "level": string(enum=list(LEVELS)),
    "issuing_unit": string(nullable=True, description="a joint document's 主办单位 (unit code)"),
    "cosign_due": string("date", nullable=True),
    "drafted_at": string("date-time"),
    "drafted_by": string(),
    "issued_at": _DATE_TIME,
    "issued_by": string(nullable=True),
    "received_at": _DATE_TIME,
    "received_by": string(nullable=True),
    "differing_views": string(description="the views a mediation did not settle, or the office's handling note"),
    "archived": {"type": "boolean"},
    "signatures": {"type": "array", "items": _SIGNATURE},
}
SCHEMAS = {
    "Document": json_object(_DOCUMENT),
    "DocumentList": json_object({"documents": {"type": "array", "items": ref("Document")}}),
    "DocumentDetail": {
        "allOf": [
            ref("Document"),
            json_object(
                {
                    "issuers": {"type": "array", "items": string(), "description": "the issuing organs, by name"},
                    "main_to": string(description="主送"),
                    "copy_to": {"type": "array", "items": string(), "description": "抄送"},
                    "text": string(),
                    "attachment": string(nullable=True, description="the attachment's name, as the .docx names it"),
                    "dated": string("date", description="成文日期: the day issued, or drafted while not issued"),
                }
            ),
        ]
    },
    "ArchiveEntry": json_object(
        {
            "id": {"type": "integer"},
            "kind": string(enum=list(ARCHIVE_KINDS)),
            "record_id": {"type": "integer"},
            "year": {"type": "integer"},
            "title": string(),
            "archived_at": string("date-time"),
            "archived_by": string(),
            "package_sha256": string(),
        }
    ),
}
