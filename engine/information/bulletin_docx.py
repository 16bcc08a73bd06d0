"""An issue of the bulletin as a document (.docx), on the official page of engine.documents.layout:
the masthead in red, 《<body>简报》 on two lines or 《工作动态》 on one; 第N期 under it; the office
that edits it and the day over a red rule; the editor's note; each report under its title with
the unit it came from; and the 版记 at the foot of the last page: 报 the government, 送 the
conveners, 发 the member units, and the office's 印发 line (docs/INFORMATION.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt
from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.documents import layout
from engine.documents.request_docx import lines_of
from engine.information import bulletins
from engine.information.models import Bulletin
from engine.org.models import Body
from engine.org.queries import unit_names

MASTHEAD_SIZE = Pt(42)
CONVENERS = "联席会议召集人、副召集人"  # 送: the body's heads, who are sent it in person
MEMBERS = "联席会议各成员单位"  # 发: every member unit has a copy


@dataclass(frozen=True)
class Item:
    title: str
    text: list[str]
    unit: str  # the reporting unit's name


@dataclass(frozen=True)
class Sheet:
    masthead: tuple[str, ...]  # its lines, the last the largest
    number: str  # 第N期, "" before release
    issuer: str  # the office, which edits it
    dated: date
    foreword: str
    items: list[Item]
    record: list[str]  # the 版记's 报, 送 and 发 lines
    marks: tuple[str, ...] = ()  # 密级


def sheet_of(session: Session, bulletin: Bulletin) -> Sheet:
    body, names = session.get(Body, bulletin.body_id), unit_names(session, bulletin.body_id)
    number = bulletins.number_of(session, bulletin)
    items = [
        Item(r.title, lines_of(r.text), names.get(r.unit, r.unit)) for r in bulletins.reports_in(session, bulletin)
    ]
    return Sheet(
        masthead=(body.name, "简  报") if bulletin.masthead == "bulletin" else ("工作动态",),
        number=number.text if number else "",
        issuer=f"{body.name}办公室",
        dated=as_aware(bulletin.released_at or bulletin.compiled_at or bulletin.begun_at).date(),
        foreword=bulletin.foreword,
        items=items,
        record=_record(body.government_name),
        marks=layout.marks_of(bulletin.level),
    )


def _record(government: str) -> list[str]:
    """报 the government it reports to (上报, §二 duty 5), 送 the conveners, 发 the member units."""
    return ([f"报：{government}。"] if government else []) + [f"送：{CONVENERS}。", f"发：{MEMBERS}。"]


def render(sheet: Sheet) -> bytes:
    document = layout.new_document()
    layout.top_marks(document, sheet.marks)
    _head(document, sheet)
    if sheet.foreword:
        layout.paragraph(document, f"编者按：{sheet.foreword}", font=layout.KAITI)
    for item in sheet.items:
        layout.centred(document, item.title, layout.XIAOBIAOSONG, layout.SIZE_3, lines_before=1)
        for line in item.text:
            layout.text_line(document, line)
        layout.right_aligned(document, f"（{item.unit}）")
    layout.record_at_foot(document, sheet.record, sheet.issuer, layout.chinese_date(sheet.dated))
    layout.page_numbers(document)
    return layout.saved(document)


def _head(document, sheet: Sheet) -> None:
    """The masthead in red, its last line the largest and the lines above it as large as one line
    of the type area takes; 第N期; the issuer and the day, in 4号 so that a long name keeps to one
    line, over the red rule."""
    for index, line in enumerate(sheet.masthead):
        last = index == len(sheet.masthead) - 1
        fitting = Pt(min(MASTHEAD_SIZE.pt, int(layout.TYPE_WIDTH.pt * 0.95 / max(len(line), 1))))
        added = layout.centred(document, line, layout.XIAOBIAOSONG, MASTHEAD_SIZE if last else fitting, layout.RED)
        if index == 0:
            added.paragraph_format.space_before = layout.head_distance(sheet.marks)
    layout.centred(document, sheet.number, layout.FANGSONG, layout.SIZE_3, lines_before=1)
    dated = document.add_paragraph()
    dated.paragraph_format.space_before = layout.LINE
    dated.paragraph_format.tab_stops.add_tab_stop(layout.TYPE_WIDTH, alignment=WD_TAB_ALIGNMENT.RIGHT)
    layout.run(dated, f"{sheet.issuer}\t{layout.chinese_date(sheet.dated)}", size=layout.SIZE_4)
    layout.red_rule(dated)
