"""Task forms: the JSON definitions a BPMN names (docs/AUTHORING.md) and server-side validation.

Validation returns error *codes* per field; the web and the API translate them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from engine.core.clock import SHANGHAI, as_aware, iso
from engine.core.errors import FieldError, InvalidData
from engine.workflow import free_data

FIELD_TYPES = {
    "text",
    "textarea",
    "integer",
    "date",
    "datetime",
    "boolean",
    "choice",
    "units",
    "items",
    "person",
    "file",
}
# A `file` field's upload is kept as an attachment of the task's process instance.
FILE_OWNER = "process_instance"
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 5000}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")  # a variable a units or items field names


class FormProblem(ValueError):
    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")


@dataclass(frozen=True)
class Upload:
    """A file given to a `file` field, before it is stored: validation checks it, the completion
    stores it and puts only its attachment's id, name and size into the task's data."""

    filename: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class Choices:
    """What a body offers to `units` and `person` fields:
    {code: name}, {username: (name, roles)} and each unit's kind (member, guest, government);
    `data`, the task's data, narrows a `units` field that names a variable `within` and holds
    the list an `items` field offers `from`."""

    units: dict[str, str]
    people: dict[str, tuple[str, frozenset[str]]]
    unit_kinds: dict[str, str] = field(default_factory=dict)
    data: dict = field(default_factory=dict)


# A `units` field's scope: which kinds of unit it offers. The government only receives copies.
SCOPES = {"members": {"member"}, "guests": {"guest"}, "all": {"member", "guest"}}


def units_in_scope(spec: dict, choices: Choices) -> dict[str, str]:
    """The units a field offers: those of its scope's kinds and, when it names a variable
    `within` that the task holds (e.g. the units expected at a meeting), only those among them."""
    kinds = SCOPES[spec.get("scope", "all")]
    within = choices.data.get(spec["within"]) if "within" in spec else None
    return {
        code: name
        for code, name in choices.units.items()
        if choices.unit_kinds.get(code, "member") in kinds and (within is None or code in within)
    }


def items_offered(spec: dict, choices: Choices) -> dict[int, str]:
    """What an `items` field offers: each item of the data variable it names `from`, by its
    number (from 1, in the list's order) with its label. A list's items are labelled by their
    `label_key` (or are the label themselves); a text's items are its non-blank lines, labelled by
    the part before the first ｜ (the coded lines the forms take, e.g. 事项｜牵头单位代码｜…)."""
    source = choices.data.get(spec["from"])
    if isinstance(source, str):
        return {n: _ITEM_PARTS.split(line)[0].strip() for n, line in enumerate(_lines(source), start=1)}
    if not isinstance(source, list):
        return {}
    return {n: _label(item, spec.get("label_key")) for n, item in enumerate(source, start=1)}


def _label(item, key: str | None) -> str:
    return str(item.get(key, "")) if key and isinstance(item, dict) else str(item)


_ITEM_PARTS = re.compile(r"[｜|]")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def load_form(file: str, text: str) -> dict:
    try:
        form = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormProblem(file, exc.lineno, f"not valid JSON: {exc.msg}") from exc
    problem = _check_form(form)
    if problem:
        name, message = problem
        raise FormProblem(file, _line_of(text, name), message)
    return form


def _check_form(form) -> tuple[str | None, str] | None:
    if not isinstance(form, dict) or not isinstance(form.get("fields"), list):
        return None, 'a form is an object with a "fields" list'
    seen = set()
    for spec in form["fields"]:
        name = spec.get("name") if isinstance(spec, dict) else None
        problem = _name_problem(name, seen)
        if problem:
            return name, problem
        seen.add(name)
        problem = _check_field(spec)
        if problem:
            return name, f"field {name}: {problem}"
    return None


_NAME_PROBLEMS = {
    "not_a_name": "must be a name a script can use (letters, digits and _, not starting with a digit or _, "
    "not a Python keyword)",
    "reserved_name": "is a name lianxi or the script sandbox already gives a meaning (docs/AUTHORING.md, Scripts)",
}


def _name_problem(name, seen: set) -> str | None:
    """A field's value is kept as task data under its name, which scripts and conditions read:
    `firstName` (as Camunda Modeler's forms write it) as well as `first_name`."""
    code = free_data.name_problem(name)
    if code:
        return f"field name {name!r} {_NAME_PROBLEMS[code]}"
    return f"field name {name!r} is given twice" if name in seen else None


def _check_field(spec: dict) -> str | None:
    if spec.get("type") not in FIELD_TYPES:
        return f"type must be one of {', '.join(sorted(FIELD_TYPES))}"
    if spec["type"] == "choice" and not spec.get("choices"):
        return "a choice field needs choices"
    if spec["type"] == "person" and not spec.get("roles"):
        return "a person field needs roles"
    if spec["type"] == "units":
        return _check_units(spec)
    if spec["type"] == "items":
        return _check_items(spec)
    if spec["type"] in ("date", "datetime") and spec.get("min", "now") != "now":
        return 'the min of a date or datetime field can only be "now"'
    return None


def _check_units(spec: dict) -> str | None:
    if spec.get("scope", "all") not in SCOPES:
        return f"scope must be one of {', '.join(SCOPES)}"
    if not _NAME.match(str(spec.get("within", "data"))):
        return "within must name a variable"
    return None


def _check_items(spec: dict) -> str | None:
    """The list is the task's data, so the spec can only name it; what it holds is read at the task."""
    if not isinstance(spec.get("from"), str) or not _NAME.match(spec["from"]):
        return "an items field needs from, naming the variable that lists the items"
    if not isinstance(spec.get("label_key", ""), str):
        return "label_key must name a key of the items"
    if not isinstance(spec.get("multiple", False), bool):
        return "multiple must be true or false"
    return None


def _line_of(text: str, name: str | None) -> int | None:
    if name:
        for number, line in enumerate(text.splitlines(), start=1):
            if f'"{name}"' in line:
                return number
    return None


def validate(form: dict, submitted: dict, choices: Choices, now: datetime) -> tuple[dict, dict[str, FieldError]]:
    """Clean values for every field of `form`, or the errors; unknown keys are ignored. `now`
    is what a date or datetime field with `"min": "now"` may not be before."""
    values, errors = {}, {}
    for spec in form["fields"]:
        raw = submitted.get(spec["name"])
        if _blank(raw):
            if _is_required(spec, submitted, choices):
                errors[spec["name"]] = FieldError("required")
            else:
                values[spec["name"]] = _empty(spec)
            continue
        try:
            values[spec["name"]] = _not_past(spec, _CLEANERS[spec["type"]](spec, raw, choices), now)
        except _Invalid as invalid:
            errors[spec["name"]] = invalid.error
    return values, errors


def _is_required(spec: dict, submitted: dict, choices: Choices) -> bool:
    if spec["type"] == "items" and not items_offered(spec, choices):
        return False  # nothing listed, nothing to choose: e.g. minutes without decided items
    if spec.get("required"):
        return True
    return any(submitted.get(other) in allowed for other, allowed in spec.get("required_when", {}).items())


def _blank(raw) -> bool:
    """Nothing given. An unticked box counts as blank, so a required box must be ticked."""
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, Upload):  # a file input left empty still sends a part without a name
        return not raw.filename and not raw.content
    return raw is None or raw is False or raw == [] or raw == {}


def _empty(spec: dict):
    if spec["type"] == "items":
        return [] if spec.get("multiple") else None
    return {"units": {}, "boolean": False}.get(spec["type"])


class _Invalid(Exception):
    def __init__(self, code: str, **params):
        self.error = FieldError(code, params)


def _text(spec, raw, _choices):
    if not isinstance(raw, str):
        raise _Invalid("not_text")
    value = raw.strip()
    limit = spec.get("max_length", DEFAULT_MAX_LENGTH.get(spec["type"], 200))
    if len(value) > limit:
        raise _Invalid("too_long", max=limit)
    return value


def _integer(spec, raw, _choices):
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise _Invalid("not_integer") from None
    if "min" in spec and value < spec["min"]:
        raise _Invalid("too_small", min=spec["min"])
    if "max" in spec and value > spec["max"]:
        raise _Invalid("too_large", max=spec["max"])
    return value


def _date(_spec, raw, _choices):
    try:
        return date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise _Invalid("not_date") from None


def _datetime(_spec, raw, _choices):
    try:
        return iso(as_aware(datetime.fromisoformat(str(raw).strip())))
    except ValueError:
        raise _Invalid("not_datetime") from None


def _not_past(spec: dict, value, now: datetime):
    """A meeting proposed for a day gone by is a typo: `"min": "now"` refuses it."""
    if spec.get("min") != "now" or spec["type"] not in ("date", "datetime"):
        return value
    if spec["type"] == "datetime":
        past = datetime.fromisoformat(value) < now
    else:  # ISO dates compare as text
        past = value < now.astimezone(SHANGHAI).date().isoformat()
    if past:
        raise _Invalid("in_the_past")
    return value


def _boolean(_spec, raw, _choices):
    if isinstance(raw, bool):
        return raw
    if str(raw).lower() in ("true", "1", "on", "yes", "y"):
        return True
    if str(raw).lower() in ("false", "0", "off", "no", "n"):
        return False
    raise _Invalid("not_boolean")


def _choice(spec, raw, _choices):
    allowed = [c["value"] for c in spec["choices"]]
    if raw not in allowed:
        raise _Invalid("not_a_choice")
    return raw


def _units(spec, raw, choices: Choices):
    offered = units_in_scope(spec, choices)
    codes = [raw] if isinstance(raw, str) else list(raw)
    unknown = [code for code in codes if code not in offered]
    if unknown:
        raise _Invalid("unknown_unit", codes=", ".join(map(str, unknown)))
    ordered = [code for code in offered if code in codes]  # the body's roster order
    return {code: {"code": code, "name": offered[code]} for code in ordered}


def _items(spec, raw, choices: Choices):
    """The chosen items' numbers: a list of them, in order, for `multiple`, else one. The page
    posts them as text ("2"), the API and the CLI as numbers ([1, 3]); one number alone is a
    list of one, as one code is for a `units` field. Typed text such as "1，3" is not a number."""
    if isinstance(raw, list) and not spec.get("multiple"):
        raise _Invalid("not_item_numbers")
    given = raw if isinstance(raw, list) else [raw]
    numbers = [_item_number(value) for value in given]
    offered = items_offered(spec, choices)
    unknown = [n for n in numbers if n not in offered]
    if unknown:
        raise _Invalid("unknown_item", numbers=", ".join(map(str, unknown)), count=len(offered))
    return sorted(set(numbers)) if spec.get("multiple") else numbers[0]


def _item_number(value) -> int:
    if isinstance(value, bool):  # a bool is an int to Python, never an item's number
        raise _Invalid("not_item_numbers")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    raise _Invalid("not_item_numbers")


def _person(spec, raw, choices: Choices):
    person = choices.people.get(raw)
    if person is None or not (person[1] & set(spec["roles"])):
        raise _Invalid("not_eligible")
    return raw


def _file(_spec, raw, _choices):
    """The type, size and content checks the attachments make (docs/ATTACHMENTS.md)."""
    from engine.attachments import store as attachments  # deferred: docs/ARCHITECTURE.md, import rules

    if not isinstance(raw, Upload):
        raise _Invalid("not_file")
    try:
        attachments.check(raw.filename, raw.content)
    except InvalidData as refused:
        error = refused.errors["file"]
        raise _Invalid(error.code, **error.params) from None
    return raw


def file_value(attachment) -> dict:
    """What a `file` field puts into the task's data: the stored file named, never its bytes."""
    return {"attachment_id": attachment.id, "name": attachment.filename, "size": attachment.size}


_CLEANERS = {
    "text": _text,
    "textarea": _text,
    "integer": _integer,
    "date": _date,
    "datetime": _datetime,
    "boolean": _boolean,
    "choice": _choice,
    "units": _units,
    "items": _items,
    "person": _person,
    "file": _file,
}
