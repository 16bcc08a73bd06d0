"""Who may download a meeting's minutes as an official document: whoever may read a copy of
them, that is the office and the conveners (who see the whole body) and the units sent a copy.
Anything else, and minutes not yet issued, is not found (engine.meetings.access). A request or
report to the government: the office, the conveners, the member units and the government, as its
level (密级, docs/CONFIDENTIALITY.md) narrows or widens that."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.confidentiality.levels import may_read
from engine.core.errors import NotFound
from engine.documents.models import OutgoingDocument
from engine.meetings import access
from engine.meetings.models import Meeting
from engine.meetings.queries import copy_for
from engine.org.models import Person, Unit


def visible_minutes(session: Session, person: Person, meeting_id: int) -> Meeting:
    meeting = access.visible_meeting(session, person, meeting_id)
    if meeting.issued_at is None:
        raise NotFound(f"minutes of meeting {meeting_id}")
    if not person.sees_whole_body and copy_for(session, meeting, person) is None:
        raise NotFound(f"minutes of meeting {meeting_id} for {person.unit.code}")
    return meeting


# Who reads a body's requests and reports besides the office and the conveners: the member
# units that co-sign them and the government they go to. A guest unit is not asked, and does not see them.
DOCUMENT_READERS = ("member", "government")


def may_see_documents(person: Person) -> bool:
    return person.sees_whole_body or person.unit.kind in DOCUMENT_READERS


def named_units(session: Session, document: OutgoingDocument) -> list[str | None]:
    """The units a restricted document is open to: its co-signing and issuing units and the
    government it is sent to (its recipient)."""
    government = select(Unit.code).where(Unit.body_id == document.body_id, Unit.kind == "government")
    return [*document.signatories, document.issuing_unit, *session.scalars(government)]


def readable_documents(session: Session, person: Person) -> list[OutgoingDocument]:
    """The body's documents the person may read, the latest drafted first: a restricted one is
    not listed to the others."""
    query = select(OutgoingDocument).where(OutgoingDocument.body_id == person.body_id)
    found = session.scalars(query.order_by(OutgoingDocument.drafted_at.desc(), OutgoingDocument.id.desc()))
    return [document for document in found if may_read_document(session, person, document)]


def may_read_document(session: Session, person: Person, document: OutgoingDocument) -> bool:
    """The documents' rule, narrowed or widened by the document's level (engine.confidentiality)."""
    if document.body_id != person.body_id:
        return False
    return may_read(person, document.level, named_units(session, document), sees_record=may_see_documents(person))


def visible_document(session: Session, person: Person, document_id: int) -> OutgoingDocument:
    """The document, if its level lets the person read it; NotFound otherwise, as for an id that
    does not exist."""
    document = session.get(OutgoingDocument, document_id)
    if document is None or not may_read_document(session, person, document):
        raise NotFound(f"document {document_id}")
    return document
