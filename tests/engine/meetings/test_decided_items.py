"""Decided items (议定事项) are read in one place, engine.meetings.items: `parse` checks what the
office saves, `read` gives the same parts as written for the pages to show (webui.common.display)."""

from __future__ import annotations

import pytest

from engine.core.errors import InvalidData
from engine.meetings import items

UNITS = {"wjj", "rsj", "zgh"}
TEXT = "起草年度工作要点｜wjj｜rsj，zgh｜2026-12-31\n\n开展专项检查 | rsj | | 2027-01-31\n"


def test_read_gives_each_written_line_its_number_and_parts():
    assert items.read(TEXT + "另行研究的事项｜wjj") == [
        (1, "起草年度工作要点｜wjj｜rsj，zgh｜2026-12-31",
         {"text": "起草年度工作要点", "lead": "wjj", "cooperating": ["rsj", "zgh"], "due": "2026-12-31"}),
        (3, "开展专项检查 | rsj | | 2027-01-31",
         {"text": "开展专项检查", "lead": "rsj", "cooperating": [], "due": "2027-01-31"}),
        (4, "另行研究的事项｜wjj", None),
    ]  # fmt: skip


def test_parse_is_read_checked():
    assert items.parse(TEXT, UNITS) == [item for _number, _line, item in items.read(TEXT)]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("另行研究的事项｜wjj", "item_shape"),
        ("事项｜xyz｜｜2026-12-31", "item_unit"),
        ("事项｜wjj｜｜年底", "item_due"),
    ],
)
def test_parse_refuses_what_does_not_read_with_its_line_number(line, code):
    with pytest.raises(InvalidData) as refused:
        items.parse(TEXT + line, UNITS)
    error = refused.value.errors["decided_items"]
    assert (error.code, error.params["line"]) == (code, 4)
