"""Every lianxi BPMN property is read once, into one typed structure (engine.workflow.properties)."""

from __future__ import annotations

from pathlib import Path

from engine.workflow import properties
from engine.workflow.spiff.parsing import parse_sources

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


def task_spec(file: str, process_id: str, task_id: str):
    """The user task itself (a multi-instance task's child), as the inbox reads it."""
    parsed = parse_sources({file: (WORKFLOWS / file).read_text(encoding="utf-8")})[process_id]
    return next(t for t in parsed.spec.task_specs.values() if t.manual and t.bpmn_id == task_id)


def test_a_cosignature_is_the_units_own_and_says_what_it_records():
    read = properties.of_task(task_spec("full_meeting.bpmn", "full_meeting", "cosign_minutes"))
    assert read.proxy_allowed is False
    assert (read.assignee, read.form_key, read.record) == ("signer['code']", "cosign", "minutes_cosigned")
    assert read.title_en == "Co-sign the minutes"


def test_a_task_without_properties_takes_the_defaults():
    spec = task_spec("full_meeting.bpmn", "full_meeting", "cosign_minutes")
    spec.extensions = {}
    assert properties.of_task(spec) == properties.TaskProperties()


def test_the_reading_is_kept_with_the_spec():
    spec = task_spec("full_meeting.bpmn", "full_meeting", "cosign_minutes")
    assert properties.of_task(spec) is properties.of_task(spec)


def test_show_and_close_at_due_are_read_into_their_types():
    spec = task_spec("full_meeting.bpmn", "full_meeting", "cosign_minutes")
    spec.extensions = {"properties": {"show": " topics, minutes ,", "close_at_due": '{"agree": "yes"}'}}
    read = properties.of_task(spec)
    assert read.show == ("topics", "minutes")
    assert read.close_at_due == {"agree": "yes"}
