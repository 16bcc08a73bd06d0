"""An instance's process diagram: an SVG drawn on the server from the BPMN file's own layout
(its BPMN DI), with the elements the instance has passed, its open steps and the timers it
waits on marked (engine.workflow.diagram_state). Why not bpmn-js: docs/DIAGRAM.md."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from engine.workflow import diagram_state
from engine.workflow.models import ProcessInstance
from webui.common import display
from webui.common.i18n import pick
from webui.instances.diagram_layout import LAYOUTS, Box, Edge, Shape

CJK = "\u2e80"  # from here on a character is as wide as a Chinese one
# What a line may break between: one Chinese character, or a word with the spaces after it.
_PIECES = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+")
CHAR = 12  # the width of one Chinese character at the diagram's font size, in SVG units
LINE = 14

BACKGROUND = ("pool", "lane", "subprocess")  # drawn under the flows, the rest over them
# Lanes name the role or unit that acts in them; these two are not roles of a person.
LANE_NAMES = {**display.ROLE_NAMES, "chair": _l("会议主持人"), "member_unit": _l("成员单位")}
MARK_NAMES = {
    diagram_state.DONE: _l("已完成"),
    diagram_state.CURRENT: _l("当前环节"),
    diagram_state.TIMER: _l("等待定时"),
    diagram_state.WAITING: _l("等待消息"),
}


def drawing(instance: ProcessInstance) -> dict | None:
    """What instances/_diagram.html draws, or None when the BPMN carries no layout."""
    layout = LAYOUTS.of(instance)
    if layout is None:
        return None
    state = diagram_state.of_instance(instance)
    shapes = [_drawn_shape(shape, state) for shape in layout.shapes]
    tags = {shape.id: shape.tag for shape in layout.shapes}
    return {
        "view": layout.view,
        "back": [s for s in shapes if s["kind"] in BACKGROUND],
        "front": [s for s in shapes if s["kind"] not in BACKGROUND],
        "edges": [_drawn_edge(edge, state, tags) for edge in layout.edges],
        "mark_names": MARK_NAMES,
    }


def _drawn_shape(shape: Shape, state: diagram_state.DiagramState) -> dict:
    mark = state.marks.get(shape.id)
    name = _name(shape, state)
    return {
        "kind": shape.kind,
        "tag": shape.tag,
        "box": shape.box,
        "flags": shape.flags,
        "mark": mark,
        "name": name,
        "tooltip": f"{name} · {MARK_NAMES[mark]}" if mark else name,
        "lines": _name_lines(shape, name),
    }


def _name(shape: Shape, state: diagram_state.DiagramState) -> str:
    if shape.kind == "lane":
        return str(LANE_NAMES.get(shape.name, shape.name))
    return pick({"zh_CN": shape.name, "en": state.titles_en.get(shape.id, "")})


def _name_lines(shape: Shape, name: str) -> list[tuple[float, float, str]]:
    """Where each line of the element's name goes: inside a task, along a pool's or lane's band
    (the template turns it), at the top of a subprocess, or in its label box (below it if none)."""
    box = shape.box
    if shape.kind == "task":
        return _centred(wrap(name, box.w - 8), box.x + box.w / 2, box.y + box.h / 2)
    if shape.kind in ("pool", "lane"):
        return [(box.x + 15, box.y + box.h / 2, name)]
    if shape.kind == "subprocess":
        return [(box.x + 8 + _width(name) / 2, box.y + 16, name)]
    return _in_label(name, shape.label or Box(box.x - 20, box.y + box.h + 4, box.w + 40, LINE))


def _in_label(name: str, label: Box) -> list[tuple[float, float, str]]:
    """A label box is sized for one line of the modeller's font: keep its top, grow it down."""
    lines = wrap(name, max(label.w, 90))
    return _centred(lines, label.x + label.w / 2, label.y + len(lines) * LINE / 2)


def _drawn_edge(edge: Edge, state: diagram_state.DiagramState, tags: dict[str, str]) -> dict:
    """A flow is part of the path taken when the instance went from its source to its target.
    SpiffWorkflow hangs a join's next task under one incoming branch only, so a flow into a
    parallel join counts as taken when both its ends were reached."""
    into_join = tags.get(edge.target) == "parallelGateway" and edge.source in state.marks
    taken = (edge.source, edge.target) in state.steps or (into_join and edge.target in state.marks)
    return {
        "points": " ".join(f"{x:g},{y:g}" for x, y in edge.points),
        "taken": taken,
        "lines": _in_label(edge.name, edge.label or _beside_first_leg(edge)),
    }


def _beside_first_leg(edge: Edge) -> Box:
    """An unplaced flow name goes halfway along its first leg: flows leaving one gateway share
    their first point, so names put there would overlap."""
    (x1, y1), (x2, y2) = edge.points[0], edge.points[min(1, len(edge.points) - 1)]
    return Box((x1 + x2) / 2, (y1 + y2) / 2 - LINE, 0, 0)


def _centred(lines: list[str], cx: float, cy: float) -> list[tuple[float, float, str]]:
    top = cy - (len(lines) - 1) * LINE / 2
    return [(cx, top + i * LINE, line) for i, line in enumerate(lines)]


def wrap(text: str, width: float) -> list[str]:
    """Lines of at most `width` SVG units: Chinese breaks between any two characters, English
    between words (a word longer than the line gets a line of its own)."""
    lines, line = [], ""
    for piece in _PIECES.findall(text):
        if line.strip() and _width((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    return [*lines, line.rstrip()] if line.strip() else lines


def _width(text: str) -> float:
    return sum(CHAR if c >= CJK else CHAR * 0.6 for c in text)
