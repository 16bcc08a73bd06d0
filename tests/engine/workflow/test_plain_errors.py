"""What the XSD check and SpiffWorkflow's parser refuse is said in plain words, with the file and
the line (engine/workflow/spiff/plain_errors.py)."""

from __future__ import annotations

import pytest

from engine.workflow import deploy
from engine.workflow.spiff.parsing import BpmnProblem

GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="approval" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to_approve" sourceRef="start" targetRef="is_approval"/>
    <bpmn:userTask id="is_approval" name="审批"/>
    <bpmn:sequenceFlow id="to_end" sourceRef="is_approval" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            '<bpmn:endEvent id="end"/>',
            '<bpmn:endEvent id="end"/><bpmn:manualTask id="is_approval"/>',
            "two elements share the id 'is_approval'; ids must be unique in a file",
        ),
        (
            'sourceRef="is_approval" targetRef="end"',
            'sourceRef="is_approval" targetRef="the_end"',
            "sequence flow 'to_end' from 'is_approval' leads to 'the_end', which no element in this file has as its id",
        ),
        (
            'sourceRef="is_approval" targetRef="end"',
            'sourceRef="is_approval"',
            "bpmn:sequenceFlow lacks the attribute targetRef, which it must have",
        ),
        ('name="审批"', 'name="审批" colour="red"', "bpmn:userTask may not have the attribute colour"),
        (
            '<bpmn:endEvent id="end"/>',
            '<bpmn:endEvent id="end"/><bpmn:documentation>晚了</bpmn:documentation>',
            "bpmn:documentation is not allowed here (what may come here: bpmn:artifact,",
        ),
    ],
)
def test_a_refusal_says_what_is_wrong_in_plain_words(tmp_path, old, new, said):
    broken = GOOD.replace(old, new)
    path = tmp_path / "approval.bpmn"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(BpmnProblem) as problem:
        deploy.read_bpmn_files([path])
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if new in text)
    assert (problem.value.file, problem.value.line) == ("approval.bpmn", line)
    assert problem.value.message.startswith(said)
