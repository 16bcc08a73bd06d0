"""Camunda Modeler's attributes, read into lianxi's own task settings, or refused.

A file drawn in Camunda Modeler carries its settings in the namespace below instead of as
`spiffworkflow:properties`. A user task's owner (`assignee`, `candidateUsers`,
`candidateGroups`), deadline (`dueDate`) and form (`formKey`, `formData`) mean the same in
lianxi and become its `assignee`, `due` and `formKey` (engine.workflow.lanes settles them on the
spec). Anything else is either refused — listeners, Java classes, expressions, variable mappings:
what they would do lianxi cannot — or ignored with a warning (docs/AUTHORING.md has the table).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.bpmn.parser.util import BPMN_MODEL_NS as _BPMN

from engine.core.clock import parse_instant
from engine.workflow.forms import FormProblem, load_form

NS = "http://camunda.org/schema/1.0/bpmn"
# Read by task_settings on a user task; anywhere else they are ignored like any other.
HONOURED = {"assignee", "candidateUsers", "candidateGroups", "dueDate", "formKey", "formData"}
# Camunda runs code or moves data for these; a process without them would not do what was drawn.
REFUSED = {
    "class",
    "delegateExpression",
    "expression",
    "resultVariable",
    "type",
    "topic",
    "collection",
    "elementVariable",
    "calledElementBinding",
    "calledElementVersion",
    "calledElementVersionTag",
    "caseRef",
    "decisionRef",
    "resource",
    "variableMappingClass",
    "variableMappingDelegateExpression",
    "errorCodeVariable",
    "errorMessageVariable",
    "taskListener",
    "executionListener",
    "inputOutput",
    "in",
    "out",
    "connector",
    "field",
}
_VARIABLE = re.compile(r"^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$")  # ${name}: the one expression read
_DAYS = re.compile(r"^P(?:(\d+)W|(\d+)D)$")  # an ISO duration lianxi's add_days can add
_FORM_KEY = re.compile(r"^[A-Za-z0-9_.-]+$")  # forms/<key>.json, not Camunda's embedded:… or camunda-forms:…
# Camunda's form field types → lianxi's (engine.workflow.forms).
_FIELD_TYPES = {"string": "text", "long": "integer", "boolean": "boolean", "date": "date", "enum": "choice"}


class CamundaProblem(ValueError):
    """An attribute lianxi cannot honour; `element` is where it is written, for its line."""

    def __init__(self, element, message: str):
        self.element = element
        super().__init__(f"{label(element)}: {message}")


@dataclass(frozen=True)
class Settings:
    """What a user task's Camunda attributes say, in lianxi's words."""

    properties: dict[str, str]  # lianxi task properties they stand for: assignee, due, formKey
    owner: tuple[str, ...] = ()  # role names, a unit code or a user name, read as a lane name is
    form: dict | None = None  # the form camunda:formData describes, under properties["formKey"]
    warnings: tuple[str, ...] = ()


def task_settings(element, form_key: str) -> Settings:
    """The Camunda attributes of a user task; `form_key` names the form its formData becomes."""
    found, owner, warnings = _owner(element)
    due = _attribute(element, "dueDate")
    if due:
        found["due"] = _due(element, due)
    form, form_warnings = _form(element, form_key, found)
    return Settings(found, owner, form, (*warnings, *form_warnings))


def unsupported(tree, process_id: str) -> Iterator[tuple[object, str, bool]]:
    """(element, message, refused) for each Camunda attribute or extension of the process that
    lianxi does not honour: refused ones stop the deploy, the others are ignored with a warning."""
    process = next(p for p in tree.iter(f"{{{_BPMN}}}process") if p.get("id") == process_id)
    for element in process.iter(etree.Element):
        # An extension is read on the element whose extensionElements hold it.
        holder = element.getparent().getparent() if etree.QName(element).namespace == NS else element
        user_task = etree.QName(holder).localname == "userTask"
        for name in _camunda_names(element):
            if not (user_task and name in HONOURED):
                yield _verdict(element, name)


def _camunda_names(element) -> list[str]:
    """The element's Camunda attributes, and its own name if it is a Camunda extension (not a
    part of one, such as a formData's formField)."""
    names = [etree.QName(name).localname for name in element.attrib if etree.QName(name).namespace == NS]
    if etree.QName(element).namespace == NS and etree.QName(element.getparent()).localname == "extensionElements":
        names.append(etree.QName(element).localname)
    return names


def label(element) -> str:
    """The BPMN element an attribute or extension belongs to, as `userTask review`."""
    found = (e for e in (element, *element.iterancestors()) if etree.QName(e).namespace == _BPMN and e.get("id"))
    carrier = next(found, element)
    return f"{etree.QName(carrier).localname} {carrier.get('id', '')}".strip()


def _verdict(element, name: str) -> tuple[object, str, bool]:
    if name in REFUSED:
        return element, f"{label(element)}: camunda:{name} is not supported (lianxi runs no Camunda code)", True
    return element, f"{label(element)}: camunda:{name} is ignored", False


def _attribute(element, name: str) -> str:
    return (element.get(f"{{{NS}}}{name}") or "").strip()


def _owner(element) -> tuple[dict[str, str], tuple[str, ...], list[str]]:
    """Camunda's assignee wins over its candidates, as it does in Camunda. lianxi gives a task
    one owner: several candidate users are refused; several groups are left to the lanes, which
    take them only as the roles of one lane."""
    given = [(n, _attribute(element, n)) for n in ("assignee", "candidateUsers", "candidateGroups")]
    given = [(name, value) for name, value in given if value]
    if not given:
        return {}, (), []
    (name, value), *rest = given
    warnings = [f"camunda:{other} is ignored: camunda:{name} names the owner" for other, _ in rest]
    names = tuple(each.strip() for each in value.split(",") if each.strip())
    if len(names) > 1 and name != "candidateGroups":
        raise CamundaProblem(element, f"camunda:{name} {value!r} names {len(names)} owners; a lianxi task has one")
    variable = _VARIABLE.match(names[0])
    if variable and len(names) == 1:
        return {"assignee": variable[1]}, (), warnings
    if any(each[:2] in ("${", "#{") for each in names):
        raise CamundaProblem(element, f"camunda:{name} {value!r}: of expressions only ${{variable}} is understood")
    return {}, names, warnings


def _due(element, value: str) -> str:
    """lianxi's `due` expression: a variable, a fixed date, or so many days after the task opens."""
    variable, days = _VARIABLE.match(value), _DAYS.match(value)
    if variable:
        return variable[1]
    if days:
        return f"add_days(now_iso(), {int(days[1]) * 7 if days[1] else int(days[2])})"
    try:
        parse_instant(value)
    except ValueError:
        raise CamundaProblem(
            element, f"camunda:dueDate {value!r} is not an ISO date, days or weeks (P3D, P2W) or ${{variable}}"
        ) from None
    return repr(value)


def _form(element, form_key: str, found: dict[str, str]) -> tuple[dict | None, list[str]]:
    key = _attribute(element, "formKey")
    form_data = element.find(f"{{{_BPMN}}}extensionElements/{{{NS}}}formData")
    if key and form_data is not None:
        raise CamundaProblem(element, "give camunda:formKey or camunda:formData, not both")
    if key:
        if not _FORM_KEY.match(key):
            raise CamundaProblem(element, f"camunda:formKey {key!r}: lianxi reads forms/<key>.json beside the file")
        found["formKey"] = key
    if form_data is None:
        return None, []
    parts = [_field(each) for each in form_data.iterfind(f"{{{NS}}}formField")]
    form = {"fields": [field for field, _ in parts]}
    try:  # lianxi's own checks, as for a form file: names, choices
        load_form(label(form_data), json.dumps(form))
    except FormProblem as exc:
        raise CamundaProblem(form_data, f"camunda:formData: {exc.message}") from None
    found["formKey"] = form_key
    return form, [warning for _, warnings in parts for warning in warnings]


def _field(element) -> tuple[dict, list[str]]:
    name, kind = element.get("id", ""), element.get("type", "string")
    if kind not in _FIELD_TYPES:
        kinds = ", ".join(_FIELD_TYPES)
        raise CamundaProblem(element, f"camunda:formField {name}: type {kind!r} is not one of {kinds}")
    field = {"name": name, "type": _FIELD_TYPES[kind], "label": element.get("label") or name}
    if kind == "enum":
        values = element.iterfind(f"{{{NS}}}value")
        field["choices"] = [{"value": v.get("id"), "label": v.get("name") or v.get("id")} for v in values]
    # A lianxi field starts empty or from the data it names (default_from), never from a constant.
    warnings = [f"camunda:formField {name}: defaultValue is ignored"] if element.get("defaultValue") else []
    for constraint in element.iterfind(f"{{{NS}}}validation/{{{NS}}}constraint"):
        if not _constrain(field, constraint.get("name"), constraint.get("config")):
            warnings.append(f"camunda:formField {name}: constraint {constraint.get('name')!r} is ignored")
    return field, warnings


def _constrain(field: dict, name: str | None, config: str | None) -> bool:
    """Puts a Camunda constraint on the field as lianxi writes it; False if lianxi has none such."""
    if name == "required":
        field["required"] = True
        return True
    limits = {("integer", "min"): "min", ("integer", "max"): "max", ("text", "maxlength"): "max_length"}
    if (field["type"], name) in limits and config and config.strip().lstrip("-").isdigit():
        field[limits[field["type"], name]] = int(config)
        return True
    return False
