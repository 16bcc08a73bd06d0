"""Reading inspections: the body's list as far as a person may see it, one inspection's findings
with where their supervised items stand (the ledger's rows), and what is still in progress."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engine.attachments.models import Attachment
from engine.core.errors import NotFound
from engine.inspections import access
from engine.inspections.models import Finding, Inspection
from engine.org.models import Person, Unit
from engine.supervision import ledger
from engine.supervision.models import SupervisedItem

FROM_INSPECTIONS = ledger.Filters(source="inspection")


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    evidence: Attachment | None
    item: dict | None  # its supervised item as the ledger has it (engine.supervision.ledger.rows)

    @property
    def open(self) -> bool:
        """To be fixed and not yet closed (办结) under supervision."""
        return self.item is not None and self.item["status"] != "closed"


@dataclass(frozen=True)
class Listed:
    inspection: Inspection
    findings: list[FindingRow]

    @property
    def open_findings(self) -> list[FindingRow]:
        return [row for row in self.findings if row.open]


def of_body(session: Session, body_id: int) -> list[Inspection]:
    """The body's inspections, the latest planned first."""
    query = select(Inspection).where(Inspection.body_id == body_id)
    return list(session.scalars(query.order_by(Inspection.planned_at.desc(), Inspection.id.desc())))


def of_id(session: Session, inspection_id: int) -> Inspection:
    """An inspection whatever its body, for the operator's command line (no person's view)."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound(f"inspection {inspection_id}")
    return inspection


def listed(session: Session, person: Person, now: datetime) -> list[Listed]:
    """Every inspection the person may see, with its findings."""
    items = supervised(session, person.body_id, now)
    found = [i for i in of_body(session, person.body_id) if access.can_see(session, person, i)]
    return [Listed(inspection, findings_of(session, inspection, items)) for inspection in found]


def in_progress(session: Session, body_id: int, now: datetime) -> list[Listed]:
    """For the office's overview: the inspections not yet closed, and those closed whose findings
    are still being fixed. Only those are read, and only the items still open: over the years a
    body's closed inspections and fixed findings far outnumber them."""
    items = supervised(session, body_id, now, replace(FROM_INSPECTIONS, open_only=True))
    being_fixed = select(Finding.inspection_id).join(SupervisedItem, SupervisedItem.id == Finding.item_id)
    being_fixed = being_fixed.where(SupervisedItem.body_id == body_id, SupervisedItem.status != "closed")
    query = select(Inspection).where(
        Inspection.body_id == body_id, or_(Inspection.status != "closed", Inspection.id.in_(being_fixed))
    )
    found = session.scalars(query.order_by(Inspection.planned_at.desc(), Inspection.id.desc()))
    return [Listed(inspection, findings_of(session, inspection, items)) for inspection in found]


def supervised(
    session: Session, body_id: int, now: datetime, filters: ledger.Filters = FROM_INSPECTIONS
) -> dict[int, dict]:
    """The ledger's rows of the body's items that came from inspections, by item id."""
    rows = ledger.rows(session, body_id, now, filters)
    return {row["id"]: row for row in rows}


def findings_of(session: Session, inspection: Inspection, items: dict[int, dict]) -> list[FindingRow]:
    query = select(Finding, Attachment).outerjoin(Attachment, Attachment.id == Finding.evidence_id)
    query = query.where(Finding.inspection_id == inspection.id).order_by(Finding.number)
    return [FindingRow(finding, evidence, items.get(finding.item_id)) for finding, evidence in session.execute(query)]


def member_units(session: Session, body_id: int) -> dict[str, str]:
    """The units a finding may hold responsible, by code in roster order: the body's member units."""
    query = select(Unit.code, Unit.name).where(Unit.body_id == body_id, Unit.kind == "member")
    return dict(session.execute(query.order_by(Unit.sort_order)).all())
