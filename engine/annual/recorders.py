"""What each step of the annual cycle leaves on record (the keys annual_summary.bpmn names).

On time is judged per submission: each keeps its own time and late flag (after the end of the
deadline day). A unit counts as late when its *first* submission was late: a return is the
office asking for more, not the unit missing the deadline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual import drafts, plan
from engine.annual.models import DOCUMENT_KIND, RECORD_KIND, AnnualCycle, AnnualSubmission, AnnualTopic
from engine.annual.queries import latest_submission, latest_submissions
from engine.core.errors import ProcessFailure
from engine.documents import numbering

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def cycle_of(session: Session, c: Completion) -> AnnualCycle:
    cycle = session.scalar(select(AnnualCycle).where(AnnualCycle.instance_id == c.instance.id))
    if cycle is None:  # started by hand: the year's record is the scheduler's to make
        raise ProcessFailure(f"instance {c.instance.id} is no year's annual cycle; the scheduler starts those")
    return cycle


def submitted(session: Session, c: Completion) -> None:
    cycle = cycle_of(session, c)
    unit = c.task.assignee
    previous = latest_submission(session, cycle.id, unit)
    submission = AnnualSubmission(
        cycle_id=cycle.id,
        unit=unit,
        number=(previous.number if previous else 0) + 1,
        task_id=c.task.id,
        summary=c.values["summary"],
        plan=plan.parse(c.values["plan"], cycle.year + 1),
        submitted_by=c.by,
        submitted_at=c.now,
        late=c.now > cycle.deadline_at,
        review="pending",
        review_comments="",
    )
    session.add(submission)
    session.flush()
    topics = [line.strip() for line in (c.values.get("topics") or "").splitlines() if line.strip()]
    for position, text in enumerate(topics, start=1):
        session.add(
            AnnualTopic(
                submission_id=submission.id,
                body_id=cycle.body_id,
                unit=unit,
                year=cycle.year,
                position=position,
                text=text,
            )
        )


def reviewed(session: Session, c: Completion) -> None:
    cycle = cycle_of(session, c)
    submission = latest_submission(session, cycle.id, c.data["reporter"]["code"])
    submission.review = "returned" if c.values["review_decision"] == "return" else "accepted"
    submission.review_comments = c.values.get("review_comments") or ""
    submission.reviewed_by, submission.reviewed_at = c.by, c.now
    session.flush()
    if _all_accepted(session, cycle, c.data["member_units"]):
        cycle.status = "compiling"


def _all_accepted(session: Session, cycle: AnnualCycle, units: dict) -> bool:
    latest = latest_submissions(session, cycle.id)
    return all(code in latest and latest[code].review == "accepted" for code in units)


def compiled(session: Session, c: Completion) -> None:
    """The office's current draft becomes the result; with the convener's approval still to
    come when the body asked for it, archived at once otherwise."""
    cycle = cycle_of(session, c)
    if cycle.require_convener_approval:
        cycle.status = "approving"
    else:
        _archive(session, cycle, c)


def decided(session: Session, c: Completion) -> None:
    cycle = cycle_of(session, c)
    if c.values["approval_decision"] == "approve":
        _archive(session, cycle, c)
    else:
        cycle.status = "compiling"


def _archive(session: Session, cycle: AnnualCycle, c: Completion) -> None:
    """Archived is issued: the summary takes its 发文字号 in the same transaction (docs/DOCUMENTS.md)."""
    cycle.status, cycle.archived_at = "archived", c.now
    cycle.archived_draft = drafts.ensure_saved(session, cycle, c.by, c.now).number
    numbering.assign(session, cycle.body_id, DOCUMENT_KIND, RECORD_KIND, cycle.id, c.now, c.by)


RECORDERS = {
    "annual_submitted": submitted,
    "annual_reviewed": reviewed,
    "annual_compiled": compiled,
    "annual_decided": decided,
}
