"""Documents a unit attaches to its submission (.docx, .pdf), kept by engine.attachments with
owner `annual_submission`. The unit's liaisons (or the office) attach them to the unit's latest
submission while it awaits the office's review; each submission keeps its own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual.models import AnnualCycle, AnnualSubmission
from engine.annual.queries import latest_submission, may_act_for
from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core.errors import FieldError, Forbidden, InvalidData, NoLongerOpen, NotFound
from engine.org.models import Person

OWNER = "annual_submission"
TYPES = ("docx", "pdf")


def attach(
    session: Session, person: Person, cycle: AnnualCycle, unit: str, filename: str, content: bytes, now: datetime
) -> Attachment:
    if not may_act_for(person, unit) or person.body_id != cycle.body_id:
        raise Forbidden(f"{unit}'s submission is not yours to add to")
    submission = latest_submission(session, cycle.id, unit)
    if submission is None or submission.review != "pending":
        raise NoLongerOpen(f"{unit} has no submission awaiting review")
    if filename.rsplit(".", 1)[-1].lower() not in TYPES:
        raise InvalidData({"file": FieldError("file_type", {"types": ", ".join(TYPES)})})
    return attachments.store(session, cycle.body_id, OWNER, submission.id, filename, content, person.username, now)


def of_submissions(session: Session, submissions: list[AnnualSubmission]) -> dict[int, list[Attachment]]:
    found: dict[int, list[Attachment]] = {s.id: [] for s in submissions}
    rows = session.scalars(
        select(Attachment).where(Attachment.owner_kind == OWNER, Attachment.owner_id.in_(found)).order_by(Attachment.id)
    )
    for row in rows:
        found[row.owner_id].append(row)
    return found


def visible(session: Session, person: Person, attachment_id: int) -> Attachment:
    """A submission's document, for the office, the convener and the unit's own liaisons."""
    found = attachments.get(session, person.body_id, attachment_id)
    submission = session.get(AnnualSubmission, found.owner_id) if found.owner_kind == OWNER else None
    if submission is None:
        raise NotFound(f"attachment {attachment_id}")
    if not (person.sees_whole_body or may_act_for(person, submission.unit)):
        raise Forbidden("not your unit's document")
    return found
