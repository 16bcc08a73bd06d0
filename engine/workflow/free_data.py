"""Data given to a task that has no form file (the API's body, the command line's `--data`): kept
as process data, as a form's values are, so that the gateway after the task can read it. Nothing
describes it, so only what every piece of task data must be is checked: each key a name scripts
and conditions can use, not one lianxi or the sandbox already gives a meaning, and each value
JSON of a bounded size and depth. Anything else refuses the whole completion."""

from __future__ import annotations

import keyword

from engine.core import limits
from engine.core.errors import FieldError, InvalidData
from engine.workflow.spiff.scripting import READY_NAMES

# What engine.workflow.instances.start puts into every instance: a task may not rewrite them.
INSTANCE_KEYS = frozenset({"member_units", "all_units", "started_by_unit", "body_code", "started_by"})
MAX_DEPTH = 32  # as the API refuses deeper JSON (webui.common.input_guard)


def checked(submitted: dict) -> dict:
    errors = {str(key): error for key, value in submitted.items() if (error := _problem(key, value))}
    if errors:
        raise InvalidData(errors, "data for a task without a form is kept under names a script can use")
    limits.refuse_long(submitted)
    return dict(submitted)


def name_problem(key) -> str | None:
    """Why `key` cannot name a piece of task data: "not_a_name" (not one a script can use: a Python
    identifier, no keyword, no leading `_`) or "reserved_name" (lianxi or the sandbox gives it a
    meaning); None when it can. A form field's name obeys the same rule (engine.workflow.forms)."""
    if not isinstance(key, str) or not key.isidentifier() or keyword.iskeyword(key) or key.startswith("_"):
        return "not_a_name"
    if key in INSTANCE_KEYS or key in READY_NAMES:
        return "reserved_name"
    return None


def _problem(key, value) -> FieldError | None:
    if code := name_problem(key):
        return FieldError(code)
    if not _is_json(value):
        return FieldError("not_json", {"depth": MAX_DEPTH})
    return None


def _is_json(value) -> bool:
    """JSON's own types only, nested at most MAX_DEPTH deep; walked with a stack, not recursion."""
    pending = [(value, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                return False
            pending += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            pending += [(v, depth + 1) for v in value]
        elif not (value is None or isinstance(value, (str, int, float, bool))):
            return False
    return True
