"""Read models of the annual cycle (年度总结): what the API shows of a year, a unit's part of it
and the office's compiled draft, as the annual pages show them (webui.annual.routes).

Plain dicts built from the engine's rows; who may see which is decided before, by
engine.annual.access.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from engine.annual import drafts
from engine.annual import queries as views
from engine.annual.models import AnnualCycle, AnnualDraft, AnnualSubmission
from engine.attachments.models import Attachment
from engine.core.clock import iso
from webui.common.work_shapes import instant_text


def cycle_dict(cycle: AnnualCycle) -> dict:
    return {
        "year": cycle.year,
        "instance_id": cycle.instance_id,
        "status": cycle.status,
        "deadline": cycle.deadline,
        "deadline_at": iso(cycle.deadline_at),
        "require_convener_approval": cycle.require_convener_approval,
        "started_at": iso(cycle.started_at),
        "archived_at": instant_text(cycle.archived_at),
        "archived_draft": cycle.archived_draft,
    }


def unit_row_dict(row: views.UnitRow, past_deadline: bool) -> dict:
    """A unit's line of the overview; `late` is the page's 逾期 badge: the first submission came
    after the deadline, or none has come and the deadline has passed."""
    return {
        "code": row.code,
        "name": row.name,
        "state": row.state,
        "late": row.late or (past_deadline and not row.submissions),
        "first_submitted_at": iso(row.submissions[0].submitted_at) if row.submissions else None,
        "latest_submitted_at": iso(row.latest.submitted_at) if row.latest else None,
        "submissions": len(row.submissions),
        "review_task_id": row.review_task,
    }


def year_dict(cycle: AnnualCycle, rows: list[views.UnitRow], now: datetime) -> dict:
    past_deadline = now > cycle.deadline_at
    return {
        **cycle_dict(cycle),
        "past_deadline": past_deadline,
        "submitted": sum(1 for r in rows if r.submissions),
        "pending": sum(1 for r in rows if r.review_task),
        "units": [unit_row_dict(row, past_deadline) for row in rows],
    }


def document_dict(found: Attachment) -> dict:
    return {
        "id": found.id,
        "filename": found.filename,
        "size": found.size,
        "level": found.level,
        "uploaded_by": found.uploaded_by,
        "uploaded_at": iso(found.uploaded_at),
    }


def submission_dict(submission: AnnualSubmission, documents: list[Attachment]) -> dict:
    return {
        "number": submission.number,
        "summary": submission.summary,
        "plan": list(submission.plan),
        "topics": [topic.text for topic in submission.topics],
        "submitted_by": submission.submitted_by,
        "submitted_at": iso(submission.submitted_at),
        "late": submission.late,
        "review": submission.review,
        "review_comments": submission.review_comments,
        "reviewed_by": submission.reviewed_by,
        "reviewed_at": instant_text(submission.reviewed_at),
        "documents": [document_dict(found) for found in documents],
    }


def version_dict(draft: AnnualDraft) -> dict:
    return {"number": draft.number, "saved_by": draft.saved_by, "saved_at": iso(draft.saved_at)}


def draft_dict(session: Session, cycle: AnnualCycle, is_office: bool, regather: bool = False) -> dict:
    """The compile page: the text to edit (the latest version, or the units' texts gathered afresh),
    the version it is based on, every saved version, and whether the caller may edit it."""
    saved = drafts.versions(session, cycle.id)
    text = drafts.gather(session, cycle) if regather else drafts.current_text(session, cycle)
    return {
        "year": cycle.year,
        "status": cycle.status,
        "text": text,
        "based_on": saved[-1].number if saved else 0,
        "versions": [version_dict(draft) for draft in saved],
        "may_edit": is_office and cycle.status != "archived",
        "compile_open": views.open_task(session, cycle, "compile_summary") is not None,
    }
