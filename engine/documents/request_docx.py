"""A request (请示) or report (报告) to the government as an official document (.docx) laid out by
GB/T 9704-2012: the body's 文件 head in red, its number, the title, the organ it is addressed
to (主送), the text, the differing views a mediation could not settle, the attachment named,
the signature under the body's seal (代章), and the 抄送 and 印发 版记 (docs/DOCUMENTS.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.documents import contacts, layout, numbering
from engine.documents.models import OutgoingDocument
from engine.org.models import Body, Person

SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True)
class Request:
    organ: str  # the head: "<body>文件"
    number: str
    title: str
    main_to: str
    text: list[str]
    differing_views: list[str]
    attachment: str
    signer: str
    seal: str
    dated: date
    copy_to: list[str]
    printed_by: str
    contact: str = ""  # 附注 (7.3.6): whom the government calls about it, the office's drafter
    issued_by: str = ""  # 签发人: the convener who signed it, once signed (GB/T 9704-2012 7.2.5)
    marks: tuple[str, ...] = ()  # 密级 (7.2.2)


def request_docx(session: Session, document: OutgoingDocument) -> bytes:
    return render(request_of(session, document))


def request_of(session: Session, document: OutgoingDocument) -> Request:
    body = session.get(Body, document.body_id)
    number = numbering.number_of(session, numbering.OUTGOING, document.id)
    return Request(
        organ=f"{body.name}文件",
        number=number.text if number else "",
        title=document.title,
        main_to=document.main_to or body.government_name or "本级政府",
        text=lines_of(document.text),
        differing_views=lines_of(document.differing_views),
        attachment=PurePath(document.attachment["name"]).stem if document.attachment else "",
        signer=body.name,
        seal=body.body_seal or body.name,
        dated=as_aware(document.issued_at or document.drafted_at).date(),
        copy_to=[name for name in SEPARATORS.split(document.copy_to or "") if name],
        printed_by=f"{body.name}办公室",
        contact=contacts.contact_of(contacts.person_named(session, document.drafted_by)),
        issued_by=_name(contacts.person_named(session, document.issued_by)),
        marks=layout.marks_of(document.level),
    )


def _name(person: Person | None) -> str:
    return person.display_name if person else ""


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def render(request: Request) -> bytes:
    document = layout.new_document()
    layout.head(document, request.organ, request.number, marks=request.marks, signer=request.issued_by)
    layout.title(document, request.title)
    layout.paragraph(document, f"{request.main_to}：", indent=False)  # 主送机关 (7.3.2): flush left
    for line in request.text:
        layout.text_line(document, line)
    if request.differing_views:
        # The rules send the views mediation could not reconcile with the document (§六(三)).
        layout.heading(document, "有关成员单位的不同意见和理由", 1)
        for line in request.differing_views:
            layout.paragraph(document, line)
    if request.attachment:  # 附件说明 (7.3.4): one line under the text, two characters in
        layout.paragraph(document, f"附件：{request.attachment}").paragraph_format.space_before = layout.LINE
    layout.right_aligned(document, request.signer, lines_before=2)
    layout.right_aligned(document, f"（{request.seal}代章）")
    layout.right_aligned(document, layout.chinese_date(request.dated))
    if request.contact:  # 附注 (7.3.6): a request names whom to call, a line under the date
        layout.paragraph(document, f"（{request.contact}）").paragraph_format.space_before = layout.LINE
    lines = [f"抄送：{'，'.join(request.copy_to)}。"] if request.copy_to else []
    layout.record_at_foot(document, lines, request.printed_by, layout.chinese_date(request.dated))
    layout.page_numbers(document)
    return layout.saved(document)
