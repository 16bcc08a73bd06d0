"""The compiled draft as a Word document (python-docx): headings per unit, plan items as tables."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from sqlalchemy.orm import Session

from engine.annual import drafts
from engine.annual.models import AnnualCycle

HEADINGS = {"# ": 0, "## ": 1, "### ": 2}
FONT = "SimSun"  # 宋体: the East Asian font Word falls back to otherwise varies by machine


def of_cycle(session: Session, cycle: AnnualCycle) -> bytes:
    """The year's current draft (the final one once archived): what the page and `lianxi annual export` write."""
    return render(drafts.current_text(session, cycle))


def render(text: str) -> bytes:
    document = Document()
    _set_font(document)
    table_rows: list[list[str]] = []
    for line in text.splitlines():
        if "｜" in line:
            table_rows.append([cell.strip() for cell in line.split("｜")])
            continue
        _flush_table(document, table_rows)
        _add_line(document, line.strip())
    _flush_table(document, table_rows)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_line(document, line: str) -> None:
    if not line:
        return
    for mark, level in HEADINGS.items():
        if line.startswith(mark):
            document.add_heading(line[len(mark) :].strip(), level=level)
            return
    document.add_paragraph(line)


def _flush_table(document, rows: list[list[str]]) -> None:
    """Rows gathered so far become one table; the first row is its header."""
    if not rows:
        return
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
            if r == 0:
                for run in table.cell(r, c).paragraphs[0].runs:
                    run.bold = True
    rows.clear()


def _set_font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
