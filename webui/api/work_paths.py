"""The OpenAPI paths of the body's information work: reports, joint inspections, research and
bulletins (webui/api/reports.py, inspections.py, research.py, bulletins.py), beside the schemas of
webui.api.work_schemas."""

from __future__ import annotations

from webui.api.doc_parts import CSRF, errors, json_body, path_param

_INSPECTION_ID = path_param("inspection_id", {"type": "integer"})
_RESEARCH_ID = path_param("research_id", {"type": "integer"})
_BULLETIN_ID = path_param("bulletin_id", {"type": "integer"})

PATHS = {
    "/api/v1/reports": {
        "get": {
            "operationId": "listReports",
            "summary": "信息报送: the reports the caller sees, the latest first (the office: all; a unit: its own)",
            "responses": {"200": json_body("ReportList", "the reports"), **errors("Unauthorized")},
        },
        "post": {
            "operationId": "fileReport",
            "summary": "File a report for the caller's unit, as its liaison (no file: attach one on the page)",
            "description": "A unit of another body is 422 under unit; anyone but a member unit's liaison, or "
            "another unit of the body, is 403, and 公开 (public) needs the office director: 403 too.",
            "parameters": [CSRF],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileReport"}}},
            },
            "responses": {
                "201": json_body("Report", "the report, waiting for the office's review"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "Unprocessable"),
            },
        },
    },
    "/api/v1/inspections": {
        "get": {
            "operationId": "listInspections",
            "summary": "联合督查: the inspections the caller sees, the latest planned first",
            "responses": {"200": json_body("InspectionList", "the inspections"), **errors("Unauthorized")},
        }
    },
    "/api/v1/inspections/{inspection_id}": {
        "get": {
            "operationId": "getInspection",
            "summary": "An inspection's plan, team, findings with their supervised items, and its report",
            "parameters": [_INSPECTION_ID],
            "responses": {"200": json_body("Inspection", "the inspection"), **errors("Unauthorized", "NotFound")},
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
            "parameters": [_INSPECTION_ID, CSRF],
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
                "201": json_body("Finding", "the finding recorded"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Unprocessable"),
            },
        }
    },
    "/api/v1/research": {
        "get": {
            "operationId": "listResearch",
            "summary": "调查研究: the research the caller sees (the office: all; a unit: those it takes part in)",
            "responses": {"200": json_body("ResearchList", "the research"), **errors("Unauthorized")},
        }
    },
    "/api/v1/research/{research_id}": {
        "get": {
            "operationId": "getResearch",
            "summary": "A research's plan, each unit's findings, the report and its proposals",
            "parameters": [_RESEARCH_ID],
            "responses": {"200": json_body("Research", "the research"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/research/{research_id}/proposals/{number}/pool": {
        "post": {
            "operationId": "poolProposal",
            "summary": "The office puts a proposal into the next full meeting's topic pool (议题库), once",
            "description": "Anyone but the office is 403; a proposal in the pool already is 409.",
            "parameters": [_RESEARCH_ID, path_param("number", {"type": "integer"}), CSRF],
            "responses": {
                "200": json_body("Proposal", "the proposal, now pooled"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict"),
            },
        }
    },
    "/api/v1/bulletins": {
        "get": {
            "operationId": "listBulletins",
            "summary": "简报: the issues the caller sees (the office: all; a unit: those released to it)",
            "responses": {
                "200": json_body("BulletinList", "the issues, the latest begun first"),
                **errors("Unauthorized"),
            },
        }
    },
    "/api/v1/bulletins/{bulletin_id}": {
        "get": {
            "operationId": "getBulletin",
            "summary": "An issue as its .docx has it (number, masthead, items) and the copies signed for",
            "parameters": [_BULLETIN_ID],
            "responses": {"200": json_body("Bulletin", "the issue"), **errors("Unauthorized", "NotFound")},
        }
    },
}
