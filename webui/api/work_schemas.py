"""The OpenAPI components of joint inspections, research and bulletins (webui.common.work_shapes)."""

from __future__ import annotations

from engine.confidentiality.levels import LEVELS
from engine.information.models import BULLETIN_STATUSES, MASTHEADS
from engine.inspections.findings import PLACE_MAX, PROBLEM_MAX
from engine.inspections.models import KINDS, STATUSES, TRIGGERS
from engine.research.models import STATUSES as RESEARCH_STATUSES
from webui.api.doc_parts import json_object, ref, string


def _list(name: str, key: str) -> dict:
    return json_object({key: {"type": "array", "items": ref(name)}})


_UNITS = {"type": "array", "items": string(), "description": "unit codes, in roster order"}
_INSPECTION = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "title": string(),
    "kind": string(enum=list(KINDS)),
    "status": string(enum=list(STATUSES)),
    "planned_at": string("date-time"),
    "period_from": string("date"),
    "period_to": string("date"),
    "team_units": _UNITS,
    "team_leader": string(description="the team leader's user name"),
}
_RESEARCH = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "subject": string(),
    "status": string(enum=list(RESEARCH_STATUSES)),
    "units": _UNITS,
    "starts_on": string("date"),
    "ends_on": string("date"),
    "findings_due": string("date"),
    "planned_at": string("date-time"),
}
_BULLETIN = {
    "id": {"type": "integer"},
    "instance_id": {"type": "integer"},
    "number": string(nullable=True, description="第N期 as printed, once released"),
    "masthead": string(enum=list(MASTHEADS)),
    "level": string(enum=list(LEVELS)),
    "status": string(enum=list(BULLETIN_STATUSES)),
    "begun_at": string("date-time"),
    "released_at": string("date-time", nullable=True),
}

WORK_SCHEMAS = {
    "InspectionList": _list("InspectionSummary", "inspections"),
    "InspectionSummary": json_object({**_INSPECTION, "findings": {"type": "integer", "description": "how many"}}),
    "Inspection": json_object(
        {
            **_INSPECTION,
            "trigger": string(enum=list(TRIGGERS)),
            "trigger_from": string(),
            "trigger_on": string("date"),
            "trigger_text": string(),
            "scope": string(),
            "findings": {"type": "array", "items": ref("Finding")},
            "report": json_object(
                {
                    "text": string(),
                    "file": string(nullable=True),
                    "reported_by": string(nullable=True),
                    "reported_at": string("date-time", nullable=True),
                    "read_by": string(nullable=True),
                    "read_at": string("date-time", nullable=True),
                    "read_comments": string(),
                    "sent_to": string(),
                    "sent_on": string("date", nullable=True),
                }
            ),
        }
    ),
    "Finding": json_object(
        {
            "number": {"type": "integer"},
            "place": string(),
            "problem": string(),
            "responsible_unit": string(),
            "needs_fixing": {"type": "boolean"},
            "fix_by": string("date", nullable=True),
            "evidence": string(nullable=True, description="the evidence file's name"),
            "item_id": {
                "type": ["integer", "null"],
                "description": "its supervised item, when the caller may open it (the office, its lead unit)",
            },
            "item_status": string(nullable=True, description="where its supervised item stands"),
            "recorded_by": string(),
            "recorded_at": string("date-time"),
        }
    ),
    "RecordFinding": json_object(
        {
            "place": string(pattern=r"\S", maxLength=PLACE_MAX),
            "problem": string(pattern=r"\S", maxLength=PROBLEM_MAX),
            "responsible_unit": string(description="a member unit's code"),
            "needs_fixing": {"type": "boolean", "default": False},
            "fix_by": string("date", description="needed when needs_fixing: today or later"),
        },
        required=["place", "problem", "responsible_unit"],
    ),
    "ResearchList": _list("ResearchSummary", "research"),
    "ResearchSummary": json_object(_RESEARCH),
    "Research": json_object(
        {
            **_RESEARCH,
            "plan": string(),
            "findings": {
                "type": "array",
                "items": json_object(
                    {
                        "unit": string(),
                        "text": string(nullable=True, description="null while the unit owes its findings"),
                        "file": string(nullable=True),
                        "submitted_at": string("date-time", nullable=True),
                    }
                ),
            },
            "report": string(),
            "report_file": string(nullable=True),
            "reported_at": string("date-time", nullable=True),
            "proposals": {"type": "array", "items": ref("Proposal")},
        }
    ),
    "Proposal": json_object(
        {
            "number": {"type": "integer"},
            "text": string(),
            "pooled": {"type": "boolean", "description": "in the next full meeting's topic pool"},
            "pooled_at": string("date-time", nullable=True),
            "pooled_by": string(nullable=True),
        }
    ),
    "BulletinList": _list("BulletinSummary", "bulletins"),
    "BulletinSummary": json_object(_BULLETIN),
    "Bulletin": json_object(
        {
            **_BULLETIN,
            "masthead_lines": {"type": "array", "items": string()},
            "foreword": string(),
            "items": {
                "type": "array",
                "items": json_object(
                    {"report_id": {"type": "integer"}, "unit": string(), "title": string(), "text": string()}
                ),
            },
            "receipts": {
                "type": "array",
                "items": json_object(
                    {
                        "unit": string(),
                        "sent_at": string("date-time"),
                        "received_by": string(nullable=True),
                        "received_at": string("date-time", nullable=True),
                    }
                ),
            },
        }
    ),
}
