"""Form field rules checked against `now`: a meeting cannot be proposed for a time gone by."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine.core.clock import SHANGHAI
from engine.workflow.forms import Choices, FormProblem, load_form, validate

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
FORM = {
    "fields": [
        {"name": "meeting_at", "type": "datetime", "min": "now"},
        {"name": "on", "type": "date", "min": "now"},
        {"name": "any_time", "type": "datetime"},
    ]
}
NOTHING = Choices(units={}, people={})


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        ("meeting_at", "2020-01-01T09:00", True),
        ("meeting_at", "2026-11-23T09:59", True),
        ("meeting_at", "2026-11-23T10:00", False),
        ("on", "2026-11-22", True),
        ("on", "2026-11-23", False),  # today is not past
        ("any_time", "2020-01-01T09:00", False),  # no rule, no refusal
    ],
)
def test_min_now_refuses_the_past(field, value, refused):
    values, errors = validate(FORM, {field: value}, NOTHING, NOW)
    assert (errors.get(field) is not None and errors[field].code == "in_the_past") is refused
    assert (field in values) is not refused


def test_only_now_is_a_date_fields_min():
    with pytest.raises(FormProblem, match='can only be "now"'):
        load_form("f.json", '{"fields": [{"name": "on", "type": "date", "min": "2026-01-01"}]}')
