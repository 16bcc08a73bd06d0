"""What a finished task decided: the values it was completed with, as its form names them.

The values are those the audit log kept at the completion (engine.workflow.completion.finish),
so the page shows what was submitted, not what the process made of it later."""

from __future__ import annotations

from engine.core import audit
from engine.workflow import tasks
from engine.workflow.models import HumanTask
from webui.common import context, display
from webui.common.i18n import pick

COMPLETIONS = frozenset({"complete", "complete_on_behalf", "closed_at_due"})
# Lines `code｜…` that name an action plan's indicators by the codes its report form asks for.
CODED_LINES = frozenset({"indicator_list", "prefilled_values", "indicator_values"})


def rows(task: HumanTask) -> list[tuple[str, str, object]]:
    """(label, kind, value) for each field given a value, in the form's order; none while open."""
    if task.status != "completed":
        return []
    values = _submitted(task)
    return [
        (pick(spec.get("label")) or spec["name"], *_readable(spec, values[spec["name"]]))
        for spec in tasks.form_of(task)["fields"]
        if values.get(spec["name"]) not in (None, "", [])
    ]


def _submitted(task: HumanTask) -> dict:
    events = audit.of_instance(context.db_session(), task.instance_id)
    done = [e for e in events if e.task_id == task.id and e.action in COMPLETIONS]
    return dict(done[-1].after or {}) if done else {}


def _readable(spec: dict, value: object) -> tuple[str, object]:
    if spec["type"] == "file" and isinstance(value, dict):
        return "file", value  # its attachment's id, name and size: a download link
    if spec["type"] == "choice":
        labels = {c["value"]: pick(c.get("label")) for c in spec["choices"]}
        return "text", labels.get(value) or str(value)
    if spec["name"] == "decided_items":
        return "items", display.decided_items(value, display.names().units)
    if spec["name"] in CODED_LINES:
        return "coded", coded_lines(value)
    return display.readable(value)


def coded_lines(value: object) -> list[tuple[str, str]]:
    """(code, the rest) for each line, the code to be shown as one."""
    return [line.partition("｜")[::2] for line in str(value).splitlines() if line.strip()]
