"""Decided items (议定事项) as the office writes them in the minutes, one per line:

    事项内容｜牵头单位代码｜配合单位代码（逗号分隔，可空）｜完成时限（YYYY-MM-DD）

Each becomes {"text", "lead", "cooperating", "due"}: what supervision starts from. A line that
does not read is refused with its number, and nothing is saved.
"""

from __future__ import annotations

import re
from datetime import date

from engine.core.errors import FieldError, InvalidData

_SEPARATORS = re.compile(r"[｜|]")
_CODES = re.compile(r"[,，、\s]+")


def parse(text: str, unit_codes: set[str], field: str = "decided_items") -> list[dict]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            items.append(_item(line, number, unit_codes, field))
    return items


def _item(line: str, number: int, unit_codes: set[str], field: str) -> dict:
    parts = [p.strip() for p in _SEPARATORS.split(line)]
    if len(parts) != 4 or not parts[0]:
        _refuse(field, "item_shape", number)
    text, lead, cooperating, due = parts
    codes = [c for c in _CODES.split(cooperating) if c]
    unknown = [c for c in [lead, *codes] if c not in unit_codes]
    if unknown:
        _refuse(field, "item_unit", number, codes=", ".join(unknown))
    try:
        due = date.fromisoformat(due).isoformat()
    except ValueError:
        _refuse(field, "item_due", number)
    return {"text": text, "lead": lead, "cooperating": codes, "due": due}


def _refuse(field: str, code: str, line: int, **params) -> None:
    raise InvalidData({field: FieldError(code, {"line": line, **params})})
