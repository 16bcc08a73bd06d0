"""The body's requests (请示) and reports (报告) to the government and its joint documents
(联合发文), and each as an official document (.docx). engine.documents.access decides who reads
them: the office, the conveners, the member units and the government; another body's id is not
found (404)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.documents import access, joint, joint_docx, layout, numbering, outgoing_docx, request_docx, requests
from engine.documents.models import OutgoingDocument
from webui.common import context, display, downloads
from webui.supervision import levels

bp = Blueprint("documents", __name__)

KINDS = {"request": _l("请示"), "report": _l("报告"), "joint": _l("联合发文")}
STATUSES = {
    "drafting": _l("起草中"),
    "cosigning": _l("会签中"),
    "mediating": _l("协调分歧"),
    "signing": _l("待签发"),
    "issued": _l("已签发"),
}
# A joint document's dissent is weighed by the office, not mediated (engine.documents.joint).
JOINT_STATUSES = {**STATUSES, "mediating": _l("处理会签意见")}


@dataclass(frozen=True)
class Listed:
    """A document as the list shows it: its number, and each member unit's answer to the draft in hand."""

    document: OutgoingDocument
    number: str
    signatures: list[dict]  # webui.common.display.cosignature, one per unit asked
    issuing_unit: str = ""  # a joint document's 主办单位, by name


@bp.get("/documents")
@login_required
def index():
    session, me = context.db_session(), context.person()
    names = requests.unit_names(session, me.body_id)
    listed = [_listed(session, document, names) for document in access.readable_documents(session, me)]
    return render_template(
        "documents/index.html",
        listed=listed,
        kinds=KINDS,
        statuses=STATUSES,
        joint_statuses=JOINT_STATUSES,
    )


def _listed(session, document: OutgoingDocument, names: dict[str, str]) -> Listed:
    number = numbering.number_of(session, numbering.OUTGOING, document.id)
    signed = requests.signatures(session, document)
    rows = [display.cosignature(names.get(code, code), signed.get(code)) for code in document.signatories]
    issuing = names.get(document.issuing_unit, document.issuing_unit or "") if document.kind == joint.KIND else ""
    return Listed(document, number.text if number else "", rows, issuing)


@bp.get("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    """The document as its .docx has it, to read and to print (print.css prints the article alone):
    the same data, gathered by the .docx's own functions, so the page and the file never differ."""
    session, me = context.db_session(), context.person()
    document = access.visible_document(session, me, document_id)
    if document.kind == joint.KIND:
        sheet = joint_docx.joint_of(session, document)
        organs, seal, printed_by = sheet.organs, "", sheet.organs[0] if sheet.organs else ""
        head = max((len(organ) for organ in organs), default=1) + 2.5  # the names and 文件 beside them
    else:
        sheet = request_docx.request_of(session, document)
        organs, seal, printed_by = [sheet.signer], sheet.seal, sheet.printed_by
        head = len(sheet.organ)
    return render_template(
        "documents/show.html",
        document=document,
        sheet=sheet,
        organs=organs,
        seal=seal,
        printed_by=printed_by,
        text=[(_level(line), line) for line in sheet.text],
        dated=layout.chinese_date(sheet.dated),
        head_size=_head_size(head),
        kinds=KINDS,
    )


# The head's sizes print.css has, in pt: the CSP allows no inline style to give the exact one.
HEAD_SIZES = (42, 36, 32, 28, 24, 22)


def _head_size(characters: float) -> int:
    """As large as keeps the head on one line across the type area, as the .docx does
    (engine.documents.layout.head), which narrows a long name where a page can only shrink it."""
    fitting = layout.TYPE_WIDTH.pt * 0.95 / max(characters, 1)
    return next((size for size in HEAD_SIZES if size <= fitting), HEAD_SIZES[-1])


def _level(line: str) -> int:
    """A line's heading level as the .docx sets it (一、 is 1, （一） is 2), 0 for a paragraph."""
    if layout.FIRST_LEVEL.match(line):
        return 1
    return 2 if layout.SECOND_LEVEL.match(line) else 0


@bp.get("/documents/<int:document_id>.docx")
@login_required
def document_docx(document_id: int):
    session, me = context.db_session(), context.person()
    document = access.visible_document(session, me, document_id)
    return downloads.docx(outgoing_docx.docx_of(session, document), f"{document.title}.docx")


@bp.post("/documents/<int:document_id>/level")
@login_required
def set_level(document_id: int):
    """The office's 密级 of a document (docs/CONFIDENTIALITY.md), audited with its instance."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        document = access.visible_document(uow.session, me, document_id)
        levels.change(uow, me, document, document.instance_id)
    return redirect(url_for("documents.index", _anchor=f"document-{document_id}"))
