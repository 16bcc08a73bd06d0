"""lianxi's BPMN extension properties, read once into one typed structure.

A process and its user tasks carry lianxi's settings as `spiffworkflow:property` elements
(docs/AUTHORING.md has the table). Like SpiffWorkflow's own task-spec parser reads its
extensions into the spec, this module reads ours into `ProcessProperties` / `TaskProperties`;
nothing else in lianxi looks a property up by its name. Deploy calls `check_task` and
`check_process` so a bad value is refused with its file and line; at run time `of_task` reads
the already-deployed (so already-checked) spec, once per cached spec.

Names lianxi does not know are left alone: a modeller's tool may add its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from engine.reminders.policy import PolicyProblem, overrides
from engine.workflow.spiff.scripting import ScriptError, compile_code

_CACHE_KEY = "lianxi"  # where a task spec keeps its parsed properties, beside SpiffWorkflow's own
LANE_PREFIX = "lane:"  # a process property mapping a lane by its name, e.g. `lane:审批人` = `office_director`


class PropertyProblem(ValueError):
    """A property whose value lianxi cannot use; the message names the property."""


@dataclass(frozen=True)
class ProcessProperties:
    title_en: str = ""  # the process's name in the English interface
    reminders: str | None = None  # reminder offsets every task of the process starts from
    manual_start: bool = True  # False: only lianxi starts it, with the data it needs (docs/AUTHORING.md)
    member_start: bool = False  # True: a member unit's liaison may start it too, for their unit
    # Whom a task no lane or assignee names goes to, a role or a unit code (engine.workflow.lanes);
    # empty: the office, and deploy warns of each such task.
    default_owner: str = ""
    # `lane:<name>` properties: a lane of the diagram named otherwise than lianxi's roles → its owner.
    lanes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TaskProperties:
    title_en: str = ""  # the task's name in the English interface
    form_key: str | None = None  # the form (forms/<key>.json) the task shows
    show: tuple[str, ...] = ()  # process data the task page shows
    record: str | None = None  # the domain record its completion writes (engine.features)
    assignee: str | None = None  # expression: a unit code or a user name, over the lane
    due: str | None = None  # expression: the task's due date
    close_at_due: dict | None = None  # values the task closes with at its deadline
    proxy_allowed: bool = True  # False: the unit's own consent; no 代办, no reassignment
    reminders: str | None = None  # this task's reminder offsets, over its process's
    # A call activity's `callee_version`: `pinned` (False, the default) keeps the callee's version
    # the caller was deployed with; `latest` (True) gives the caller a new version with each of the
    # callee's (engine.workflow.callees).
    follows_callee: bool = False


def of_process(process_spec) -> ProcessProperties:
    return _cached(process_spec, _read_process)


def of_task(task_spec) -> TaskProperties:
    return _cached(task_spec, _read_task)


def check_process(process_spec) -> None:
    """Raises PropertyProblem for the first property of the process lianxi cannot use."""
    _read_process(_raw(process_spec))


def check_task(task_spec) -> None:
    """Raises PropertyProblem for the first property of the task lianxi cannot use."""
    _read_task(_raw(task_spec))


def _cached(spec, read):
    # Specs are parsed once and shared (engine.workflow.spiff.runtime), so the reading is too.
    # Two threads reading at once compute the same frozen value; either may stay.
    found = spec.extensions.get(_CACHE_KEY)
    if found is None:
        found = spec.extensions[_CACHE_KEY] = read(_raw(spec))
    return found


def _raw(spec) -> dict[str, str]:
    return spec.extensions.get("properties", {})


def _read_process(raw: dict[str, str]) -> ProcessProperties:
    return ProcessProperties(
        title_en=raw.get("title_en", ""),
        reminders=_reminders(raw),
        manual_start=_yes_no(raw, "manual_start"),
        member_start=_yes_no(raw, "member_start", default="no"),
        default_owner=raw.get("default_owner", "").strip(),
        lanes=_lane_owners(raw),
    )


def _read_task(raw: dict[str, str]) -> TaskProperties:
    return TaskProperties(
        title_en=raw.get("title_en", ""),
        form_key=raw.get("formKey") or None,
        show=tuple(name.strip() for name in raw.get("show", "").split(",") if name.strip()),
        record=raw.get("record") or None,
        assignee=_expression(raw, "assignee"),
        due=_expression(raw, "due"),
        close_at_due=_close_at_due(raw),
        proxy_allowed=_yes_no(raw, "proxy"),
        reminders=_reminders(raw),
        follows_callee=_choice(raw, "callee_version", ("pinned", "latest")) == "latest",
    )


def _choice(raw: dict[str, str], name: str, values: tuple[str, ...]) -> str:
    """One of `values`, the first unless the BPMN says otherwise."""
    value = raw.get(name, values[0])
    if value not in values:
        raise PropertyProblem(f"{name} must be {' or '.join(values)}, not {value!r}")
    return value


def _expression(raw: dict[str, str], name: str) -> str | None:
    if name not in raw:
        return None
    try:
        compile_code(raw[name], "eval")
    except ScriptError as exc:
        raise PropertyProblem(f"property {name}: {exc}") from exc
    return raw[name]


def _lane_owners(raw: dict[str, str]) -> dict[str, str]:
    prefixed = {name: value for name, value in raw.items() if name.startswith(LANE_PREFIX)}
    return {name.removeprefix(LANE_PREFIX).strip(): value.strip() for name, value in prefixed.items()}


def _close_at_due(raw: dict[str, str]) -> dict | None:
    if "close_at_due" not in raw:
        return None
    try:
        values = json.loads(raw["close_at_due"])
    except ValueError:
        values = None
    if not isinstance(values, dict):
        raise PropertyProblem("close_at_due must be a JSON object of the values to close the task with")
    return values


def _yes_no(raw: dict[str, str], name: str, default: str = "yes") -> bool:
    """A switch, `yes` or `no`, at its default unless the BPMN says otherwise."""
    value = raw.get(name, default)
    if value not in ("yes", "no"):
        raise PropertyProblem(f"{name} must be yes or no, not {value!r}")
    return value == "yes"


def _reminders(raw: dict[str, str]) -> str | None:
    """Refused at deploy, not found at planning time, where a bad one could only be skipped."""
    try:
        overrides(raw.get("reminders"))
    except PolicyProblem as exc:
        raise PropertyProblem(str(exc)) from exc
    return raw.get("reminders")
