"""Read models of joint inspections, research and bulletins: what the API and the CLI show of them.

Plain dicts built from the engine's rows; who may see which record is decided before, by the
engine's access functions (the API) or not at all (the CLI acts as the operator).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy.orm import Session

from engine.core.clock import iso
from engine.information import bulletin_docx, bulletins
from engine.information.models import Bulletin, BulletinCopy
from engine.inspections import queries as inspection_queries
from engine.inspections.models import Inspection
from engine.research import queries as research_queries
from engine.research.models import Research, ResearchProposal


def instant_text(value: datetime | None) -> str | None:
    """An instant as ISO text, or null."""
    return iso(value) if value else None


def day_text(value: date | None) -> str | None:
    """A day as ISO text, or null."""
    return value.isoformat() if value else None


def inspection_dict(inspection: Inspection) -> dict:
    return {
        "id": inspection.id,
        "instance_id": inspection.instance_id,
        "title": inspection.title,
        "kind": inspection.kind,
        "status": inspection.status,
        "planned_at": iso(inspection.planned_at),
        "period_from": day_text(inspection.period_from),
        "period_to": day_text(inspection.period_to),
        "team_units": list(inspection.team_units),
        "team_leader": inspection.team_leader,
    }


def finding_dict(row: inspection_queries.FindingRow, sees_item: Callable[[dict], bool]) -> dict:
    """`sees_item`: whether the reader may open the finding's supervised item (as the page links it)."""
    finding, item = row.finding, row.item
    return {
        "number": finding.number,
        "place": finding.place,
        "problem": finding.problem,
        "responsible_unit": finding.responsible_unit,
        "needs_fixing": finding.needs_fixing,
        "fix_by": day_text(finding.fix_by),
        "evidence": row.evidence.filename if row.evidence else None,
        "item_id": finding.item_id if item is not None and sees_item(item) else None,
        "item_status": item["status"] if item is not None else None,
        "recorded_by": finding.recorded_by,
        "recorded_at": iso(finding.recorded_at),
    }


def inspection_detail(
    session: Session, inspection: Inspection, items: dict[int, dict], sees_item: Callable[[dict], bool]
) -> dict:
    """The inspection with its plan, its findings and where its report stands."""
    rows = inspection_queries.findings_of(session, inspection, items)
    return {
        **inspection_dict(inspection),
        "trigger": inspection.trigger,
        "trigger_from": inspection.trigger_from,
        "trigger_on": day_text(inspection.trigger_on),
        "trigger_text": inspection.trigger_text,
        "scope": inspection.scope,
        "findings": [finding_dict(row, sees_item) for row in rows],
        "report": {
            "text": inspection.report_text,
            "file": inspection.report_file["name"] if inspection.report_file else None,
            "reported_by": inspection.reported_by,
            "reported_at": instant_text(inspection.reported_at),
            "read_by": inspection.read_by,
            "read_at": instant_text(inspection.read_at),
            "read_comments": inspection.read_comments,
            "sent_to": inspection.sent_to,
            "sent_on": day_text(inspection.sent_on),
        },
    }


def research_dict(research: Research) -> dict:
    return {
        "id": research.id,
        "instance_id": research.instance_id,
        "subject": research.subject,
        "status": research.status,
        "units": list(research.units),
        "starts_on": day_text(research.starts_on),
        "ends_on": day_text(research.ends_on),
        "findings_due": day_text(research.findings_due),
        "planned_at": iso(research.planned_at),
    }


def proposal_dict(proposal: ResearchProposal) -> dict:
    return {
        "number": proposal.number,
        "text": proposal.text,
        "pooled": proposal.pooled_at is not None,
        "pooled_at": instant_text(proposal.pooled_at),
        "pooled_by": proposal.pooled_by,
    }


def research_detail(session: Session, research: Research) -> dict:
    """The research with its plan, each taking-part unit's findings (null while owed), the report and
    its proposals."""
    found = research_queries.findings(session, research)
    return {
        **research_dict(research),
        "plan": research.plan,
        "findings": [
            {
                "unit": unit,
                "text": found[unit].text if unit in found else None,
                "file": found[unit].file["name"] if unit in found and found[unit].file else None,
                "submitted_at": instant_text(found[unit].submitted_at) if unit in found else None,
            }
            for unit in research.units
        ],
        "report": research.report,
        "report_file": research.report_file["name"] if research.report_file else None,
        "reported_at": instant_text(research.reported_at),
        "proposals": [proposal_dict(p) for p in research.proposals],
    }


def bulletin_dict(session: Session, bulletin: Bulletin) -> dict:
    number = bulletins.number_of(session, bulletin)
    return {
        "id": bulletin.id,
        "instance_id": bulletin.instance_id,
        "number": number.text if number else None,
        "masthead": bulletin.masthead,
        "level": bulletin.level,
        "status": bulletin.status,
        "begun_at": iso(bulletin.begun_at),
        "released_at": instant_text(bulletin.released_at),
    }


def _receipt(copy: BulletinCopy) -> dict:
    return {
        "unit": copy.unit,
        "sent_at": iso(copy.sent_at),
        "received_by": copy.received_by,
        "received_at": instant_text(copy.received_at),
    }


def bulletin_detail(session: Session, bulletin: Bulletin) -> dict:
    """The issue as its .docx has it (masthead lines, foreword, items), and the copies signed for."""
    sheet = bulletin_docx.sheet_of(session, bulletin)
    return {
        **bulletin_dict(session, bulletin),
        "masthead_lines": list(sheet.masthead),
        "foreword": bulletin.foreword,
        "items": [
            {"report_id": report.id, "unit": report.unit, "title": report.title, "text": report.text}
            for report in bulletins.reports_in(session, bulletin)
        ],
        "receipts": [_receipt(copy) for copy in bulletins.copies(session, bulletin)],
    }
