"""Documents a unit attaches to its submission (.docx, .pdf), kept by engine.attachments with
owner `annual_submission`. The unit's liaisons (or the office) attach them to the unit's latest
submission while it awaits the office's review; each submission keeps its own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual.access import DOCUMENT_OWNER as OWNER
from engine.annual.access import can_see_unit
from engine.annual.models import AnnualCycle, AnnualSubmission
from engine.annual.queries import latest_submission, may_act_for
from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core.errors import FieldError, Forbidden, InvalidData, NoLongerOpen, NotFound
from engine.org.models import Person

TYPES = ("docx", "pdf")


def attach(
    session: Session, person: Person, cycle: AnnualCycle, unit: str, filename: str, content: bytes, now: datetime
) -> Attachment:
    if person.body_id != cycle.body_id or not can_see_unit(person, unit):
        raise NotFound(f"{unit}'s submission")
    if not may_act_for(person, unit):
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
