"""What a modeler can draw that lianxi does not run yet, refused at deploy with its line rather
than deployed to wait for ever (docs/AUTHORING.md, BPMN elements supported).

An event subprocess started by a message or a signal: SpiffWorkflow catches the event, but an
instance's record of what it waits for (engine.workflow.spiff.events) lists only catch events
already reached, so `lianxi message send` would find no instance waiting for it.

A data store: SpiffWorkflow has none unless the application registers a class for it, and lianxi
keeps a process's data with the process. Checked before SpiffWorkflow reads the files, which
refuses a store without a line and a task's association with one as a missing data object.
"""

from __future__ import annotations

from engine.workflow.spiff.decision_tables import is_decision_file
from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess, read_xml

_NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
_EVENT_STARTS = (
    "//bpmn:subProcess[@triggeredByEvent='true']/bpmn:startEvent"
    "[bpmn:messageEventDefinition or bpmn:signalEventDefinition]"
)

_DATA_STORES = "//bpmn:dataStore | //bpmn:dataStoreReference"


def refuse_data_stores(sources: dict[str, str]) -> None:
    for file, xml in sources.items():
        if is_decision_file(file):
            continue
        tree = read_xml(file, xml)
        for store in tree.xpath(_DATA_STORES, namespaces=_NS):
            raise BpmnProblem(file, store.sourceline, _data_store_problem(tree, store))


def _data_store_problem(tree, store) -> str:
    name = f" ({store.get('name')})" if store.get("name") else ""
    users = tree.xpath(
        "//*[(bpmn:dataInputAssociation/bpmn:sourceRef | bpmn:dataOutputAssociation/bpmn:targetRef) = $id]/@id",
        namespaces=_NS,
        id=store.get("id"),
    )
    used = f", used by {', '.join(users)}" if users else ""
    return (
        f"data store {store.get('id')}{name}{used}: lianxi has no data stores (a process keeps its data itself); "
        "delete the data store and its data associations, or draw a data object in its place"
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
