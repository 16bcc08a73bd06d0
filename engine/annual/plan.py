"""A unit's key-work plan for next year as the liaison writes it, one item per line:

    工作事项｜负责人｜完成月份

The month may be written 4, 4月, 04 or 2027-04; a bare month is in the plan's year. Each line
becomes {"item", "owner", "month": "YYYY-MM"}; a line that does not read is refused with its
number, and nothing is saved (as the minutes' decided items are, engine/meetings/items.py).
"""

from __future__ import annotations

import re

from engine.core.errors import FieldError, InvalidData

_SEPARATORS = re.compile(r"[｜|]")
_MONTH = re.compile(r"^(?:(\d{4})\s*[-年/.]\s*)?(\d{1,2})\s*月?$")


def parse(text: str, year: int, field: str = "plan") -> list[dict]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            items.append(_item(line, number, year, field))
    return items


def _item(line: str, number: int, year: int, field: str) -> dict:
    parts = [p.strip() for p in _SEPARATORS.split(line)]
    if len(parts) != 3 or not parts[0] or not parts[1]:
        _refuse(field, "plan_shape", number)
    item, owner, month = parts
    return {"item": item, "owner": owner, "month": _month(month, number, year, field)}


def _month(text: str, number: int, year: int, field: str) -> str:
    found = _MONTH.match(text)
    if not found or not 1 <= int(found.group(2)) <= 12:
        _refuse(field, "plan_month", number)
    return f"{int(found.group(1) or year):04d}-{int(found.group(2)):02d}"


def lines(items: list[dict]) -> str:
    """The items written back as the liaison wrote them: what a returned unit revises."""
    return "\n".join(f"{i['item']}｜{i['owner']}｜{i['month']}" for i in items)


def _refuse(field: str, code: str, line: int) -> None:
    raise InvalidData({field: FieldError(code, {"line": line})})
