"""The CSV tables of an archive package keep what people typed as text: a cell a spreadsheet would
read as a formula starts with an apostrophe (formula injection, as in the .xlsx exports)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from engine.archive.sources import table
from engine.core.clock import SHANGHAI


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_formula_is_kept_as_text_and_the_rest_as_typed():
    typed = ['=HYPERLINK("http://x","click")', "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR", "同意", ""]
    signed = datetime(2026, 12, 4, 9, 0, tzinfo=SHANGHAI)
    written = rows_of(table(["comment", "count", "at"], [[text, -3, signed] for text in typed]))
    assert [row[0] for row in written[1:]] == [f"'{text}" for text in typed[:6]] + ["同意", ""]
    assert {row[1] for row in written[1:]} == {"-3"}  # a number is no text a person typed
    assert {row[2] for row in written[1:]} == {"2026-12-04T09:00:00+08:00"}
