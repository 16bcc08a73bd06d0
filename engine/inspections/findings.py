"""Recording what the team found, one enterprise or place at a time (engine.inspections.access
says who may). A finding that needs fixing goes under supervision (督办) in the same transaction:
its responsible unit leads it, by the day the team set, and the ledger lists it as 联合督查.

Findings are taken while the team inspects: from the director's approval of the plan until the
report is out. The instance is locked first, so a finding and the report's sending never cross.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core import audit
from engine.core.clock import SHANGHAI
from engine.core.errors import FieldError, Forbidden, InvalidData, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.inspections import access
from engine.inspections.models import Finding, Inspection
from engine.org.models import Body, Person, Unit
from engine.supervision import starting
from engine.supervision.models import SupervisedItem
from engine.workflow import instances

PLACE_MAX = 200
PROBLEM_MAX = 1500  # the supervised item's text is the place and the problem (engine.supervision.starting.TEXT_MAX)


@dataclass(frozen=True)
class Evidence:
    """A file given with a finding, before it is stored."""

    filename: str
    content: bytes = field(repr=False)


def record(
    uow: UnitOfWork, person: Person, inspection_id: int, values: dict, evidence: Evidence | None, now: datetime
) -> Finding:
    """`values`: place, problem, responsible_unit (a member unit's code), needs_fixing (bool) and
    fix_by (YYYY-MM-DD, when it needs fixing). Refused whole: nothing is kept of a bad finding."""
    inspection = _inspecting(uow, person, inspection_id)
    session = uow.session
    cleaned = _checked(session, inspection.body_id, values, evidence, now)
    number = _next_number(session, inspection)
    finding = Finding(
        inspection_id=inspection.id, number=number, recorded_by=person.username, recorded_at=now, **cleaned
    )
    session.add(finding)
    session.flush()
    if evidence is not None:
        finding.evidence_id = _kept(session, inspection, finding, evidence, person.username, now).id
    if finding.needs_fixing:
        finding.item_id = _supervised(session, inspection, finding, person.username, now).id
    audit.record(
        session, now, person.username, "record_finding", body_id=inspection.body_id,
        instance_id=inspection.instance_id, summary=f"finding {number}: {finding.place}",
    )  # fmt: skip
    return finding


def _inspecting(uow: UnitOfWork, person: Person, inspection_id: int) -> Inspection:
    """The inspection, if the person may record for its team and it takes findings now."""
    inspection = access.visible_inspection(uow.session, person, inspection_id)
    if not access.may_record(person, inspection):
        raise Forbidden("only the inspection's team records its findings")
    instances.lock(uow, inspection.instance_id)
    uow.session.refresh(inspection)  # as the report, if it went meanwhile, left it
    if inspection.status != "inspecting":
        raise NoLongerOpen(f"inspection {inspection_id} takes no findings while {inspection.status}")
    return inspection


def _checked(session: Session, body_id: int, values: dict, evidence: Evidence | None, now: datetime) -> dict:
    errors = {}
    place, problem = _text(values, "place", PLACE_MAX, errors), _text(values, "problem", PROBLEM_MAX, errors)
    unit = str(values.get("responsible_unit") or "").strip()
    members = select(Unit.code).where(Unit.body_id == body_id, Unit.kind == "member", Unit.code == unit)
    if not unit or session.scalar(members) is None:
        errors["responsible_unit"] = FieldError("unknown_unit", {"codes": unit}) if unit else FieldError("required")
    needs_fixing = values.get("needs_fixing") is True
    fix_by = _fix_by(values.get("fix_by"), now, errors) if needs_fixing else None
    if evidence is not None:
        try:
            attachments.check(evidence.filename, evidence.content)
        except InvalidData as refused:
            errors["evidence"] = refused.errors["file"]
    if errors:
        raise InvalidData(errors)
    return {
        "place": place,
        "problem": problem,
        "responsible_unit": unit,
        "needs_fixing": needs_fixing,
        "fix_by": fix_by,
    }


def _text(values: dict, name: str, limit: int, errors: dict) -> str:
    text = str(values.get(name) or "").strip()
    if not text:
        errors[name] = FieldError("required")
    elif len(text) > limit:
        errors[name] = FieldError("too_long", {"max": limit})
    return text


def _fix_by(raw: object, now: datetime, errors: dict) -> date | None:
    """The day it is to be fixed by: a date, not one already gone."""
    try:
        day = date.fromisoformat(str(raw or "").strip())
    except ValueError:
        errors["fix_by"] = FieldError("not_date") if raw else FieldError("required")
        return None
    if day < now.astimezone(SHANGHAI).date():
        errors["fix_by"] = FieldError("in_the_past")
    return day


def _next_number(session: Session, inspection: Inspection) -> int:
    count = select(func.count()).select_from(Finding).where(Finding.inspection_id == inspection.id)
    return session.scalar(count) + 1


def _supervised(session: Session, inspection: Inspection, finding: Finding, by: str, now: datetime) -> SupervisedItem:
    item = {
        "text": f"{finding.place}：{finding.problem}",
        "lead": finding.responsible_unit,
        "cooperating": [],
        "due": finding.fix_by.isoformat(),
    }
    body = session.get(Body, inspection.body_id)
    return starting.start_from_inspection(session, body, inspection.title, item, by, now)


def _kept(
    session: Session, inspection: Inspection, finding: Finding, evidence: Evidence, by: str, now: datetime
) -> Attachment:
    return attachments.store(
        session, inspection.body_id, access.EVIDENCE, finding.id, evidence.filename, evidence.content, by, now
    )
