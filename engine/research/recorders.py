"""What each step of a research task leaves on record (the keys workflows/research.bpmn names in
`record`): the plan, each unit's findings and the office's report with its proposals."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from engine.core.errors import FieldError, InvalidData
from engine.research import checks, queries
from engine.research.models import Research, ResearchFinding, ResearchProposal

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def planned(session: Session, c: Completion) -> None:
    errors = checks.plan_errors(session, c.instance.body_id, c.values)
    if errors:
        raise InvalidData(errors)
    session.add(
        Research(
            body_id=c.instance.body_id,
            instance_id=c.instance.id,
            subject=c.values["subject"],
            plan=c.values["plan"],
            starts_on=date.fromisoformat(c.values["starts_on"]),
            ends_on=date.fromisoformat(c.values["ends_on"]),
            units=list(c.values["taking_part"]),
            findings_due=date.fromisoformat(c.values["findings_due"]),
            planned_by=c.by,
            planned_at=c.now,
        )
    )


def contributed(session: Session, c: Completion) -> None:
    session.add(
        ResearchFinding(
            research_id=queries.of_instance(session, c.instance.id).id,
            unit=c.data["participant"]["code"],  # the unit asked (its multi-instance item), whoever answered
            text=c.values["findings"],
            file=c.values.get("findings_file"),
            submitted_by=c.by,
            submitted_at=c.now,
        )
    )


def reported(session: Session, c: Completion) -> None:
    proposals = checks.proposals(c.values["proposals"])
    if not proposals:
        raise InvalidData({"proposals": FieldError("required")})
    research = queries.of_instance(session, c.instance.id)
    research.report, research.report_file = c.values["report"], c.values.get("report_file")
    research.reported_by, research.reported_at, research.status = c.by, c.now, "reported"
    for number, text in enumerate(proposals, start=1):
        session.add(ResearchProposal(research_id=research.id, number=number, text=text))


RECORDERS = {
    "research_planned": planned,
    "findings_contributed": contributed,
    "research_reported": reported,
}
