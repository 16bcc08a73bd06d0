"""Decided items (议定事项) as the office writes them in the minutes, one per line:

    事项内容｜牵头单位代码｜配合单位代码（逗号分隔，可空）｜完成时限（YYYY-MM-DD）

Each becomes {"text", "lead", "cooperating", "due"}: what supervision starts from. A line that
does not read is refused with its number, and nothing is saved (`parse`). `read` is the same
reading without the checks, for showing lines as they were written (webui.common.display).
"""

from __future__ import annotations

import re
from datetime import date

from engine.core.errors import FieldError, InvalidData

_SEPARATORS = re.compile(r"[｜|]")
_CODES = re.compile(r"[,，、\s]+")


def read(text: str) -> list[tuple[int, str, dict | None]]:
    """Each written line (blank ones left out) with its number and its four parts as written,
    {"text", "lead", "cooperating": [codes], "due"}, or None when it does not read as four parts."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return [(number, line, read_line(line)) for number, line in lines]


def read_line(line: str) -> dict | None:
    parts = [p.strip() for p in _SEPARATORS.split(line)]
    if len(parts) != 4 or not parts[0]:
        return None
    text, lead, cooperating, due = parts
    return {"text": text, "lead": lead, "cooperating": [c for c in _CODES.split(cooperating) if c], "due": due}


def parse(text: str, unit_codes: set[str], field: str = "decided_items") -> list[dict]:
    return [checked(item, number, unit_codes, field) for number, _line, item in read(text)]


def checked(item: dict | None, number: int, unit_codes: set[str], field: str) -> dict:
    if item is None:
        _refuse(field, "item_shape", number)
    unknown = [c for c in [item["lead"], *item["cooperating"]] if c not in unit_codes]
    if unknown:
        _refuse(field, "item_unit", number, codes=", ".join(unknown))
    try:
        due = date.fromisoformat(item["due"]).isoformat()
    except ValueError:
        _refuse(field, "item_due", number)
    return {**item, "due": due}


def _refuse(field: str, code: str, line: int, **params) -> None:
    raise InvalidData({field: FieldError(code, {"line": line, **params})})
