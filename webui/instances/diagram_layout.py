"""The layout a BPMN file draws its process with (its BPMN DI: shape bounds, flow waypoints,
label boxes), read once per deployed spec for the instance diagram (webui.instances.diagram)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from engine.workflow import instances
from engine.workflow.models import ProcessInstance

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
MARGIN = 10

# What each BPMN element is drawn as; an element of any other kind is left out.
KINDS = {
    "participant": "pool",
    "lane": "lane",
    "subProcess": "subprocess",
    **dict.fromkeys(("task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask"), "task"),
    **dict.fromkeys(("startEvent", "endEvent", "intermediateCatchEvent", "boundaryEvent"), "event"),
    **dict.fromkeys(("exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway"), "gateway"),
}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Shape:
    id: str
    kind: str  # one of KINDS' values
    tag: str  # the BPMN element's own name: userTask, endEvent, parallelGateway, …
    box: Box
    name: str
    label: Box | None  # where the modeller put an event's or gateway's name
    flags: frozenset[str]  # timer, message, terminate, multi


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    name: str
    label: Box | None


@dataclass(frozen=True)
class Layout:
    view: Box
    shapes: tuple[Shape, ...]
    edges: tuple[Edge, ...]


class _Layouts:
    """Layouts by deployed content, read once: a spec never changes after deploy."""

    def __init__(self):
        self._cached: dict[tuple[str, str], Layout | None] = {}
        self._lock = threading.Lock()

    def of(self, instance: ProcessInstance) -> Layout | None:
        key = (instance.spec.content_hash, instance.process_id)
        if key not in self._cached:
            parsed = instances.parsed_spec(instance.spec)
            with self._lock:
                self._cached[key] = read_layout(parsed.trees[parsed.file], instance.process_id)
        return self._cached[key]


LAYOUTS = _Layouts()


def read_layout(root, process_id: str) -> Layout | None:
    """The layout of the diagram that draws `process_id` (or its pool), from the file's root."""
    elements = {el.get("id"): el for el in root.iter() if el.get("id")}
    plane = _plane(root, elements, process_id)
    if plane is None:
        return None
    shapes = tuple(s for s in (_shape(di, elements) for di in plane.iter(f"{BPMNDI}BPMNShape")) if s)
    edges = tuple(e for e in (_edge(di, elements) for di in plane.iter(f"{BPMNDI}BPMNEdge")) if e)
    if not shapes:
        return None
    return Layout(_view(shapes, edges), shapes, edges)


def _plane(root, elements: dict, process_id: str):
    pools = {p.get("id") for p in root.iter(f"{BPMN}participant") if p.get("processRef") == process_id}
    for plane in root.iter(f"{BPMNDI}BPMNPlane"):
        drawn = elements.get(plane.get("bpmnElement"))
        if drawn is not None and (drawn.get("id") == process_id or pools & _children_ids(drawn)):
            return plane
    return None


def _children_ids(element) -> set[str]:
    return {child.get("id") for child in element if child.get("id")}


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _bounds(element) -> Box | None:
    found = element.find(f"{DC}Bounds") if element is not None else None
    if found is None:
        return None
    return Box(*(float(found.get(side, 0)) for side in ("x", "y", "width", "height")))


def _shape(di, elements: dict) -> Shape | None:
    element = elements.get(di.get("bpmnElement"))
    kind = KINDS.get(_local(element)) if element is not None else None
    box = _bounds(di)
    if kind is None or box is None:  # what cannot be placed is left out, as an unknown kind is
        return None
    return Shape(
        id=element.get("id"),
        kind=kind,
        tag=_local(element),
        box=box,
        name=element.get("name", ""),
        label=_bounds(di.find(f"{BPMNDI}BPMNLabel")),
        flags=_flags(element),
    )


def _flags(element) -> frozenset[str]:
    children = {_local(child) for child in element}
    names = {
        "timerEventDefinition": "timer",
        "messageEventDefinition": "message",
        "terminateEventDefinition": "terminate",
        "multiInstanceLoopCharacteristics": "multi",
    }
    return frozenset(flag for child, flag in names.items() if child in children)


def _edge(di, elements: dict) -> Edge | None:
    element = elements.get(di.get("bpmnElement"))
    if element is None or _local(element) != "sequenceFlow":
        return None
    points = tuple((float(p.get("x")), float(p.get("y"))) for p in di.iter(f"{DI}waypoint"))
    if len(points) < 2:
        return None
    return Edge(
        id=element.get("id"),
        source=element.get("sourceRef"),
        target=element.get("targetRef"),
        points=points,
        name=element.get("name", ""),
        label=_bounds(di.find(f"{BPMNDI}BPMNLabel")),
    )


def _view(shapes: tuple[Shape, ...], edges: tuple[Edge, ...]) -> Box:
    boxes = [s.box for s in shapes] + [s.label for s in shapes if s.label] + [e.label for e in edges if e.label]
    xs = [b.x for b in boxes] + [b.x + b.w for b in boxes] + [x for e in edges for x, _ in e.points]
    ys = [b.y for b in boxes] + [b.y + b.h for b in boxes] + [y for e in edges for _, y in e.points]
    left, top = min(xs) - MARGIN, min(ys) - MARGIN
    return Box(left, top, max(xs) + MARGIN - left, max(ys) + MARGIN - top)
