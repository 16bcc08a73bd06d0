"""A request, report or joint document in the archive: the issued document (.docx), its text,
each unit's co-signature of each draft, the instance's audit and the files kept by its process."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.archive.sources import Source, audit_lines, files_of, table, text
from engine.core import audit
from engine.documents import outgoing_docx
from engine.documents.models import DocumentCosignature, OutgoingDocument
from engine.workflow.forms import FILE_OWNER


def source(session: Session, document_id: int, kind: str) -> Source | None:
    document = session.get(OutgoingDocument, document_id)
    if document is None or document.kind != kind:
        return None
    finished = document.issued_at if document.status == "issued" else None
    units = sorted({*document.signatories, *([document.issuing_unit] if document.issuing_unit else [])})
    return Source(document.body_id, document.title, finished, units, lambda: files(session, document))


def files(session: Session, document: OutgoingDocument) -> list[tuple[str, bytes]]:
    return [
        (f"{document.title}.docx", outgoing_docx.docx_of(session, document)),
        ("document.txt", _text(document)),
        ("cosignatures.csv", _cosignatures(session, document)),
        ("timeline.txt", audit_lines(audit.of_instance(session, document.instance_id))),
        *files_of(session, FILE_OWNER, document.instance_id),
    ]


def _text(document: OutgoingDocument) -> bytes:
    views = f"\n\n有关成员单位的不同意见和理由：\n{document.differing_views}" if document.differing_views else ""
    return text(f"{document.title}\n\n主送：{document.main_to}\n\n{document.text}{views}\n\n抄送：{document.copy_to}\n")


def _cosignatures(session: Session, document: OutgoingDocument) -> bytes:
    query = (
        select(DocumentCosignature)
        .where(DocumentCosignature.document_id == document.id)
        .order_by(DocumentCosignature.version, DocumentCosignature.unit)
    )
    rows = [[c.version, c.unit, c.decision, c.comment, c.signed_by, c.signed_at] for c in session.scalars(query)]
    return table(["version", "unit", "decision", "comment", "signed_by", "signed_at"], rows)
