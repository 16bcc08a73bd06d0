"""What SpiffWorkflow's parser and the XSD check say, in plain words: lxml speaks of "the atomic
type 'xs:ID'" where a modeler's user needs "two elements share the id", and SpiffWorkflow of "two
items, perhaps a form" where a sequence flow leads nowhere. A message no rule reads is kept as it
was, its namespaces shortened to the prefixes people write."""

from __future__ import annotations

import re
from collections.abc import Callable

_PREFIXES = {
    "http://www.omg.org/spec/BPMN/20100524/MODEL": "bpmn",
    "http://www.omg.org/spec/BPMN/20100524/DI": "bpmndi",
    "http://www.omg.org/spec/DD/20100524/DC": "dc",
    "http://www.omg.org/spec/DD/20100524/DI": "di",
    "http://spiffworkflow.org/bpmn/schema/1.0/core": "spiffworkflow",
    "http://camunda.org/schema/1.0/bpmn": "camunda",
}
_ELEMENT = r"Element '(?P<element>[^']+)'"


def plain(message: str, tree, element_id: str = "") -> tuple[str, int | None]:
    """`message` in plain words, and the line of the element they name when that is not the one
    blamed (a sequence flow leading nowhere, not the task it leaves); `tree` is the file's lxml
    root (or None), `element_id` the element SpiffWorkflow blamed, if it named one."""
    message = _short_names(message).rstrip(". ")
    for pattern, say in _RULES:
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found:
            said = say(found, tree, element_id)
            return said if isinstance(said, tuple) else (said, None)
    return message, None


def _short_names(message: str) -> str:
    """`{http://www.omg.org/spec/BPMN/20100524/MODEL}userTask` → `bpmn:userTask`."""
    return re.sub(r"\{([^}]+)\}", lambda m: f"{_PREFIXES[m[1]]}:" if m[1] in _PREFIXES else m[0], message)


def _bad_id(found: re.Match, tree, _element_id: str) -> str:
    """lxml says the same of an id used twice and of one no id may be (`9a`, `a b`)."""
    value = found["value"]
    if tree is not None and len(tree.xpath("//*[@id=$id]", id=value)) > 1:
        return _shared(value)
    return (
        f"{found['element']}: {value!r} cannot be an id (an id starts with a letter or _, and has no spaces or colons)"
    )


def _shared(value: str) -> str:
    return f"two elements share the id {value!r}; ids must be unique in a file"


def _unexpected(found: re.Match, _tree, _element_id: str) -> str:
    expected = found["expected"]
    said = f"{found['element']} is not allowed here"
    return f"{said} (what may come here: {expected.strip()})" if expected else said


def _flow_to_nowhere(found: re.Match, tree, element_id: str) -> tuple[str, int | None]:
    target = found["target"]
    flows = tree.xpath("//*[@sourceRef=$s and @targetRef=$t]", s=element_id, t=target) if tree is not None else []
    flow = f"sequence flow {flows[0].get('id')!r}" if flows else "a sequence flow"
    said = f"{flow} from {element_id!r} leads to {target!r}, which no element in this file has as its id"
    return said, flows[0].sourceline if flows else None


_RULES: list[tuple[str, Callable[[re.Match, object, str], str | tuple[str, int | None]]]] = [
    (
        _ELEMENT + r", attribute 'id': '(?P<value>[^']*)' is not a valid value of the atomic type 'xs:ID'",
        _bad_id,
    ),
    (
        _ELEMENT + r": Duplicate key-sequence \['(?P<value>[^']*)'\].*",
        lambda found, *_: _shared(found["value"]),
    ),
    (
        r"Duplicate process ID: (?P<value>.+)",
        lambda found, *_: _shared(found["value"]),
    ),
    (
        _ELEMENT + r": This element is not expected\.(?: Expected is(?: one of)? \((?P<expected>[^)]*)\))?",
        _unexpected,
    ),
    (
        _ELEMENT + r": The attribute '(?P<attribute>[^']+)' is required but missing",
        lambda found, *_: f"{found['element']} lacks the attribute {found['attribute']}, which it must have",
    ),
    (
        _ELEMENT + r", attribute '(?P<attribute>[^']+)': The attribute '[^']+' is not allowed",
        lambda found, *_: f"{found['element']} may not have the attribute {found['attribute']}",
    ),
    (
        _ELEMENT + r", attribute '(?P<attribute>[^']+)': '(?P<value>[^']*)' is not a valid value of (?P<kind>.+)",
        lambda found, *_: (
            f"{found['element']}: {found['attribute']}={found['value']!r} is not a valid value ({found['kind']})"
        ),
    ),
    (
        r"When looking for a task spec, we found two items, perhaps a form has the same ID\? \((?P<target>[^)]*)\)",
        _flow_to_nowhere,
    ),
    (
        r"Cannot resolve data(?P<way>Input|Output)Association (?P<name>.+)",
        lambda found, _tree, element_id: (
            f"{element_id or 'a task'} {'reads' if found['way'] == 'Input' else 'writes'} {found['name']!r}, "
            "which no data object of the process has"
        ),
    ),
]
