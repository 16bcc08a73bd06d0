"""What each step of an inspection leaves on record (the keys workflows/joint_inspection.bpmn
names in `record`). The findings are not a step: the team records them on the inspection's page
(engine.inspections.findings) while it inspects."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import InvalidData
from engine.inspections import team
from engine.inspections.models import Inspection

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def of_instance(session: Session, instance_id: int) -> Inspection | None:
    return session.scalar(select(Inspection).where(Inspection.instance_id == instance_id))


def planned(session: Session, c: Completion) -> None:
    """The plan, first or again after a return: the director decides it afresh."""
    errors = team.plan_errors(session, c.values)
    if errors:
        raise InvalidData(errors)
    inspection = of_instance(session, c.instance.id) or _new(session, c)
    v = c.values
    inspection.title, inspection.kind, inspection.trigger = v["title"], v["inspection_kind"], v["trigger"]
    inspection.trigger_from, inspection.trigger_text = v.get("trigger_from") or "", v["trigger_text"]
    inspection.trigger_on = date.fromisoformat(v["trigger_on"])
    inspection.scope = v["scope"]
    inspection.period_from = date.fromisoformat(v["period_from"])
    inspection.period_to = date.fromisoformat(v["period_to"])
    inspection.team_units, inspection.team_leader = list(v["team_units"]), v["team_leader"]
    inspection.status, inspection.planned_at, inspection.planned_by = "approving", c.now, c.by
    inspection.decided_at, inspection.decided_by, inspection.plan_comments = None, None, ""


def _new(session: Session, c: Completion) -> Inspection:
    inspection = Inspection(body_id=c.instance.body_id, instance_id=c.instance.id)
    session.add(inspection)
    return inspection


def plan_decided(session: Session, c: Completion) -> None:
    """Approved, the team inspects; returned, the office redrafts with the director's comments."""
    inspection = of_instance(session, c.instance.id)
    inspection.status = "inspecting" if c.values["plan_decision"] == "approve" else "planning"
    inspection.decided_at, inspection.decided_by = c.now, c.by
    inspection.plan_comments = c.values.get("plan_comments") or ""


def reported(session: Session, c: Completion) -> None:
    """The report reaches the office director; from now on no finding is recorded."""
    inspection = of_instance(session, c.instance.id)
    inspection.report_text, inspection.report_file = c.values["report_text"], c.values.get("report_file")
    inspection.reported_at, inspection.reported_by = c.now, c.by
    inspection.status = "reported"


def report_read(session: Session, c: Completion) -> None:
    """Read by the director: done, unless a leader's instruction waits for the report."""
    inspection = of_instance(session, c.instance.id)
    inspection.read_at, inspection.read_by = c.now, c.by
    inspection.read_comments = c.values.get("read_comments") or ""
    if inspection.trigger != "instruction":
        inspection.status = "closed"


def report_sent(session: Session, c: Completion) -> None:
    """Back to whoever gave the instruction: to whom, on which day and how."""
    inspection = of_instance(session, c.instance.id)
    inspection.sent_to, inspection.sent_on = c.values["sent_to"], date.fromisoformat(c.values["sent_on"])
    inspection.sent_note, inspection.sent_by = c.values.get("sent_note") or "", c.by
    inspection.status = "closed"


RECORDERS = {
    "inspection_planned": planned,
    "inspection_plan_decided": plan_decided,
    "inspection_reported": reported,
    "inspection_report_read": report_read,
    "inspection_report_sent": report_sent,
}
