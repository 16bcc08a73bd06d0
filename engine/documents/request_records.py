"""What each step of a request or report to the government leaves on record (the keys
workflows/government_request.bpmn names in `record`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from engine.documents import requests
from engine.documents.models import DocumentCosignature, OutgoingDocument
from engine.org.models import Body

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def _document(session: Session, c: Completion) -> OutgoingDocument:
    return requests.of_instance(session, c.instance.id)


def drafted(session: Session, c: Completion) -> None:
    """A draft, first or again: every member unit co-signs it afresh."""
    # Addressed to the government unless the office names another organ; read before a new
    # document is added, which is not whole until the end.
    main_to = c.values.get("main_to") or session.get(Body, c.instance.body_id).government_name or "本级政府"
    document = requests.of_instance(session, c.instance.id) or _new(session, c)
    document.kind = c.values["document_kind"]
    redraft(document, c, main_to)


def redraft(document: OutgoingDocument, c: Completion, main_to: str) -> None:
    """The draft in hand becomes a new version, which every unit asked co-signs afresh."""
    document.title, document.text = c.values["title"], c.values["document_text"]
    document.main_to, document.copy_to = main_to, c.values.get("copy_to") or ""
    document.attachment = c.values.get("document_file") or document.attachment  # a redraft keeps the file
    document.version += 1
    document.differing_views, document.mediated_by = "", None
    document.status = "cosigning"
    document.drafted_at, document.drafted_by = c.now, c.by


def _new(session: Session, c: Completion) -> OutgoingDocument:
    document = OutgoingDocument(
        body_id=c.instance.body_id,
        instance_id=c.instance.id,
        version=0,
        signatories=list(c.data["member_units"]),
        differing_views="",
    )
    session.add(document)
    return document


def cosigned(session: Session, c: Completion) -> None:
    """A unit's co-signature of the draft in hand, kept against the unit asked, whoever answered."""
    document = _document(session, c)
    session.add(
        DocumentCosignature(
            document_id=document.id,
            version=document.version,
            unit=c.data["cosigner"]["code"],
            decision=c.values["decision"],
            comment=c.values.get("comment") or "",
            signed_by=c.by,
            signed_at=c.now,
        )
    )
    session.flush()
    requests.round_closed(session, document)


def mediated(session: Session, c: Completion) -> None:
    """Settled, the office redrafts; not settled, the differing views go with the document."""
    document = _document(session, c)
    if c.values["outcome"] == "revised":
        document.status = "drafting"
        return
    document.differing_views, document.mediated_by = c.values["differing_views"], c.by
    document.status = "signing"


def signed(session: Session, c: Completion) -> None:
    document = _document(session, c)
    if c.values["signature"] == "sign":
        requests.issue(session, document, c.by, c.now)
    else:
        document.status = "drafting"


def received(session: Session, c: Completion) -> None:
    document = _document(session, c)
    document.received_at, document.received_by = c.now, c.by


RECORDERS = {
    "request_drafted": drafted,
    "request_cosigned": cosigned,
    "request_mediated": mediated,
    "request_signed": signed,
    "request_received": received,
}
