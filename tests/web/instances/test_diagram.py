"""The process diagram on an instance's page: drawn from the BPMN's layout, with the path taken,
the open steps and the waiting timers marked."""

from __future__ import annotations

import re

from lxml import etree
from sqlalchemy import select

from engine.workflow.models import ProcessInstance
from tests.conftest import WORKFLOWS
from webui.instances import diagram, diagram_layout


def element(page: str, bpmn_id: str) -> str:
    """The classes of the diagram element with that BPMN id (its <title> names it)."""
    found = re.findall(r'<g class="(d-el [^"]*)">\s*<title>([^<]*)</title>', page)
    return {title.split(" · ")[0]: classes for classes, title in found}[bpmn_id]


def test_open_step_is_current_and_the_steps_before_it_done(signed_in, held):
    page = signed_in("office.staff").get(f"/instances/{held}").text
    assert "流程图" in page
    assert "d-current" in element(page, "签收会议纪要")  # receive_minutes, open with the units
    assert "d-done" in element(page, "签发会议纪要")  # sign_minutes, done before it
    assert "d-current" not in element(page, "签发会议纪要")
    assert "d-done" not in element(page, "签收会议纪要")
    assert "d-taken" in page  # the flows it came along
    assert "办理记录" in page and 'class="timeline"' in page


def test_waiting_timer_is_marked(signed_in, read):
    item = read.scalars(
        select(ProcessInstance).where(
            ProcessInstance.process_id == "item_supervision", ProcessInstance.next_timer_at.isnot(None)
        )
    ).first()
    page = signed_in("office.staff").get(f"/instances/{item.id}").text
    assert re.search(r'<g class="d-el d-event d-intermediateCatchEvent d-timer">', page)
    assert "等待定时" in page  # the legend


def test_diagram_speaks_english(signed_in, held):
    page = signed_in("office.staff").get(f"/instances/{held}?lang=en").text
    assert "d-current" in element(page, "Acknowledge the minutes")
    assert "Office director" in page  # a lane, named by its role


def test_every_shipped_process_has_a_layout_for_each_of_its_steps():
    for path in sorted(WORKFLOWS.glob("*.bpmn")):
        root = etree.parse(str(path)).getroot()
        for process in root.iter(f"{diagram_layout.BPMN}process"):
            layout = diagram_layout.read_layout(root, process.get("id"))
            drawn = {shape.id for shape in layout.shapes}
            steps = {el.get("id") for el in process.iter() if el.tag.endswith(("Task", "Event", "Gateway"))}
            assert steps <= drawn, (path.name, steps - drawn)


def test_names_wrap_to_the_width_of_their_box():
    assert diagram.wrap("签收会议纪要", 50) == ["签收会议", "纪要"]
    assert diagram.wrap("Work the decided item", 92) == ["Work the", "decided item"]  # between words
    assert diagram.wrap("", 50) == []
