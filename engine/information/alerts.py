"""A major event reaches the office director at once (the joint-meeting rules §五(一): the office is
the one voice on major occupational-disease events). Filing one opens the director's 阅示 task
(workflows/major_event.bpmn) and queues a reminder of it there and then: in the director's
notification centre, by e-mail where they chose it, and through the body's enterprise-chat robot.
The outbox holds it as every reminder, marked urgent: notifications/ delivers it at once, in quiet
hours and on holidays too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.information.models import MAJOR_EVENT, InformationReport
from engine.org.models import Body, Unit
from engine.reminders import planning
from engine.reminders.models import URGENT
from engine.workflow import instances
from engine.workflow.models import HumanTask

PROCESS_ID = "major_event"


def on_filing(session: Session, report: InformationReport, by: str, now: datetime) -> None:
    """Once per report: a revision that makes a report a major event raises it then."""
    if report.kind != MAJOR_EVENT or report.event_instance_id is not None:
        return
    body = session.get(Body, report.body_id)
    unit = session.scalar(select(Unit).where(Unit.body_id == body.id, Unit.code == report.unit))
    data = {
        "title": f"重大事件：{report.title}",
        "report_id": report.id,
        "reporter": {"code": unit.code, "name": unit.name},
        "event_text": report.text,
    }
    instance = instances.start(session, PROCESS_ID, body, data, by, now)
    report.event_instance_id = instance.id
    opened = select(HumanTask).where(HumanTask.instance_id == instance.id, HumanTask.status == "open")
    for task in session.scalars(opened):
        planning.record(session, task, URGENT, now, now, by, note=f"{unit.name}报送重大事件：{report.title}")
