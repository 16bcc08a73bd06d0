"""What deploying checks of each service task: that lianxi has its operator, that it gives the
operator's parameters and only those, that each value compiles in the sandbox, and that a literal
value is one the operator takes (a URL outside the allowed hosts, a date that is none). A value
computed from the task data is checked when the step runs; a bad one fails it as an incident."""

from __future__ import annotations

import ast

from engine.workflow.services import registry
from engine.workflow.services.base import Operator
from engine.workflow.services.parser import OPERATOR, PARAMETER
from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess
from engine.workflow.spiff.scripting import ScriptError, compile_code

_TASK = "{http://www.omg.org/spec/BPMN/20100524/MODEL}serviceTask"
_COMPUTED = object()  # a value that is an expression, not a literal


def refuse_bad(process: ParsedProcess, files: set[str]) -> None:
    """BpmnProblem for the first service task in `files` (the process's own) that is wrong."""
    for file in sorted(files & process.trees.keys()):
        for task in process.trees[file].iter(_TASK):
            found = _problem(task.find(OPERATOR))
            if found:
                element, problem = found
                raise BpmnProblem(file, element.sourceline, f"serviceTask {task.get('id')}: {problem}")


def _problem(operator) -> tuple[object, str] | None:
    named = registry.OPERATORS.get(operator.get("id"))
    if named is None:
        return operator, f"operator {operator.get('id')!r} is not one lianxi has ({registry.known()})"
    params = {element.get("id"): element for element in operator.iter(PARAMETER)}
    problems = named.param_problems(set(params))
    if problems:
        return operator, f"{named.name} {'; '.join(problems)}"
    for name, element in params.items():
        problem = _value_problem(named, name, element.get("value"))
        if problem:
            return element, f"{named.name}: parameter {name!r} {problem}"
    return None


def _value_problem(operator: Operator, name: str, value: str | None) -> str | None:
    if value is None:
        return "has no value: an expression over the task data, e.g. value=\"'text'\""
    try:
        compile_code(value, "eval")
    except ScriptError as exc:
        return f"does not compile: {exc.problem}"
    literal = _literal(value)
    return None if literal is _COMPUTED else operator.params[name].problem(literal)


def _literal(value: str) -> object:
    try:
        return ast.literal_eval(value.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _COMPUTED
