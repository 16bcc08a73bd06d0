"""Multi-instance collections that a modeler keeps.

`loopDataInputRef` and `loopDataOutputRef` are references by id in BPMN: bpmn.io and Camunda
Modeler (bpmn-moddle) drop one that names no element when they open and save a file, and the
saved file no longer deploys. SpiffWorkflow reads and writes the collection in the task data
under the reference's text, and ignores a `bpmn:property`; so a property of that id declares the
variable for the modeler without changing what runs. Only deploying asks for it: versions stored
before keep running as they are (docs/AUTHORING.md, Multi-instance collections).
"""

from __future__ import annotations

from lxml import etree

from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess

_NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}


def check(process: ParsedProcess) -> None:
    """Refuses the first collection of the process's file that no `bpmn:property` declares."""
    tree = process.trees[process.file]
    declared = set(tree.xpath("//bpmn:property/@id", namespaces=_NS))
    for ref in tree.xpath("//bpmn:loopDataInputRef | //bpmn:loopDataOutputRef", namespaces=_NS):
        if ref.text not in declared:
            task = ref.getparent().getparent().get("id")
            raise BpmnProblem(
                process.file,
                ref.sourceline,
                f"task {task}: {etree.QName(ref).localname} {ref.text!r} is declared by no bpmn:property, and a "
                f"modeler drops an undeclared collection on save; declare it in the process: "
                f'<bpmn:property id="{ref.text}" name="{ref.text}" />',
            )
