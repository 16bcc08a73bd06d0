"""YAML read through PyYAML's composed node tree, so every value keeps the line it was written on.

Scalars are read more plainly than YAML 1.1 would: a date stays the text it was written as (the
loader parses and checks it, so 2024-02-30 is an error on its line rather than a crash), and only
`true`/`false` are booleans — `NO`, `yes`, `on` stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from engine.plans.errors import PlanError

Path = tuple  # of str keys and int indexes, as jsonschema's error.absolute_path gives them

BOOLEANS = {"true": True, "false": False}
NUMBERS = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float}


@dataclass
class Document:
    value: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int:
        """The line of the value at `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def field_name(path: Path) -> str:
    """('deliverables', 3, 'rule', 'month') -> 'deliverables[3].rule.month'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(plan)"


def read(text: str, file: str) -> Document:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PlanError(file, mark.line + 1 if mark else None, "(yaml)", _yaml_problem(exc)) from exc
    if node is None:
        raise PlanError(file, 1, "(plan)", "the file is empty")
    document = Document(None)
    faults: list[PlanError] = []
    document.value = _value(node, (), document, faults, file)
    if faults:
        raise PlanError.many(faults)
    return document


def _yaml_problem(exc: yaml.YAMLError) -> str:
    return " ".join(str(getattr(exc, "problem", None) or exc).split())


def _value(node, path: Path, document: Document, faults: list, file: str):
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, document, faults, file)
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, (*path, i), document, faults, file) for i, item in enumerate(node.value)]
    return _scalar(node)


def _mapping(node, path: Path, document: Document, faults: list, file: str) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        key = str(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else None
        line = key_node.start_mark.line + 1
        if key is None:
            faults.append(PlanError(file, line, field_name(path), "a key must be plain text"))
        elif key in result:
            faults.append(PlanError(file, line, field_name((*path, key)), "written twice"))
        else:
            result[key] = _value(value_node, (*path, key), document, faults, file)
            document.lines[(*path, key)] = line
    return result


def _scalar(node: yaml.ScalarNode):
    if node.style or node.tag == "tag:yaml.org,2002:str":
        return node.value  # quoted, or plain text
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return BOOLEANS.get(node.value.lower(), node.value)
    if node.tag in NUMBERS:
        try:
            return NUMBERS[node.tag](node.value.replace("_", ""))
        except ValueError:
            return node.value  # 0x1F, 1:30 and other YAML 1.1 curiosities: the schema says what is wanted
    return node.value  # timestamps and anything else: the text as written
