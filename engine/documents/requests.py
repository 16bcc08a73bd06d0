"""Requests (请示) and reports (报告) the body sends its government in several departments' name
(the joint-meeting rules §六(三)): every member unit co-signs (审核会签) each draft, a dissent is
mediated, and only then does the convener issue (签发) it, under the next number of its kind.

The process (workflows/government_request.bpmn) opens the convener's task only after the round;
`issue` checks the same again, so that no other way in (a script, a later process) issues a
document some unit has not answered, or one whose dissent was never mediated."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import Conflict
from engine.documents import numbering
from engine.documents.models import DocumentCosignature, DocumentNumber, OutgoingDocument
from engine.org.models import Unit


class NotCosigned(Conflict):
    """Issuing before the round is over: some unit has not answered, or a dissent is unmediated."""

    code = "not_cosigned"


def of_instance(session: Session, instance_id: int) -> OutgoingDocument | None:
    return session.scalar(select(OutgoingDocument).where(OutgoingDocument.instance_id == instance_id))


def signatures(session: Session, document: OutgoingDocument) -> dict[str, DocumentCosignature]:
    """The co-signatures of the draft in hand, by unit code."""
    query = select(DocumentCosignature).where(
        DocumentCosignature.document_id == document.id, DocumentCosignature.version == document.version
    )
    return {s.unit: s for s in session.scalars(query)}


def unanswered(session: Session, document: OutgoingDocument) -> list[str]:
    answered = signatures(session, document)
    return [code for code in document.signatories if code not in answered]


def dissenting(session: Session, document: OutgoingDocument) -> list[str]:
    return [code for code, s in signatures(session, document).items() if s.decision == "disagree"]


def round_closed(session: Session, document: OutgoingDocument) -> None:
    """After a unit's answer: once every unit has answered, to mediation or to the convener."""
    if document.status == "cosigning" and not unanswered(session, document):
        document.status = "mediating" if dissenting(session, document) else "signing"


def issue(session: Session, document: OutgoingDocument, by: str, now: datetime) -> DocumentNumber:
    """The convener's 签发: the document takes its number and goes out. Refused while a member unit
    has not co-signed the draft, or while a dissent has not been mediated."""
    missing = unanswered(session, document)
    if missing:
        raise NotCosigned(f"not co-signed by every member unit: {', '.join(missing)} ha(s) not answered")
    if dissenting(session, document) and not document.differing_views:
        raise NotCosigned("a member unit disagrees and the mediation has not recorded the differing views")
    number = numbering.assign(session, document.body_id, document.kind, numbering.OUTGOING, document.id, now, by)
    document.status, document.issued_at, document.issued_by = "issued", now, by
    return number


def unit_names(session: Session, body_id: int) -> dict[str, str]:
    """Every unit of the body by code, in roster order."""
    query = select(Unit.code, Unit.name).where(Unit.body_id == body_id).order_by(Unit.sort_order)
    return dict(session.execute(query).all())
