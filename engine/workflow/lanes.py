"""An owner for every task of a diagram drawn in any modeler: lanes read by their name, in
Chinese or English, or by the process's own `lane:<name>` properties; Camunda Modeler's owner,
deadline and form attributes (engine.workflow.camunda); and, for a task none of these names, the
process's `default_owner`, the office unless it says otherwise (docs/AUTHORING.md, "What a
modeler file needs").

`settle` runs on every parsed process (engine.workflow.spiff.parsing), at deploy and when a
deployed spec is loaded alike. A task whose owner is a role gets that role's code as its lane, as
lianxi's own lanes are named; one whose owner is a unit or a person gets an `assignee` naming it.
The inbox, the access rules and the reminders then read the settled spec as they read lianxi's
own. What deploy should tell the operator stays on the spec (`warnings_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.bpmn.parser.util import BPMN_MODEL_NS as _BPMN
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.spiff.parser.task_spec import SPIFFWORKFLOW_NSMAP

from engine.org.models import LANE_ROLES
from engine.workflow import camunda, properties

DEFAULT_OWNER = "office"
# What a lane may be called for each of lianxi's roles (engine.org.models.LANE_ROLES), compared
# without case, spaces, `_` or `-`. Member units have no lane: a unit's task names it (`assignee`).
_ROLE_NAMES = {
    "office": ("office", "办公室", "联席会议办公室"),
    "office_director": ("office director", "办公室主任"),
    "convener": ("convener", "召集人"),
    "mediator": ("mediator", "调解", "调解人"),
}
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,79}$")  # a unit code or a user name
_SPIFF = SPIFFWORKFLOW_NSMAP["spiffworkflow"]
_WARNINGS, _FORM = "lianxi_warnings", "lianxi_form"  # where a settled task spec keeps them


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


_BY_NAME = {_key(name): role for role, names in _ROLE_NAMES.items() for name in names}


@dataclass(frozen=True)
class Owner:
    role: str | None = None  # a LANE_ROLES key
    assignee: str | None = None  # a unit code or a user name, as an `assignee` gives one


def role_named(name: str | None) -> str | None:
    return _BY_NAME.get(_key(name)) if name else None


def owner_named(name: str) -> Owner | None:
    """A role by any of its names, else a unit code or a user name; None if it can be neither."""
    role = role_named(name)
    if role:
        return Owner(role=role)
    return Owner(assignee=name) if _CODE.match(name) else None


def settle(spec, node, file: str, process_spec) -> None:
    """Settles the owner, deadline and form of every manual task of `spec` (a process or an
    embedded subprocess, drawn by `node`) by the properties of `process_spec`, its process."""
    default, lanes, warn_default = _process_owners(process_spec, node, file)
    for task_spec in spec.task_specs.values():
        if not task_spec.manual:
            continue
        element = node.xpath(".//*[@id=$id]", id=task_spec.bpmn_id)[0]
        raw = task_spec.extensions.setdefault("properties", {})
        named = _adopt_camunda(task_spec, element, raw, file, f"{spec.name}.{task_spec.bpmn_id}")
        if "assignee" in raw:  # lianxi's own, or Camunda's ${variable}: the lane stays as drawn
            continue
        owner, warning = _owner(task_spec, element, named, lanes, default, file)
        if warning and (task_spec.lane is not None or warn_default):
            task_spec.extensions.setdefault(_WARNINGS, []).append(warning)
        if owner.role:
            task_spec.lane = owner.role
        else:
            raw["assignee"] = repr(owner.assignee)


def written_in(sources: dict[str, str], trees: dict, given: dict[str, str]) -> dict[str, str]:
    """The sources with the lanes an operator mapped at deploy (`--lane 审批人=office_director`)
    written into each process having such a lane, as its own `lane:<name>` property: the version
    deployed then says who its tasks go to, whoever loads it later. `trees` are the sources
    parsed, and are changed. Raises LaneProblem for a lane no process has."""
    written, unused = dict(sources), set(given)
    for file, root in trees.items():
        for process in root.iterfind(f"{{{_BPMN}}}process"):
            drawn = {lane.get("name") for lane in process.iter(f"{{{_BPMN}}}lane")} & set(given)
            for lane in drawn:
                _set_property(process, f"{properties.LANE_PREFIX}{lane}", given[lane])
            if drawn:
                declared = sources[file].lstrip().startswith("<?xml")  # so every line stays where it was
                text = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=declared)
                written[file] = text.decode("utf-8")
            unused -= drawn
    if unused:
        raise LaneProblem(f"no process has a lane named {', '.join(map(repr, sorted(unused)))}")
    return written


class LaneProblem(ValueError):
    """A lane mapping given at deploy that fits no process."""


def _set_property(process, name: str, value: str) -> None:
    """Kept on the lines they were: a new element goes at the end of the line before."""
    extensions = process.find(f"{{{_BPMN}}}extensionElements")
    if extensions is None:
        extensions = etree.SubElement(process, f"{{{_BPMN}}}extensionElements")  # the file's prefix
        documentation = process.findall(f"{{{_BPMN}}}documentation")
        process.insert(process.index(documentation[-1]) + 1 if documentation else 0, extensions)
    found = extensions.find(f"{{{_SPIFF}}}properties")
    if found is None:
        found = etree.SubElement(extensions, f"{{{_SPIFF}}}properties", nsmap={"spiffworkflow": _SPIFF})
    same = found.xpath("./s:property[@name=$name]", namespaces={"s": _SPIFF}, name=name)
    (same[0] if same else etree.SubElement(found, f"{{{_SPIFF}}}property", name=name)).set("value", value)


def warnings_of(task_spec) -> list[str]:
    return task_spec.extensions.get(_WARNINGS, [])


def form_of(task_spec) -> dict | None:
    """The form the task's camunda:formData describes, under its `formKey`."""
    return task_spec.extensions.get(_FORM)


def _process_owners(process_spec, node, file: str) -> tuple[Owner, dict[str, Owner], bool]:
    """The default owner, the owners of mapped lanes, and whether a task left to an unstated
    default is worth a warning (it is: the process never said the office should have it)."""
    process_node = next((n for n in (node, *node.iterancestors()) if etree.QName(n).localname == "process"), node)
    try:
        read = properties.of_process(process_spec)
    except properties.PropertyProblem as exc:
        raise _refusal(process_node, file, f"process {process_node.get('id')}: {exc}") from exc
    named = {"default_owner": read.default_owner or DEFAULT_OWNER}
    named |= {f"{properties.LANE_PREFIX}{lane}": value for lane, value in read.lanes.items()}
    owners = {}
    for name, value in named.items():
        owners[name] = owner_named(value)
        if owners[name] is None:
            message = f"process {process_node.get('id')}: {name} {value!r} is not a role, a unit code or a user name"
            raise _refusal(process_node, file, message)
    lanes = {lane: owners[f"{properties.LANE_PREFIX}{lane}"] for lane in read.lanes}
    return owners["default_owner"], lanes, not read.default_owner


def _adopt_camunda(task_spec, element, raw: dict, file: str, form_key: str) -> tuple[str, ...]:
    """A user task's Camunda attributes as lianxi's properties (its own, if it has them, win);
    returns the owner Camunda names literally, to be read as a lane name is."""
    if etree.QName(element).localname != "userTask":
        return ()
    try:
        found = camunda.task_settings(element, form_key)
    except camunda.CamundaProblem as exc:
        raise _refusal(exc.element, file, str(exc)) from exc
    for name, value in found.properties.items():
        raw.setdefault(name, value)
    if found.form is not None and raw["formKey"] == found.properties["formKey"]:
        task_spec.extensions[_FORM] = found.form
    task_spec.extensions.setdefault(_WARNINGS, []).extend(found.warnings)
    return found.owner


def _owner(task_spec, element, named, lanes, default, file) -> tuple[Owner, str | None]:
    if named:
        return _camunda_owner(named, element, file), None
    lane = task_spec.lane
    if lane in lanes:
        return lanes[lane], None
    if role_named(lane):
        return Owner(role=role_named(lane)), None
    to = default.role or default.assignee
    if lane is None:
        return default, f"no lane or assignee names its owner: it goes to {to}, the default owner"
    roles = ", ".join(LANE_ROLES)
    return default, f"lane {lane!r} is not a role ({roles}) nor mapped (lane:{lane}): it goes to {to}, the default"


def _camunda_owner(names: tuple[str, ...], element, file: str) -> Owner:
    """One owner named; or candidate groups that are together the roles of one lane (the
    convener and the office director: the mediator)."""
    if len(names) == 1:
        owner = owner_named(names[0])
    else:
        roles = [role_named(name) for name in names]
        held = frozenset().union(*(LANE_ROLES[role] for role in roles if role))
        lane = next((lane for lane, its in LANE_ROLES.items() if its == held and None not in roles), None)
        owner = Owner(role=lane) if lane else None
    if owner is None:
        message = f"owner {', '.join(names)!r} is not a role, a unit code or a user name, nor the roles of one lane"
        raise _refusal(element, file, f"{camunda.label(element)}: {message}")
    return owner


def _refusal(element, file: str, message: str) -> ValidationException:
    """Refused as SpiffWorkflow refuses a file, so the parser names its file and line."""
    return ValidationException(message, file_name=file, line_number=element.sourceline)
