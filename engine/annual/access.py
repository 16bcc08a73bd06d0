"""Who may see what of the annual cycle (年度总结): the year's pages, a unit's page, a submission
and the documents attached to it.

The office, the convener and the administrator see the whole year; a unit's liaisons see their
own unit's page, submissions and documents. Anything else is not found (NotFound, 404), exactly
like a year, unit or id that does not exist, so nothing reveals another unit's or body's work.
What only the office does on a page the person may see is refused (Forbidden, 403) by the caller.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual.models import AnnualCycle, AnnualSubmission
from engine.annual.queries import may_act_for
from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.confidentiality.levels import may_read
from engine.core.errors import NotFound
from engine.org.models import Person, Unit

DOCUMENT_OWNER = "annual_submission"  # the attachments' owner kind for a submission's documents


def can_see_unit(person: Person, unit: str) -> bool:
    """The office, the convener and the administrator; or the unit's own liaisons."""
    return person.sees_whole_body or may_act_for(person, unit)


def _cycle(session: Session, body_id: int, year: int) -> AnnualCycle | None:
    return session.scalar(select(AnnualCycle).where(AnnualCycle.body_id == body_id, AnnualCycle.year == year))


def visible_year(session: Session, person: Person, year: int) -> AnnualCycle:
    """The year's cycle with its overview, compile page and export: the whole body's work."""
    cycle = _cycle(session, person.body_id, year)
    if cycle is None or not person.sees_whole_body:
        raise NotFound(f"annual cycle {year}")
    return cycle


def visible_unit_year(session: Session, person: Person, year: int, unit: str) -> AnnualCycle:
    """The year's cycle as one member unit's page shows it, if the person may see that unit's part."""
    cycle = _cycle(session, person.body_id, year)
    member = select(Unit.id).where(Unit.body_id == person.body_id, Unit.code == unit, Unit.kind == "member")
    if cycle is None or not can_see_unit(person, unit) or session.scalar(member) is None:
        raise NotFound(f"unit {unit} of annual cycle {year}")
    return cycle


def visible_submission(session: Session, person: Person, submission_id: int) -> AnnualSubmission:
    submission = session.get(AnnualSubmission, submission_id)
    cycle = session.get(AnnualCycle, submission.cycle_id) if submission is not None else None
    if cycle is None or cycle.body_id != person.body_id or not can_see_unit(person, submission.unit):
        raise NotFound(f"annual submission {submission_id}")
    return submission


def readable_documents(session: Session, person: Person, by_submission: dict) -> dict:
    """Each submission's documents the person may read: a restricted one shows only to those cleared."""
    return {key: [a for a in found if may_read_document(session, person, a)] for key, found in by_submission.items()}


def may_read_document(session: Session, person: Person, found: Attachment) -> bool:
    """The submission's rule, narrowed or widened by the document's level (engine.confidentiality):
    the unit it names is the submitting unit."""
    submission = session.get(AnnualSubmission, found.owner_id)
    cycle = session.get(AnnualCycle, submission.cycle_id) if submission is not None else None
    if cycle is None or cycle.body_id != person.body_id:
        return False
    return may_read(person, found.level, (submission.unit,), sees_record=can_see_unit(person, submission.unit))


def visible_document(session: Session, person: Person, attachment_id: int) -> Attachment:
    """A submission's document, if its level lets the person read it; NotFound otherwise."""
    found = attachments.get(session, person.body_id, attachment_id, DOCUMENT_OWNER)
    if not may_read_document(session, person, found):
        raise NotFound(f"annual document {attachment_id}")
    return found
