"""Reading a plan file: YAML with lines, then the JSON Schema, then the dates and meanings.

Every fault found at a stage is reported together (the stages build on each other, so a later
stage runs only once the earlier ones are clean)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from engine.plans import checks, notes
from engine.plans.build import Builder
from engine.plans.errors import PlanError
from engine.plans.model import Plan
from engine.plans.yamltree import Document, field_name, read

SCHEMA = json.loads(resources.files("engine.plans").joinpath("plan.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DATE_PATTERN = SCHEMA["$defs"]["date"]["pattern"]
CODE_PATTERN = SCHEMA["$defs"]["code"]["pattern"]
REQUIRED = re.compile(r"^'(.+)' is a required property$")


def load_plan(path) -> Plan:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(str(path), None, "(file)", f"cannot be read: {exc}") from exc
    return parse_plan(text, str(path))


def parse_plan(text: str, file: str) -> Plan:
    return _parse(text, file)[0]


def plan_notes(path) -> list[PlanError]:
    """What a file written in the older format should change (engine/plans/notes.py), line by line;
    the file must load (else PlanError)."""
    path = Path(path)
    plan, document = _parse(path.read_text(encoding="utf-8"), str(path))
    found = [PlanError(str(path), document.line(at), field_name(at), message) for at, message in notes.notes(plan)]
    return sorted(found, key=lambda note: note.line)


def _parse(text: str, file: str) -> tuple[Plan, Document]:
    document = read(text, file)
    _raise_any(file, document, [f for error in VALIDATOR.iter_errors(document.value) for f in _explain(error)])
    builder = Builder(document, file)
    plan = builder.plan()
    _raise_any(file, document, builder.faults)
    _raise_any(file, document, checks.faults(plan))
    return plan, document


def _raise_any(file: str, document: Document, faults: list[tuple[tuple, str]]) -> None:
    if not faults:
        return
    errors = sorted(
        {(document.line(path), field_name(path), message) for path, message in faults},
        key=lambda f: (f[0], f[1], f[2]),
    )
    raise PlanError.many([PlanError(file, line, field, message) for line, field, message in errors])


def _explain(error: ValidationError) -> list[tuple[tuple, str]]:
    """A schema error in the words of the plan's author, at the field it concerns."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        return [((*path, REQUIRED.match(error.message).group(1)), "is missing")]
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        return [((*path, key), "is not a field here") for key in error.instance if key not in known]
    if error.validator == "pattern" and error.validator_value == DATE_PATTERN:
        return [(path, f"{error.instance!r} is not a date written YYYY-MM-DD")]
    if error.validator == "pattern" and error.validator_value == CODE_PATTERN:
        return [(path, f"{error.instance!r} is not a code (lowercase letters, digits, _ . -)")]
    if error.validator in ("anyOf", "oneOf") and error.context:
        return [(path, best_match(error.context).message)]
    return [(path, error.message)]
