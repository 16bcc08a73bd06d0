"""The government's decision on each disputed item, as the office writes it, one line per item:

    序号｜牵头单位代码｜配合单位代码（逗号分隔，可空）｜完成时限   supervised as decided
    序号｜不督办                                              not supervised

Every disputed item is decided exactly once; a line for an item not in dispute, a second line
for one, or an item left out is refused with its line, and nothing is saved (`parse`)."""

from __future__ import annotations

from engine.core.errors import FieldError, InvalidData
from engine.meetings import items

FIELD = "item_decisions"
NOT_SUPERVISED = "不督办"


def parse(text: str, disputed: list[int], unit_codes: set[str]) -> dict[int, dict | None]:
    """{number: {"lead", "cooperating", "due"}, or None when it is not to be supervised}."""
    decided: dict[int, dict | None] = {}
    for line_number, line, _item in items.read(text):
        number, rest = _number(line, line_number)
        if number not in disputed:
            _refuse("not_disputed", line=line_number, number=number)
        if number in decided:
            _refuse("decided_twice", line=line_number, number=number)
        decided[number] = _decision(rest, line_number, unit_codes)
    missing = [n for n in disputed if n not in decided]
    if missing:
        _refuse("items_undecided", numbers=", ".join(map(str, missing)))
    return decided


def _number(line: str, line_number: int) -> tuple[int, str]:
    head, _sep, rest = line.replace("|", "｜").partition("｜")
    if not head.strip().isdigit():
        _refuse("decision_shape", line=line_number)
    return int(head.strip()), rest.strip()


def _decision(rest: str, line_number: int, unit_codes: set[str]) -> dict | None:
    if rest == NOT_SUPERVISED:
        return None
    item = items.read_line(f"—｜{rest}")  # the item's text stays as the minutes have it
    if item is None:
        _refuse("decision_shape", line=line_number)
    checked = items.checked(item, line_number, unit_codes, FIELD)
    return {"lead": checked["lead"], "cooperating": checked["cooperating"], "due": checked["due"]}


def _refuse(code: str, **params) -> None:
    raise InvalidData({FIELD: FieldError(code, params)})
