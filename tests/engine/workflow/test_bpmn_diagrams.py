"""Each BPMN opens in a standard modeler with its diagram: a modeler draws only what the
BPMNDiagram places, so every flow node needs a shape with bounds, every sequence flow an edge
with its waypoints, and every plane must stand for a process or collaboration of the file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

WORKFLOWS = Path(__file__).resolve().parents[3] / "workflows"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
# What a process holds that a modeler draws as a node of the flow.
FLOW_NODES = {
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "userTask",
    "scriptTask",
    "serviceTask",
    "manualTask",
    "task",
    "sendTask",
    "receiveTask",
    "businessRuleTask",
    "callActivity",
    "subProcess",
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
}
FILES = sorted(WORKFLOWS.glob("*.bpmn"))


def _elements(root: ET.Element, names: set[str]) -> list[str]:
    return [e.get("id") for e in root.iter() if e.tag.startswith(BPMN) and e.tag[len(BPMN) :] in names]


def _drawn(root: ET.Element, tag: str) -> dict[str, ET.Element]:
    return {e.get("bpmnElement"): e for e in root.iter(BPMNDI + tag)}


def test_there_are_processes_to_check():
    assert {"full_meeting.bpmn", "special_meeting.bpmn", "office_meeting.bpmn"} <= {f.name for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_flow_node_has_a_shape_with_bounds(path):
    root = ET.parse(path).getroot()
    shapes = _drawn(root, "BPMNShape")
    missing = [node for node in _elements(root, FLOW_NODES) if node not in shapes]
    unbounded = [node for node in _elements(root, FLOW_NODES) if node in shapes and _bounds(shapes[node]) is None]
    assert not missing, f"{path.name}: no BPMNShape for {missing}"
    assert not unbounded, f"{path.name}: no dc:Bounds for {unbounded}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_sequence_flow_has_an_edge_with_waypoints(path):
    root = ET.parse(path).getroot()
    edges = _drawn(root, "BPMNEdge")
    flows = _elements(root, {"sequenceFlow"})
    missing = [flow for flow in flows if flow not in edges]
    short = [flow for flow in flows if flow in edges and len(edges[flow].findall(DI + "waypoint")) < 2]
    assert flows, f"{path.name}: no sequence flows"
    assert not missing, f"{path.name}: no BPMNEdge for {missing}"
    assert not short, f"{path.name}: fewer than two waypoints on {short}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_plane_stands_for_a_process_or_collaboration(path):
    root = ET.parse(path).getroot()
    planes = [plane.get("bpmnElement") for plane in root.iter(BPMNDI + "BPMNPlane")]
    drawable = set(_elements(root, {"process", "collaboration", "subProcess"}))
    assert planes, f"{path.name}: no BPMNDiagram plane"
    assert all(plane in drawable for plane in planes), f"{path.name}: planes {planes}, elements {sorted(drawable)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shape_and_edge_draws_an_element_of_the_file(path):
    """A stale shape (a task renamed in the process but not in the diagram) breaks the import too."""
    root = ET.parse(path).getroot()
    ids = {e.get("id") for e in root.iter() if e.tag.startswith(BPMN)}
    drawn = {**_drawn(root, "BPMNShape"), **_drawn(root, "BPMNEdge")}
    assert not [ref for ref in drawn if ref not in ids], f"{path.name}: diagram names unknown elements"


def _bounds(shape: ET.Element) -> ET.Element | None:
    bounds = shape.find(DC + "Bounds")
    if bounds is None or not all(bounds.get(k) for k in ("x", "y", "width", "height")):
        return None
    return bounds
