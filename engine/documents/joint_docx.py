"""A joint document (联合发文) as an official document (.docx) laid out by GB/T 9704-2012: the
head names every issuing organ, the issuing unit first, with 文件 to their right (7.2.3); then
the number and red rule, the title, the organ addressed (主送), the text, the attachment named,
each organ's name as the signature (7.3.5.2: the issuing unit first) and the date, and the
抄送 and 印发 版记 (docs/DOCUMENTS.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt
from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.documents import joint, layout, numbering
from engine.documents.models import OutgoingDocument
from engine.documents.request_docx import SEPARATORS, lines_of

MARK = "文件"
HEAD_LARGEST = Pt(36)  # several lines of names: smaller than a single organ's 42 pt


@dataclass(frozen=True)
class Joint:
    organs: list[str]  # the issuing unit first
    number: str
    title: str
    main_to: str
    text: list[str]
    attachment: str
    dated: date
    copy_to: list[str]
    marks: tuple[str, ...] = ()  # 密级 (GB/T 9704-2012 7.2.2)


def joint_docx(session: Session, document: OutgoingDocument) -> bytes:
    return render(joint_of(session, document))


def joint_of(session: Session, document: OutgoingDocument) -> Joint:
    number = numbering.number_of(session, numbering.OUTGOING, document.id)
    return Joint(
        organs=joint.organs(session, document),
        number=number.text if number else "",
        title=document.title,
        main_to=document.main_to,
        text=lines_of(document.text),
        attachment=PurePath(document.attachment["name"]).stem if document.attachment else "",
        dated=as_aware(document.issued_at or document.drafted_at).date(),
        copy_to=[name for name in SEPARATORS.split(document.copy_to or "") if name],
        marks=layout.marks_of(document.level),
    )


def render(joint_document: Joint) -> bytes:
    document = layout.new_document()
    layout.top_marks(document, joint_document.marks)
    _head(document, joint_document.organs, joint_document.marks)
    layout.number_and_rule(document, joint_document.number)
    layout.title(document, joint_document.title)
    layout.paragraph(document, f"{joint_document.main_to}：", indent=False)  # 主送机关 (7.3.2)
    for line in joint_document.text:
        layout.text_line(document, line)
    if joint_document.attachment:  # 附件说明 (7.3.4)
        layout.paragraph(document, f"附件：{joint_document.attachment}").paragraph_format.space_before = layout.LINE
    for index, organ in enumerate(joint_document.organs):  # 7.3.5.2: the issuing unit first, the rest under it
        layout.right_aligned(document, organ, lines_before=2 if index == 0 else 0)
    layout.right_aligned(document, layout.chinese_date(joint_document.dated))
    lines = [f"抄送：{'，'.join(joint_document.copy_to)}。"] if joint_document.copy_to else []
    printed_by = joint_document.organs[0] if joint_document.organs else ""
    layout.record_at_foot(document, lines, printed_by, layout.chinese_date(joint_document.dated))
    layout.page_numbers(document)
    return layout.saved(document)


def _head(document, organs: list[str], marks: tuple[str, ...]) -> None:
    """版头 of a joint document (7.2.3): one organ a line in red, spread to one width, and 文件 to
    their right, centred on them; a borderless table holds the two columns."""
    size = _head_size(organs)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (layout.TYPE_WIDTH - Pt(size.pt * 2.5), Pt(size.pt * 2.5))
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width  # the grid for LibreOffice, the cell for Word
    names, mark = table.rows[0].cells
    for index, organ in enumerate(organs):
        line = names.paragraphs[0] if index == 0 else names.add_paragraph()
        _head_line(line, organ, size, WD_ALIGN_PARAGRAPH.DISTRIBUTE)
    mark.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _head_line(mark.paragraphs[0], MARK, size, WD_ALIGN_PARAGRAPH.RIGHT)
    # 35 mm below the top of the type area, as a single organ's head (7.2.3).
    names.paragraphs[0].paragraph_format.space_before = layout.head_distance(marks)


def _head_size(organs: list[str]) -> Pt:
    longest = max((len(organ) for organ in organs), default=1) + 2.5  # the names and 文件 beside them
    return Pt(max(layout.SIZE_2.pt, min(HEAD_LARGEST.pt, int(layout.TYPE_WIDTH.pt * 0.95 / longest))))


def _head_line(paragraph, text: str, size: Pt, alignment) -> None:
    paragraph.alignment = alignment
    form = paragraph.paragraph_format
    form.first_line_indent = Pt(0)
    form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.AT_LEAST, size
    layout.run(paragraph, text, layout.XIAOBIAOSONG, size, layout.RED)
