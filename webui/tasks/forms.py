"""A task's form as HTML inputs, and the browser's submission back as the engine's values.

Values travel in one "form shape" between the draft, the defaults and a refused submission:
units as a list of codes, booleans as bools, datetimes as `datetime-local` text, the rest
as text. The engine validates; nothing here decides what is valid.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from engine.attachments.store import ALLOWED, MAX_BYTES
from engine.core.clock import SHANGHAI, as_aware
from engine.core.errors import FieldError
from engine.workflow.forms import Choices, items_offered, units_in_scope
from engine.workflow.models import HumanTask
from engine.workflow.notes import TaskDraft
from webui.common import context, uploads
from webui.common.i18n import field_error_message, pick


def submitted(form: dict, posted: MultiDict, files: MultiDict | None = None) -> dict:
    """request.form in the engine's terms: a list for `units` and multiple `items`, a bool for a checkbox (an
    unticked box is simply absent from the post), an Upload for a file chosen in `files` (none
    for a draft: drafts do not keep files)."""
    values = {}
    for spec in form["fields"]:
        name = spec["name"]
        if spec["type"] == "units" or (spec["type"] == "items" and spec.get("multiple")):
            values[name] = posted.getlist(name)
        elif spec["type"] == "boolean":
            values[name] = posted.get(name) == "on"
        elif spec["type"] != "file":
            values[name] = posted.get(name, "")
    return uploads.with_files(form, values, _chosen(form, files))


def _chosen(form: dict, files: MultiDict | None) -> list[uploads.Given]:
    """The files chosen in the form's own file inputs: one left empty still sends a part, without
    a filename, and a part the page did not offer is ignored like any other stray input."""
    if files is None:
        return []
    parts = ((name, files.get(name)) for name in uploads.file_fields(form))
    return [(name, part.filename, part.read()) for name, part in parts if part is not None and part.filename]


def initial(form: dict, task: HumanTask, draft: TaskDraft | None) -> dict:
    """The saved draft if there is one, else each field's `default_from` variable."""
    if draft is not None:
        return {spec["name"]: _form_shape(spec, draft.data.get(spec["name"])) for spec in form["fields"]}
    return {
        spec["name"]: _form_shape(spec, task.shown.get(spec["default_from"]))
        for spec in form["fields"]
        if spec.get("default_from")
    }


def _form_shape(spec: dict, value: object) -> object:
    if value is None:
        return None
    kind = spec["type"]
    if kind == "units" or (kind == "items" and spec.get("multiple")):
        # a dict's keys are its codes; item numbers are compared with the inputs' text
        return [str(value)] if isinstance(value, str | int) else [str(v) for v in value]
    if kind == "boolean":
        return value is True or value == "on"
    if kind == "datetime":
        return _local_input(str(value))
    if kind == "file":
        return None  # a file input cannot be filled in again: the person chooses the file anew
    return str(value)


def _local_input(text: str) -> str:
    """An ISO instant as a `datetime-local` input value (Asia/Shanghai, to the minute)."""
    try:
        return f"{as_aware(datetime.fromisoformat(text)):%Y-%m-%dT%H:%M}"
    except ValueError:
        return text


def fields(form: dict, values: dict, errors: dict[str, FieldError], choices: Choices) -> list[dict]:
    """What the template needs for each input."""
    labels = {spec["name"]: spec for spec in form["fields"]}
    return [
        {
            "name": spec["name"],
            "type": spec["type"],
            "label": pick(spec.get("label")) or spec["name"],
            "help": pick(spec.get("help")),
            "required": bool(spec.get("required")),
            "required_when": _required_when(spec, labels),
            "value": values.get(spec["name"]),
            "options": _options(spec, choices),
            "error": field_error_message(errors[spec["name"]]) if spec["name"] in errors else "",
            "max_length": spec.get("max_length"),
            "min": _input_min(spec),
            "max": spec.get("max"),
            "multiple": bool(spec.get("multiple")),
            **_file_input(spec),
        }
        for spec in form["fields"]
    ]


def _file_input(spec: dict) -> dict:
    """A file input's `accept` list and the note under it of what it takes."""
    if spec["type"] != "file":
        return {"accept": "", "file_note": ""}
    max_mb = MAX_BYTES // (1024 * 1024)
    return {
        "accept": ",".join(f".{extension}" for extension in ALLOWED),
        "file_note": _("可上传 PDF、Word、Excel、图片等常用文件，不超过 %(max_mb)s MB。", max_mb=max_mb),
    }


def _input_min(spec: dict) -> object:
    """`"min": "now"` as the browser's own bound, so its picker greys out the past."""
    if spec.get("min") != "now":
        return spec.get("min")
    local = context.now().astimezone(SHANGHAI)
    return f"{local:%Y-%m-%dT%H:%M}" if spec["type"] == "datetime" else f"{local:%Y-%m-%d}"


def _options(spec: dict, choices: Choices) -> list[tuple[str, str]]:
    kind = spec["type"]
    if kind == "choice":
        return [(c["value"], pick(c.get("label")) or c["value"]) for c in spec["choices"]]
    if kind == "units":
        return list(units_in_scope(spec, choices).items())
    if kind == "items":  # numbered as the list counts them, the number being what is sent
        return [(str(n), f"{n}. {label}") for n, label in items_offered(spec, choices).items()]
    if kind == "person":
        wanted = set(spec["roles"])
        return [(user, name) for user, (name, roles) in choices.people.items() if roles & wanted]
    return []


def _required_when(spec: dict, specs: dict[str, dict]) -> str:
    """The condition a person can read, e.g. 当「审定意见」为「退回修改」时必填."""
    parts = []
    for other, allowed in spec.get("required_when", {}).items():
        other_spec = specs.get(other, {})
        choice_labels = {c["value"]: pick(c.get("label")) for c in other_spec.get("choices", [])}
        shown = _("、").join(choice_labels.get(v) or str(v) for v in allowed)
        label = pick(other_spec.get("label")) or other
        parts.append(_("当「%(field)s」为「%(values)s」时必填", field=label, values=shown))
    return _("；").join(parts)
