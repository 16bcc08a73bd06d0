"""An outgoing document as its .docx, whichever kind it is: a joint document names every issuing
organ (engine.documents.joint_docx), a request or report the body alone (request_docx)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.documents import joint, joint_docx, request_docx
from engine.documents.models import OutgoingDocument


def docx_of(session: Session, document: OutgoingDocument) -> bytes:
    if document.kind == joint.KIND:
        return joint_docx.joint_docx(session, document)
    return request_docx.request_docx(session, document)
