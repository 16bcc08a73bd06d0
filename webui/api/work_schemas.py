"""The OpenAPI components of joint inspections, research and bulletins (webui.common.work_shapes)."""

from __future__ import annotations

from engine.confidentiality.levels import LEVELS
from engine.information.models import BULLETIN_STATUSES, MASTHEADS
from engine.inspections.findings import PLACE_MAX, PROBLEM_MAX
from engine.inspections.models import KINDS, STATUSES, TRIGGERS
from engine.research.models import STATUSES as RESEARCH_STATUSES


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _string(fmt: str | None = None, nullable: bool = False, **more) -> dict:
    schema = {"type": ["string", "null"] if nullable else "string", **more}
    if fmt:
        schema["format"] = fmt
    return schema


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties, "required": list(properties) if required is None else required}


def _list(name: str, key: str) -> dict:
    return _object({key: {"type": "array", "items": _ref(name)}})


_UNITS = {"type": "array", "items": _string(), "description": "unit codes, in roster order"}
_INSPECTION = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "title": _string(),
    "kind": _string(enum=list(KINDS)),
    "status": _string(enum=list(STATUSES)),
    "planned_at": _string("date-time"),
    "period_from": _string("date"),
    "period_to": _string("date"),
    "team_units": _UNITS,
    "team_leader": _string(description="the team leader's user name"),
}
_RESEARCH = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "subject": _string(),
    "status": _string(enum=list(RESEARCH_STATUSES)),
    "units": _UNITS,
    "starts_on": _string("date"),
    "ends_on": _string("date"),
    "findings_due": _string("date"),
    "planned_at": _string("date-time"),
}
_BULLETIN = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "number": _string(nullable=True, description="第N期 as printed, once released"),
    "masthead": _string(enum=list(MASTHEADS)),
    "level": _string(enum=list(LEVELS)),
    "status": _string(enum=list(BULLETIN_STATUSES)),
    "begun_at": _string("date-time"),
    "released_at": _string("date-time", nullable=True),
}

WORK_SCHEMAS = {
    "InspectionList": _list("InspectionSummary", "inspections"),
    "InspectionSummary": _object({**_INSPECTION, "findings": {"type": "integer", "description": "how many"}}),
    "Inspection": _object(
        {
            **_INSPECTION,
            "trigger": _string(enum=list(TRIGGERS)),
            "trigger_from": _string(),
            "trigger_on": _string("date"),
            "trigger_text": _string(),
            "scope": _string(),
            "findings": {"type": "array", "items": _ref("Finding")},
            "report": _object(
                {
                    "text": _string(),
                    "file": _string(nullable=True),
                    "reported_by": _string(nullable=True),
                    "reported_at": _string("date-time", nullable=True),
                    "read_by": _string(nullable=True),
                    "read_at": _string("date-time", nullable=True),
                    "read_comments": _string(),
                    "sent_to": _string(),
                    "sent_on": _string("date", nullable=True),
                }
            ),
        }
    ),
    "Finding": _object(
        {
            "number": {"type": "integer"},
            "place": _string(),
            "problem": _string(),
            "responsible_unit": _string(),
            "needs_fixing": {"type": "boolean"},
            "fix_by": _string("date", nullable=True),
            "evidence": _string(nullable=True, description="the evidence file's name"),
            "item_id": {
                "type": ["integer", "null"],
                "description": "its supervised item, when the caller may open it (the office, its lead unit)",
            },
            "item_status": _string(nullable=True, description="where its supervised item stands"),
            "recorded_by": _string(),
            "recorded_at": _string("date-time"),
        }
    ),
    "RecordFinding": _object(
        {
            "place": _string(pattern=r"\S", maxLength=PLACE_MAX),
            "problem": _string(pattern=r"\S", maxLength=PROBLEM_MAX),
            "responsible_unit": _string(description="a member unit's code"),
            "needs_fixing": {"type": "boolean", "default": False},
            "fix_by": _string("date", description="needed when needs_fixing: today or later"),
        },
        required=["place", "problem", "responsible_unit"],
    ),
    "ResearchList": _list("ResearchSummary", "research"),
    "ResearchSummary": _object(_RESEARCH),
    "Research": _object(
        {
            **_RESEARCH,
            "plan": _string(),
            "findings": {
                "type": "array",
                "items": _object(
                    {
                        "unit": _string(),
                        "text": _string(nullable=True, description="null while the unit owes its findings"),
                        "file": _string(nullable=True),
                        "submitted_at": _string("date-time", nullable=True),
                    }
                ),
            },
            "report": _string(),
            "report_file": _string(nullable=True),
            "reported_at": _string("date-time", nullable=True),
            "proposals": {"type": "array", "items": _ref("Proposal")},
        }
    ),
    "Proposal": _object(
        {
            "number": {"type": "integer"},
            "text": _string(),
            "pooled": {"type": "boolean", "description": "in the next full meeting's topic pool"},
            "pooled_at": _string("date-time", nullable=True),
            "pooled_by": _string(nullable=True),
        }
    ),
    "BulletinList": _list("BulletinSummary", "bulletins"),
    "BulletinSummary": _object(_BULLETIN),
    "Bulletin": _object(
        {
            **_BULLETIN,
            "masthead_lines": {"type": "array", "items": _string()},
            "foreword": _string(),
            "items": {
                "type": "array",
                "items": _object(
                    {"report_id": {"type": "integer"}, "unit": _string(), "title": _string(), "text": _string()}
                ),
            },
            "receipts": {
                "type": "array",
                "items": _object(
                    {
                        "unit": _string(),
                        "sent_at": _string("date-time"),
                        "received_by": _string(nullable=True),
                        "received_at": _string("date-time", nullable=True),
                    }
                ),
            },
        }
    ),
}
