"""Who may see an inspection and its files, and who records its findings.

The office, the conveners and the administrator see every inspection of their body; a unit's
people see those their unit inspects in (the team) or answers a finding of, and the team leader
sees the one they lead. Anything else is not found (NotFound, 404), like an id that does not
exist. Findings are recorded by the team (its units' liaisons and its leader) and by the office
for it; anyone else who may see the inspection is refused (Forbidden, 403).
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.confidentiality.levels import may_read
from engine.core.errors import NotFound
from engine.inspections.models import Finding, Inspection
from engine.org.models import Person
from engine.workflow.forms import FILE_OWNER

EVIDENCE = "inspection_finding"  # the attachments' owner kind for a finding's evidence


def in_team(person: Person, inspection: Inspection) -> bool:
    return person.username == inspection.team_leader or person.unit.code in inspection.team_units


def can_see(session: Session, person: Person, inspection: Inspection) -> bool:
    if person.body_id != inspection.body_id:
        return False
    if person.sees_whole_body or in_team(person, inspection):
        return True
    answers = select(Finding.id).where(
        Finding.inspection_id == inspection.id, Finding.responsible_unit == person.unit.code
    )
    return bool(session.scalar(select(exists(answers))))


def may_record(person: Person, inspection: Inspection) -> bool:
    """The team's liaisons and leader, and the office, which may write up for the team."""
    if person.is_office or person.username == inspection.team_leader:
        return True
    return person.answers_for_unit and person.unit.code in inspection.team_units


def visible_inspection(session: Session, person: Person, inspection_id: int) -> Inspection:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None or not can_see(session, person, inspection):
        raise NotFound(f"inspection {inspection_id}")
    return inspection


def visible_file(session: Session, person: Person, inspection_id: int, attachment_id: int) -> Attachment:
    """A finding's evidence or the report's file, to whoever may see the inspection and as the
    file's level allows (docs/CONFIDENTIALITY.md); NotFound otherwise, as for another's file."""
    inspection = visible_inspection(session, person, inspection_id)
    found = attachments.get(session, person.body_id, attachment_id)
    if not _belongs(session, inspection, found):
        raise NotFound(f"attachment {attachment_id} of inspection {inspection_id}")
    named = [*inspection.team_units, *_responsible_units(session, inspection)]
    if not may_read(person, found.level, named, sees_record=True):
        raise NotFound(f"attachment {attachment_id} of inspection {inspection_id}")
    return found


def _belongs(session: Session, inspection: Inspection, found: Attachment) -> bool:
    if found.owner_kind == FILE_OWNER:  # a file a step's form kept: the report's
        return found.owner_id == inspection.instance_id
    finding = session.get(Finding, found.owner_id) if found.owner_kind == EVIDENCE else None
    return finding is not None and finding.inspection_id == inspection.id


def _responsible_units(session: Session, inspection: Inspection) -> list[str]:
    return list(session.scalars(select(Finding.responsible_unit).where(Finding.inspection_id == inspection.id)))
