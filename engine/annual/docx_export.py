"""The year's compiled summary as an official document (.docx), on the GB/T 9704-2012 page of
engine.documents.layout: the body's 文件 head in red with the number it was issued under, the
title, the text (units in 黑体, their parts in 楷体, plan items as tables), the signature under
the body's seal (代章) and the 版记 copying it to the government (docs/DOCUMENTS.md).

The draft's light markup (engine.annual.drafts): `# ` the title, `## ` a unit, `### ` a part,
consecutive lines with `｜` a table whose first row is its header."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from docx.shared import Pt
from sqlalchemy.orm import Session

from engine.annual import drafts
from engine.annual.models import RECORD_KIND, AnnualCycle
from engine.core.clock import as_aware
from engine.documents import layout, numbering
from engine.org.models import Body

HEADINGS = {"### ": 2, "## ": 1, "# ": 1}  # longest mark first: "## " also starts with "# "
UNDATED = "　　年　　月　　日"  # a draft not yet issued: the office dates it when it goes out
TABLE_LINE = Pt(22)  # plan rows in 四号 are set closer than the text's 28.95 pt grid


@dataclass(frozen=True)
class Letterhead:
    """What the summary's page says around its text."""

    organ: str  # the head: "<body>文件"
    number: str = ""  # 发文字号, once the summary is issued
    signer: str = ""
    seal: str = ""  # the unit whose seal stands in for the body (代章)
    dated: date | None = None  # the day it was issued; None for a draft
    copied_to: list[str] = field(default_factory=list)  # 抄送: the government
    printed_by: str = ""


def of_cycle(session: Session, cycle: AnnualCycle) -> bytes:
    """The year's current draft (the final one once archived): what the page and `lianxi annual export` write."""
    return render(drafts.current_text(session, cycle), letterhead_of(session, cycle))


def letterhead_of(session: Session, cycle: AnnualCycle) -> Letterhead:
    body = session.get(Body, cycle.body_id)
    number = numbering.number_of(session, RECORD_KIND, cycle.id)
    return Letterhead(
        organ=f"{body.name}文件",
        number=number.text if number else "",
        signer=body.name,
        seal=body.body_seal,
        dated=as_aware(cycle.archived_at).date() if cycle.archived_at else None,
        copied_to=[body.government_name] if body.government_name else [],
        printed_by=f"{body.name}办公室",
    )


def render(text: str, letterhead: Letterhead) -> bytes:
    document = layout.new_document()
    layout.head(document, letterhead.organ, letterhead.number)
    title, lines = _title(text)
    if title:
        layout.title(document, title)
    _text(document, lines)
    _signature(document, letterhead)
    layout.record_at_foot(document, _record_lines(letterhead), letterhead.printed_by, _day(letterhead))
    layout.page_numbers(document)
    return layout.saved(document)


def _title(text: str) -> tuple[str, list[str]]:
    """The first `# ` line is the title; the rest is the text."""
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return line[2:].strip(), lines[:index] + lines[index + 1 :]
    return "", lines


def _text(document, lines: list[str]) -> None:
    rows: list[list[str]] = []
    for line in lines:
        if "｜" in line:
            rows.append([cell.strip() for cell in line.split("｜")])
            continue
        _table(document, rows)
        _line(document, line)
    _table(document, rows)


def _line(document, line: str) -> None:
    if not line:
        return
    for mark, level in HEADINGS.items():
        if line.startswith(mark):
            layout.heading(document, line[len(mark) :].strip(), level)
            return
    layout.paragraph(document, line)


def _table(document, rows: list[list[str]]) -> None:
    """Rows gathered so far become one ruled table, its header row in 黑体, its cells in 四号仿宋."""
    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c).paragraphs[0]
            cell.paragraph_format.first_line_indent = Pt(0)
            cell.paragraph_format.line_spacing = TABLE_LINE
            layout.run(cell, value, layout.HEITI if r == 0 else layout.FANGSONG, layout.SIZE_4)
    rows.clear()


def _signature(document, letterhead: Letterhead) -> None:
    """落款 (7.3.5): the body, its seal standing in (代章), the day; a draft leaves the day blank."""
    layout.right_aligned(document, letterhead.signer, lines_before=2)
    if letterhead.seal:
        layout.right_aligned(document, f"（{letterhead.seal}代章）")
    layout.right_aligned(document, _day(letterhead))


def _day(letterhead: Letterhead) -> str:
    return layout.chinese_date(letterhead.dated) if letterhead.dated else UNDATED


def _record_lines(letterhead: Letterhead) -> list[str]:
    """抄送 (7.4.2): after a full-width colon, ending with 。"""
    return [f"抄送：{'，'.join(letterhead.copied_to)}。"] if letterhead.copied_to else []
