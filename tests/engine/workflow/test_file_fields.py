"""A `file` field: checked as the attachments are (type, size, content), required or not; the
completion stores the file as an attachment of the instance and keeps only its id, name and size."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine.attachments import store as attachments
from engine.core.clock import SHANGHAI
from engine.workflow.forms import FILE_OWNER, Choices, Upload, load_form, validate

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
FORM = {
    "fields": [
        {"name": "plan_file", "type": "file"},
        {"name": "evidence", "type": "file", "required": True},
    ]
}
NOTHING = Choices(units={}, people={})
PDF = Upload("方案.pdf", b"%PDF-1.4\n%test\n")


def test_a_good_file_passes_as_it_was_given():
    values, errors = validate(FORM, {"evidence": PDF}, NOTHING, NOW)
    assert errors == {}
    assert values == {"plan_file": None, "evidence": PDF}


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (None, "required"),
        (Upload("", b""), "required"),  # a file input left empty
        (Upload("方案.exe", b"MZ\x90\x00"), "file_type"),
        (Upload("方案.pdf", b""), "file_empty"),
        (Upload("方案.pdf", b"PK\x03\x04"), "file_content"),
        (Upload("方案.pdf", b"%PDF-" + b"x" * attachments.MAX_BYTES), "file_too_large"),
        ("方案.pdf", "not_file"),  # a name is not a file (the API sends no files)
    ],
)
def test_a_required_file_is_refused_when_missing_or_wrong(upload, code):
    values, errors = validate(FORM, {"evidence": upload}, NOTHING, NOW)
    assert errors["evidence"].code == code and "evidence" not in values


def test_an_optional_file_may_be_left_out_but_not_be_wrong():
    values, errors = validate(FORM, {"plan_file": Upload("", b""), "evidence": PDF}, NOTHING, NOW)
    assert errors == {} and values["plan_file"] is None
    _, errors = validate(FORM, {"plan_file": Upload("a.txt", b"hello"), "evidence": PDF}, NOTHING, NOW)
    assert errors["plan_file"].code == "file_type"


def test_a_form_may_declare_a_file_field():
    form = load_form("f.json", '{"fields": [{"name": "plan_file", "type": "file"}]}')
    assert form["fields"][0]["type"] == "file" and FILE_OWNER == "process_instance"
