"""A meeting's timeline: what happened, oldest first, from the meeting's own records and, for the
steps that leave no record of who did them (the convener's decision, the attendance), the audit
log's entries for the tasks behind them. Plain events; the pages put them into words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.core.models import AuditEvent
from engine.meetings import referrals
from engine.meetings.models import CoSignature, Distribution, Meeting, MinutesVersion, TopicSuggestion
from engine.org.models import Body
from engine.workflow.models import HumanTask

DONE = ("complete", "complete_on_behalf", "closed_at_due")  # the audit actions that finish a task
DECIDED, ATTENDANCE = "meeting_decided", ("attendance_recorded", "minutes_recorded")  # the tasks' `record`
COMMENT_FIELDS = ("convener_comments", "director_comments")  # what the decision forms call the comment


@dataclass(frozen=True)
class Event:
    """One step on record. `kind`: opened, topics_closed, decided, notice_sent, held, attendance,
    drafted, cosigned, disputed, issued, referral_sent, government_decided or receipts; `detail`
    holds what that kind tells."""

    at: datetime
    kind: str
    who: str = ""  # a user name, "" when nobody in particular
    detail: dict = field(default_factory=dict)


def events(session: Session, meeting: Meeting) -> list[Event]:
    found = [Event(meeting.opened_at, "opened")]
    found += _topic_round(session, meeting)
    found += _task_events(session, meeting)
    found += _minutes(session, meeting)
    found += _disputes(session, meeting)
    if meeting.issued_at:
        found.append(Event(meeting.issued_at, "issued", meeting.signed_by or ""))
    found += _receipts(session, meeting)
    return sorted(found, key=lambda e: as_aware(e.at))


def _disputes(session: Session, meeting: Meeting) -> list[Event]:
    """Matters left to the body's own government, named as the body names it now: kept at the
    mediation, sent only when the convener issues the request (请示), then its decision."""
    government = session.get(Body, meeting.body_id).government_name
    found = []
    for matter, referral in referrals.of_meeting(session, meeting):
        detail = {"units": list(matter.dissenting_units), "government": government}
        found.append(Event(matter.recorded_at, "disputed", matter.recorded_by, detail))
        if referral is not None and referral.sent_at:
            found.append(Event(referral.sent_at, "referral_sent", referral.sent_by or "", {"government": government}))
        if referral is not None and referral.decided_at:
            decided = {"government": government, "number": referral.decision_number, "text": referral.decision_text}
            found.append(Event(referral.decided_at, "government_decided", referral.decided_by or "", decided))
    return found


def _topic_round(session: Session, meeting: Meeting) -> list[Event]:
    """The round closes when no unit's suggestion is still open; those closed at the deadline are
    on record as "no suggestion"."""
    still_open = select(func.count()).where(
        HumanTask.instance_id == meeting.instance_id, HumanTask.record == "topic_suggested", HumanTask.status == "open"
    )
    rows = session.scalars(select(TopicSuggestion).where(TopicSuggestion.meeting_id == meeting.id)).all()
    if not rows or session.scalar(still_open):
        return []
    detail = {
        "suggested": [r.unit for r in rows if r.topics],
        "silent": [r.unit for r in rows if r.closed_at_deadline],
        "consultation": meeting.kind == "special",  # a special meeting consults on its topic
    }
    return [Event(max(r.submitted_at for r in rows), "topics_closed", "", detail)]


def _task_events(session: Session, meeting: Meeting) -> list[Event]:
    """The convener's decisions (with the notice that follows an approval) and the attendance."""
    query = (
        select(AuditEvent, HumanTask.record)
        .join(HumanTask, HumanTask.id == AuditEvent.task_id)
        .where(
            AuditEvent.instance_id == meeting.instance_id,
            AuditEvent.action.in_(DONE),
            HumanTask.record.in_((DECIDED, *ATTENDANCE)),
        )
        .order_by(AuditEvent.id)
    )
    found = []
    for audit, record in session.execute(query).all():
        if record == DECIDED:
            found += _decision(audit)
        else:
            found += _attendance(audit, meeting)
    return found


def _decision(audit: AuditEvent) -> list[Event]:
    values = audit.after or {}
    comment = next((values[k] for k in COMMENT_FIELDS if values.get(k)), "")
    decided = Event(audit.at, "decided", audit.actor, {"decision": values.get("decision"), "comment": comment})
    if values.get("decision") != "approve":
        return [decided]
    return [decided, Event(audit.at, "notice_sent")]


def _attendance(audit: AuditEvent, meeting: Meeting) -> list[Event]:
    units = {"attended": list(meeting.attended_units), "absent": list(meeting.absent_units)}
    recorded = Event(audit.at, "attendance", audit.actor, units)
    return [Event(meeting.meeting_at, "held", meeting.chair or ""), recorded] if meeting.meeting_at else [recorded]


def _minutes(session: Session, meeting: Meeting) -> list[Event]:
    """Each version drafted, and each version's co-signing (how many signed, how many dissented)."""
    found = []
    for version in session.scalars(
        select(MinutesVersion).where(MinutesVersion.meeting_id == meeting.id).order_by(MinutesVersion.number)
    ):
        found.append(Event(version.drafted_at, "drafted", version.drafted_by, {"number": version.number}))
        signatures = session.scalars(select(CoSignature).where(CoSignature.version_id == version.id)).all()
        if signatures:
            detail = {
                "number": version.number,
                "count": len(signatures),
                "dissent": sum(1 for s in signatures if s.decision == "disagree"),
            }
            found.append(Event(max(s.signed_at for s in signatures), "cosigned", "", detail))
    return found


def _receipts(session: Session, meeting: Meeting) -> list[Event]:
    """How many copies have been received, as of the latest receipt."""
    copies = session.scalars(select(Distribution).where(Distribution.meeting_id == meeting.id)).all()
    received = sorted((c for c in copies if c.opened_at), key=lambda c: as_aware(c.opened_at))
    if not received:
        return []
    last = received[-1]
    detail = {"count": len(received), "total": len(copies), "unit": last.unit}
    return [Event(last.opened_at, "receipts", last.opened_by or "", detail)]
