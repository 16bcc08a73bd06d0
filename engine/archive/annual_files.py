"""A year's annual summary in the archive: the summary (.docx), every draft of it, every unit's
submissions with their documents, and the instance's audit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual import docx_export, drafts
from engine.annual.access import DOCUMENT_OWNER
from engine.annual.models import AnnualCycle, AnnualSubmission
from engine.archive.sources import Source, as_json, audit_lines, files_of, table, text
from engine.core import audit


def source(session: Session, cycle_id: int) -> Source | None:
    cycle = session.get(AnnualCycle, cycle_id)
    if cycle is None:
        return None
    finished = cycle.archived_at if cycle.status == "archived" else None
    units = sorted(set(session.scalars(select(AnnualSubmission.unit).where(AnnualSubmission.cycle_id == cycle.id))))
    return Source(cycle.body_id, f"{cycle.year}年度工作总结", finished, units, lambda: files(session, cycle))


def files(session: Session, cycle: AnnualCycle) -> list[tuple[str, bytes]]:
    found = [(f"{cycle.year}年度工作总结.docx", docx_export.of_cycle(session, cycle))]
    found += [(f"drafts/v{d.number}.txt", text(d.text)) for d in drafts.versions(session, cycle.id)]
    submitted = _submissions(session, cycle)
    found.append(("submissions.csv", _table(submitted)))
    found.append(("timeline.txt", audit_lines(audit.of_instance(session, cycle.instance_id))))
    for submission in submitted:
        found += files_of(session, DOCUMENT_OWNER, submission.id, f"attachments/{submission.unit}")
    return found


def _submissions(session: Session, cycle: AnnualCycle) -> list[AnnualSubmission]:
    query = select(AnnualSubmission).where(AnnualSubmission.cycle_id == cycle.id)
    return list(session.scalars(query.order_by(AnnualSubmission.unit, AnnualSubmission.number)))


def _table(submitted: list[AnnualSubmission]) -> bytes:
    header = ["unit", "number", "summary", "plan", "submitted_by", "submitted_at", "late", "review", "comments"]
    return table(header, [_row(s) for s in submitted])


def _row(s: AnnualSubmission) -> list:
    plan = as_json(s.plan)
    return [s.unit, s.number, s.summary, plan, s.submitted_by, s.submitted_at, s.late, s.review, s.review_comments]
