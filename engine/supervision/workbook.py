"""The ledger as the Excel workbook an office keeps (督办台账.xlsx), for the web and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from engine.core import cells

HEADINGS = (
    "序号",
    "事项来源",
    "会议名称",
    "议定事项",
    "牵头单位",
    "配合单位",
    "完成时限",
    "最新进展",
    "办理状态",
    "办结时间",
    "备注",
)
WIDTHS = (6, 16, 28, 44, 18, 24, 12, 44, 10, 12, 24)
FILLS = {"on_track": "C6EFCE", "due_soon": "FFEB9C", "overdue": "FFC7CE", "closed": "D9D9D9"}
TITLE_ROW, HEADING_ROW, FIRST_ROW = 1, 2, 3
_THIN = Side(style="thin", color="808080")
# One named style for every item cell: openpyxl hashes a style object on each assignment, which
# made cell-by-cell styling three quarters of the time at 500 items (docs/PERFORMANCE.md).
ITEM_CELL = "ledger_item"


@dataclass(frozen=True)
class Names:
    """What the workbook calls a status and a source (engine.supervision.ledger.SOURCES); the caller
    gives them, as the pages name them (webui.common.display.ledger_names)."""

    statuses: Mapping[str, str]
    sources: Mapping[str, str]


def build(body_name: str, rows: list[dict], now: datetime, names: Names) -> bytes:
    """Row 1 the title, row 2 the headings, one row per item from row 3."""
    book = Workbook()
    sheet = book.active
    sheet.title = "督办台账"
    book.add_named_style(
        NamedStyle(
            ITEM_CELL, alignment=Alignment(wrap_text=True, vertical="top"), border=Border(_THIN, _THIN, _THIN, _THIN)
        )
    )
    title = cells.as_text(sheet.cell(TITLE_ROW, 1, f"{body_name}议定事项督办台账（截至{now:%Y-%m-%d}）"))
    title.font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(HEADINGS))
    for column, (heading, width) in enumerate(zip(HEADINGS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEADING_ROW, column, heading)
        cell.font, cell.border = Font(bold=True), Border(_THIN, _THIN, _THIN, _THIN)
        sheet.column_dimensions[cell.column_letter].width = width
    for number, row in enumerate(rows, start=1):
        _write(sheet, FIRST_ROW + number - 1, values(number, row, names), row["status"])
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def values(number: int, row: dict, names: Names) -> list:
    return [
        number,
        str(names.sources[row["source_kind"]]) if row["meeting_id"] else row["source"],
        row["meeting_title"],
        row["text"],
        row["lead_name"],
        "、".join(row["cooperating_names"]),
        _day(row["due_at"]),
        row["latest_progress"],
        str(names.statuses[row["status"]]),
        _day(row["closed_at"]),
        f"已延期（原定{_day(row['original_due_at'])}）" if row["extended"] else "",
    ]


def _write(sheet, at: int, row_values: list, status_code: str) -> None:  # noqa: ANN001
    for column, value in enumerate(row_values, start=1):
        cell = sheet.cell(at, column, value)
        cell.style = ITEM_CELL
        cells.as_text(cell)
    status = sheet.cell(at, HEADINGS.index("办理状态") + 1)
    status.fill = PatternFill("solid", fgColor=FILLS[status_code])


def _day(at: datetime | None) -> str:
    return at.date().isoformat() if at else ""
