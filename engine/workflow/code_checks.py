"""Every piece of code a BPMN file carries, compiled in the sandbox when it is deployed: a typo or
a construct the sandbox refuses (engine.workflow.spiff.script_policy) is then the deployer's error,
naming the file, its line and the element, instead of an incident in every running instance.

The code is read from the XML rather than from SpiffWorkflow's specs: a spec keeps a condition
without the id of its sequence flow, and the XML knows the line each piece of code starts on.
Task properties that are expressions (`assignee`, `due`) are compiled by engine.workflow.properties.
"""

from __future__ import annotations

from lxml import etree

from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess
from engine.workflow.spiff.scripting import ScriptError, compile_code

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"

# The elements whose text SpiffWorkflow runs (statements) or evaluates (an expression), and what
# a deployer calls them.
CODE = {
    (BPMN, "script"): ("exec", "script"),
    (SPIFF, "preScript"): ("exec", "pre-script"),
    (SPIFF, "postScript"): ("exec", "post-script"),
    (BPMN, "conditionExpression"): ("eval", "condition"),
    (BPMN, "condition"): ("eval", "condition"),  # a conditional event's
    (BPMN, "loopCardinality"): ("eval", "loop cardinality"),
    (BPMN, "completionCondition"): ("eval", "completion condition"),
    (BPMN, "timeDate"): ("eval", "timer date"),
    (BPMN, "timeDuration"): ("eval", "timer duration"),
    (BPMN, "timeCycle"): ("eval", "timer cycle"),
    (SPIFF, "messagePayload"): ("eval", "message payload"),
}
_CONTAINERS = {"process", "subProcess", "transaction", "adHocSubProcess"}


def refuse_broken(process: ParsedProcess, files: set[str]) -> None:
    """BpmnProblem for the first piece of code in `files` (the process's own) that does not compile."""
    for file in sorted(files & process.trees.keys()):
        for element in process.trees[file].iter(etree.Element):
            problem = _problem(element)
            if problem:
                line, message = problem
                raise BpmnProblem(file, line, message)


def _problem(element) -> tuple[int, str] | None:
    name = etree.QName(element)
    mode, kind = CODE.get((name.namespace, name.localname), (None, None))
    source = element.text or ""
    if mode is None or not source.strip():
        return None
    try:
        compile_code(source, mode)
    except ScriptError as exc:
        # A script keeps its leading lines (compile_code only dedents it); an expression is stripped.
        skipped = 0 if mode == "exec" else source[: len(source) - len(source.lstrip())].count("\n")
        line = element.sourceline + skipped + (exc.line or 1) - 1
        return line, f"{_owner(element)}: {kind}: {exc.problem}"
    return None


def _owner(element) -> str:
    """The flow element the code belongs to (a task, an event, a sequence flow), by id and name:
    the ancestor that sits directly in a process or subprocess."""
    node = element
    while node.getparent() is not None and etree.QName(node.getparent()).localname not in _CONTAINERS:
        node = node.getparent()
    name = f" ({node.get('name')})" if node.get("name") else ""
    return f"{node.get('id') or etree.QName(node).localname}{name}"
