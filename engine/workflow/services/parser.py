"""Reading a service task: one that names no operator is refused with how to name one — be it a
bare bpmn.io service task or one a Camunda modeler gave a class, expression or external topic —
and so is an operator or parameter SpiffWorkflow could not read (it would fail with a KeyError)."""

from __future__ import annotations

from lxml import etree
from SpiffWorkflow.bpmn.parser.util import BPMN_MODEL_NS
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.spiff.parser.task_spec import ServiceTaskParser

from engine.workflow.services import registry

SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
OPERATOR = f"{{{BPMN_MODEL_NS}}}extensionElements/{{{SPIFF}}}serviceTaskOperator"
PARAMETER = f"{{{SPIFF}}}parameter"
EXAMPLE = (
    '<bpmn:extensionElements><spiffworkflow:serviceTaskOperator id="notify_unit"><spiffworkflow:parameters>'
    '<spiffworkflow:parameter id="unit" type="str" value="\'wjj\'"/>…'
)


class OperatorTaskParser(ServiceTaskParser):
    def create_task(self):
        operator = self.node.find(OPERATOR)
        problem = _no_operator(self.node) if operator is None else _unreadable(operator)
        if problem:
            raise ValidationException(problem, node=self.node, file_name=self.filename)
        return super().create_task()


def _no_operator(task) -> str:
    camunda = [etree.QName(name).localname for name in task.attrib if etree.QName(name).namespace == CAMUNDA]
    refused = "".join(f"camunda:{name} is not supported (lianxi runs no Camunda code); " for name in camunda)
    return (
        f"{refused}a service task runs one of lianxi's operators ({registry.known()}), named in the task: "
        f"{EXAMPLE} (docs/AUTHORING.md, Service tasks)"
    )


def _unreadable(operator) -> str | None:
    if not operator.get("id"):
        return "spiffworkflow:serviceTaskOperator needs an id: the operator's name"
    for param in operator.iter(PARAMETER):
        if not param.get("id"):
            return "a spiffworkflow:parameter needs an id: the parameter's name"
        if param.get("value") is not None and not param.get("type"):
            return f'spiffworkflow:parameter {param.get("id")} needs a type, e.g. type="str"'
    return None
