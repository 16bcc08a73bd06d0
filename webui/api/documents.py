"""The JSON API of official documents (公文): the body's requests (请示), reports (报告) and joint
documents (联合发文) the caller may read, one with what its .docx prints, the .docx itself, and the
office's two acts on the documents page: setting a document's level (密级) and archiving it (归档).

As the pages (webui/documents, webui/archive): engine.documents.access decides who reads a
document, so another body's, or one whose level hides it, is 404; engine.confidentiality.setting
and engine.archive.archiving refuse anyone but the office (403) and an act out of turn (409)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.archive import archiving
from engine.archive.models import ArchiveEntry
from engine.confidentiality import setting
from engine.core.clock import iso
from engine.documents import access, joint, joint_docx, numbering, outgoing_docx, request_docx, requests
from engine.documents.models import DocumentCosignature, OutgoingDocument
from webui.api import bp
from webui.api.supervision import asked_level
from webui.common import context, downloads
from webui.common.work_shapes import day_text, instant_text


@bp.get("/documents")
def list_documents():
    session, me = context.db_session(), context.person()
    return {"documents": [document_dict(session, d) for d in access.readable_documents(session, me)]}


@bp.get("/documents/<int:document_id>")
def get_document(document_id: int):
    session = context.db_session()
    return document_detail(session, access.visible_document(session, context.person(), document_id))


@bp.get("/documents/<int:document_id>.docx")
def document_docx(document_id: int):
    session = context.db_session()
    document = access.visible_document(session, context.person(), document_id)
    return downloads.docx(outgoing_docx.docx_of(session, document), f"{document.title}.docx")


@bp.post("/documents/<int:document_id>/level")
def set_document_level(document_id: int):
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        document = access.visible_document(uow.session, me, document_id)  # 404 before the body is read
        setting.set_level(uow.session, me, document, asked_level(), context.now(), instance_id=document.instance_id)
        result = document_dict(uow.session, document)
        uow.commit()
    return result


@bp.post("/documents/<int:document_id>/archive")
def archive_document(document_id: int):
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        document = access.visible_document(uow.session, me, document_id)
        entry = archiving.archive(uow.session, me, document.kind, document.id, context.now())
        result = _entry_dict(entry)
        uow.commit()
    return result, 201


def document_dict(session: Session, document: OutgoingDocument) -> dict:
    """What the documents page lists of one: its number, where it stands, and each asked unit's answer."""
    number = numbering.number_of(session, numbering.OUTGOING, document.id)
    signed = requests.signatures(session, document)
    return {
        "id": document.id,
        "instance_id": document.instance_id,
        "kind": document.kind,
        "title": document.title,
        "number": number.text if number else None,
        "status": document.status,
        "version": document.version,
        "level": document.level,
        "issuing_unit": document.issuing_unit,
        "cosign_due": day_text(document.cosign_due),
        "drafted_at": instant_text(document.drafted_at),
        "drafted_by": document.drafted_by,
        "issued_at": instant_text(document.issued_at),
        "issued_by": document.issued_by,
        "received_at": instant_text(document.received_at),
        "received_by": document.received_by,
        "differing_views": document.differing_views,
        "archived": archiving.entry_of(session, document.kind, document.id) is not None,
        "signatures": [_signature(code, signed.get(code)) for code in document.signatories],
    }


def document_detail(session: Session, document: OutgoingDocument) -> dict:
    """The list's fields with what the document's page and its .docx print: gathered by the .docx's own
    functions, as the page does, so the three never differ."""
    if document.kind == joint.KIND:
        sheet = joint_docx.joint_of(session, document)
        issuers = sheet.organs
    else:
        sheet = request_docx.request_of(session, document)
        issuers = [sheet.signer]
    return {
        **document_dict(session, document),
        "issuers": issuers,
        "main_to": sheet.main_to,
        "copy_to": sheet.copy_to,
        "text": document.text,
        "attachment": sheet.attachment or None,
        "dated": sheet.dated.isoformat(),
    }


def _signature(unit: str, signature: DocumentCosignature | None) -> dict:
    """A unit asked to co-sign the draft in hand; its decision null while it has not answered."""
    if signature is None:
        return {"unit": unit, "decision": None, "comment": "", "signed_by": None, "signed_at": None}
    return {
        "unit": unit,
        "decision": signature.decision,
        "comment": signature.comment,
        "signed_by": signature.signed_by,
        "signed_at": iso(signature.signed_at),
    }


def _entry_dict(entry: ArchiveEntry) -> dict:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "record_id": entry.record_id,
        "year": entry.year,
        "title": entry.title,
        "archived_at": iso(entry.archived_at),
        "archived_by": entry.archived_by,
        "package_sha256": entry.package_sha256,
    }
