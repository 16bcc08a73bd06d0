"""What each step of a request to the government leaves on record (the keys
workflows/government_referral.bpmn names in `record`), up to the government's decision, which
starts supervision of the disputed items exactly as decided."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import iso
from engine.core.errors import FieldError, InvalidData
from engine.documents import numbering
from engine.meetings import government_decisions
from engine.meetings.models import DisputedMatter, GovernmentItemDecision, GovernmentReferral, Meeting, MinutesVersion
from engine.org.models import Unit
from engine.supervision import starting as supervision

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def referral_of(session: Session, c: Completion) -> GovernmentReferral:
    return session.scalar(select(GovernmentReferral).where(GovernmentReferral.instance_id == c.instance.id))


def drafted(session: Session, c: Completion) -> None:
    """The request as the office wrote it; a redraft starts the units' checks afresh."""
    referral = referral_of(session, c)
    referral.title = c.values["title"]
    referral.matter = c.values["disputed_matter"]
    referral.majority_view = c.values["majority_view"]
    referral.dissenting_view = c.values["dissenting_view"]
    referral.unit_views = {}


def view_checked(session: Session, c: Completion) -> None:
    """A unit's check of its own view, kept against the unit asked, whoever answered."""
    referral = referral_of(session, c)
    party = c.data["party"]
    view = {
        "side": party.get("side", ""),
        "decision": c.values["decision"],
        "comment": c.values.get("comment") or "",
        "by": c.by,
        "at": iso(c.now),
    }
    referral.unit_views = {**referral.unit_views, party["code"]: view}


def signed(session: Session, c: Completion) -> None:
    """Issued by the convener, the request is sent: only now is the government asked."""
    if c.values["signature"] == "sign":
        referral = referral_of(session, c)
        referral.sent_at, referral.sent_by = c.now, c.by
        numbering.assign(session, referral.body_id, "request", numbering.REFERRAL, referral.id, c.now, c.by)


def received(session: Session, c: Completion) -> None:
    referral = referral_of(session, c)
    referral.received_at, referral.received_by = c.now, c.by


def decided(session: Session, c: Completion) -> None:
    """The government's decision; each disputed item it wants supervised starts now, its origin
    the meeting. A refusal (an item not in dispute, one decided twice) saves nothing."""
    referral = referral_of(session, c)
    matter = session.get(DisputedMatter, referral.matter_id)
    meeting = session.get(Meeting, referral.meeting_id)
    codes = set(session.scalars(select(Unit.code).where(Unit.body_id == meeting.body_id, Unit.kind != "government")))
    decisions = government_decisions.parse(c.values.get("item_decisions") or "", list(matter.items), codes)
    _refuse_decided_before(session, meeting.id, decisions)
    referral.decision_received_on = date.fromisoformat(c.values["received_on"])
    referral.decision_number = c.values["decision_number"]
    referral.decision_text = c.values["decision_text"]
    referral.decision_file = c.values.get("decision_file") or None
    referral.decided_at, referral.decided_by = c.now, c.by
    version = session.get(MinutesVersion, matter.version_id)
    for number, decision in decisions.items():
        _keep(session, referral, meeting, version, number, decision, c)


def _refuse_decided_before(session: Session, meeting_id: int, decisions: dict) -> None:
    before = session.scalars(
        select(GovernmentItemDecision.number).where(
            GovernmentItemDecision.meeting_id == meeting_id, GovernmentItemDecision.number.in_(list(decisions))
        )
    ).all()
    if before:
        error = FieldError("decided_twice", {"line": "", "number": ", ".join(map(str, sorted(before)))})
        raise InvalidData({government_decisions.FIELD: error})


def _keep(
    session: Session,
    referral: GovernmentReferral,
    meeting: Meeting,
    version: MinutesVersion,
    number: int,
    decision: dict | None,
    c: Completion,
) -> None:
    supervised = None
    if decision is not None:
        item = {**decision, "text": version.decided_items[number - 1]["text"]}
        supervised = supervision.start_decided(session, meeting, version, number, item, c.by, c.now)
    session.add(
        GovernmentItemDecision(
            referral_id=referral.id,
            meeting_id=meeting.id,
            number=number,
            supervised=supervised is not None,
            supervised_item_id=supervised.id if supervised else None,
        )
    )


RECORDERS = {
    "referral_drafted": drafted,
    "referral_view_checked": view_checked,
    "referral_signed": signed,
    "referral_received": received,
    "government_decided": decided,
}
