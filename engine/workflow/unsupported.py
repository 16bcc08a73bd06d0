"""What a modeler can draw that lianxi does not run yet, refused at deploy with its line rather
than deployed to wait for ever (docs/AUTHORING.md, BPMN elements supported).

An event subprocess started by a message or a signal: SpiffWorkflow catches the event, but an
instance's record of what it waits for (engine.workflow.spiff.events) lists only catch events
already reached, so `lianxi message send` would find no instance waiting for it.
"""

from __future__ import annotations

from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess

_NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
_EVENT_STARTS = (
    "//bpmn:subProcess[@triggeredByEvent='true']/bpmn:startEvent"
    "[bpmn:messageEventDefinition or bpmn:signalEventDefinition]"
)


def refuse(process: ParsedProcess) -> None:
    for start in process.trees[process.file].xpath(_EVENT_STARTS, namespaces=_NS):
        subprocess = start.getparent().get("id")
        raise BpmnProblem(
            process.file,
            start.sourceline,
            f"event subprocess {subprocess}: a start by a message or signal is not supported yet; "
            f"draw a subprocess with a boundary message or signal event instead",
        )
