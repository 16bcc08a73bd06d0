"""The ledger as the Excel workbook an office keeps (督办台账.xlsx), for the web and the CLI.

Written by XlsxWriter row by row (`constant_memory`): a ledger of any length is never held whole,
and 10,000 items take well under a second, where openpyxl's write-only cells took several
(docs/PERFORMANCE.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from xlsxwriter import Workbook

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
FILLS = {"on_track": "#C6EFCE", "due_soon": "#FFEB9C", "overdue": "#FFC7CE", "closed": "#D9D9D9"}
FIRST_ROW = 3  # the title above, then the headings
STATUS_COLUMN = HEADINGS.index("办理状态")
# Text is written as text whatever it begins with: a progress typed as `=HYPERLINK(…)` must not
# become a formula (engine/core/cells.py), nor a number-like text a number.
OPTIONS = {
    "constant_memory": True,
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
_BORDER = {"border": 1, "border_color": "#808080"}
_ITEM = {**_BORDER, "text_wrap": True, "valign": "top"}


@dataclass(frozen=True)
class Names:
    """What the workbook calls a status and a source (engine.supervision.ledger.SOURCES); the caller
    gives them, as the pages name them (webui.common.display.ledger_names)."""

    statuses: Mapping[str, str]
    sources: Mapping[str, str]


class _Formats:
    """The cell formats, made once per workbook: an item cell's, the status cell's with its
    colour, each also with Excel's quote prefix for a text that would read as a formula."""

    def __init__(self, book: Workbook):
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({**_BORDER, "bold": True})
        self._made = {}
        self._book = book

    def item(self, status: str | None, quoted: bool):  # noqa: ANN201
        key = (status, quoted)
        if key not in self._made:
            fill = {"bg_color": FILLS[status], "pattern": 1} if status else {}
            self._made[key] = self._book.add_format({**_ITEM, **fill, "quote_prefix": quoted})
        return self._made[key]


def build(body_name: str, rows: Iterable[dict], now: datetime, names: Names) -> bytes:
    """Row 1 the title, row 2 the headings, one row per item from row 3."""
    out = BytesIO()
    book = Workbook(out, OPTIONS)
    sheet = book.add_worksheet("督办台账")
    formats = _Formats(book)
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(FIRST_ROW - 1, 0)
    title = f"{body_name}议定事项督办台账（截至{now:%Y-%m-%d}）"
    sheet.merge_range(0, 0, 0, len(HEADINGS) - 1, title, formats.title)
    for column, heading in enumerate(HEADINGS):
        sheet.write_string(1, column, heading, formats.heading)
    for number, row in enumerate(rows, start=1):
        _write_item(sheet, FIRST_ROW + number - 2, values(number, row, names), row["status"], formats)
    book.close()
    return out.getvalue()


def _write_item(sheet, at: int, shown: list, status: str, formats: _Formats) -> None:  # noqa: ANN001
    for column, value in enumerate(shown):
        coloured = status if column == STATUS_COLUMN else None
        if value == "":  # an empty cell, with its borders
            sheet.write_blank(at, column, None, formats.item(coloured, False))
        elif isinstance(value, str):
            sheet.write_string(at, column, value, formats.item(coloured, cells.reads_as_formula(value)))
        else:
            sheet.write_number(at, column, value, formats.item(coloured, False))


def values(number: int, row: dict, names: Names) -> list:
    return [
        number,
        str(names.sources[row["source_kind"]]) if row["meeting_id"] else row["source"],
        row["meeting_title"] or "",
        row["text"],
        row["lead_name"] or "",
        "、".join(row["cooperating_names"]),
        _day(row["due_at"]),
        row["latest_progress"] or "",
        str(names.statuses[row["status"]]),
        _day(row["closed_at"]),
        f"已延期（原定{_day(row['original_due_at'])}）" if row["extended"] else "",
    ]


def _day(at: datetime | None) -> str:
    return at.date().isoformat() if at else ""
