"""Cells of the workbooks lianxi writes: what people typed stays text.

A text beginning with = + - @, a tab or a carriage return is what a spreadsheet reads as a formula:
a liaison's progress `=HYPERLINK("http://…","点此")` in the ledger would become a link in the
office's Excel (formula injection). openpyxl takes such a value for a formula; written as a string
with Excel's quote prefix it shows exactly as typed, and stays text when the office edits the cell.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def reads_as_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(cell: Cell) -> Cell:
    """The cell, a string that would read as a formula made plain text. After any named style is
    set: the style carries the quote prefix, and a style set later would drop it."""
    if reads_as_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append(sheet: Worksheet, values: Iterable) -> None:
    """`sheet.append`, each of the new row's cells `as_text`."""
    sheet.append([as_text(Cell(sheet, value=value)) for value in values])
