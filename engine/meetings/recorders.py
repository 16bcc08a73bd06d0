"""What each step of a meeting leaves on record (the keys the meeting BPMNs name in `record`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core.clock import parse_instant
from engine.documents import numbering
from engine.meetings import items, notices, referral_records, referrals
from engine.meetings.models import (
    CoSignature,
    DisputedMatter,
    Distribution,
    Meeting,
    MinutesVersion,
    TopicSuggestion,
    seal_for,
)
from engine.org.models import Body, Unit
from engine.supervision import starting as supervision

if TYPE_CHECKING:
    from engine.workflow.records import Completion

KIND_OF_PROCESS = {"full_meeting": "full", "special_meeting": "special", "office_meeting": "office"}


def meeting_of(session: Session, c: Completion) -> Meeting:
    return session.scalar(select(Meeting).where(Meeting.instance_id == c.instance.id))


def opened(session: Session, c: Completion) -> None:
    """A meeting comes on record when the office opens it: a full or special meeting with its
    request for the units' topics, an office meeting with its proposal (one made again after a
    return updates the same record)."""
    meeting = meeting_of(session, c) or _new_meeting(session, c)
    if "meeting_at" in c.values:
        _apply_proposal(meeting, c.values)


def _new_meeting(session: Session, c: Completion) -> Meeting:
    kind = KIND_OF_PROCESS[c.instance.process_id]
    meeting = Meeting(
        body_id=c.instance.body_id,
        instance_id=c.instance.id,
        kind=kind,
        title=c.values.get("title") or c.instance.title,
        status="proposed" if "meeting_at" in c.values else "soliciting",
        seal=seal_for(session.get(Body, c.instance.body_id), kind),
        opened_at=c.now,
        invited_units=[],
        attended_units=[],
        absent_units=[],
    )
    session.add(meeting)
    return meeting


def topic_suggested(session: Session, c: Completion) -> None:
    session.add(
        TopicSuggestion(
            meeting_id=meeting_of(session, c).id,
            unit=c.data["proposer"]["code"],  # the unit asked (its multi-instance item), whoever answered
            topics=c.values.get("topics", ""),
            closed_at_deadline=bool(c.values.get("closed_at_deadline")),
            submitted_by=c.by,
            submitted_at=c.now,
        )
    )


def proposed(session: Session, c: Completion) -> None:
    _apply_proposal(meeting_of(session, c), c.values)


def _apply_proposal(meeting: Meeting, values: dict) -> None:
    meeting.title = values.get("title") or meeting.title
    meeting.topics = values.get("topics", "")
    meeting.meeting_at = parse_instant(values["meeting_at"])
    meeting.place = values.get("place", "")
    meeting.invited_units = list(values.get("invited_units") or {})
    if "attending_units" in values:  # an office meeting names who is to attend
        meeting.attended_units = list(values["attending_units"])
    meeting.status = "proposed"


def decided(session: Session, c: Completion) -> None:
    meeting = meeting_of(session, c)
    meeting.status = {"approve": "approved", "return": "returned", "cancel": "cancelled"}[c.values["decision"]]
    if c.values["decision"] == "approve":
        meeting.chair = c.values.get("chair") or c.by
        _send_notice(session, meeting, c)


def _send_notice(session: Session, meeting: Meeting, c: Completion) -> None:
    """The meeting notice reaches the liaisons of every unit expected to attend (members and
    invited units), in their notification centre. It is an official document: it takes the
    body's next notice number now, in the approval's transaction (assign keeps a number given)."""
    numbering.assign(session, meeting.body_id, numbering.NOTICE, numbering.MEETING_NOTICE, meeting.id, c.now, c.by)
    expected = c.data.get("attendance_candidates") or c.data.get("attending_units") or {}
    when = meeting.meeting_at.strftime("%Y-%m-%d %H:%M") if meeting.meeting_at else ""
    text = f"会议时间：{when}\n会议地点：{meeting.place}\n会议议题：\n{meeting.topics}"
    notices.to_liaisons(session, meeting.body_id, expected, f"会议通知：{meeting.title}", text, c.now)


def attendance(session: Session, c: Completion) -> None:
    meeting = meeting_of(session, c)
    meeting.attended_units = list(c.values["attended_units"])
    expected = c.data.get("attendance_candidates") or c.data.get("attending_units") or {}
    meeting.absent_units = [code for code in expected if code not in c.values["attended_units"]]
    meeting.status = "held"


def drafted(session: Session, c: Completion) -> None:
    _new_version(session, meeting_of(session, c), c)
    meeting_of(session, c).status = "cosigning" if c.instance.process_id == "full_meeting" else "signing"


def _new_version(session: Session, meeting: Meeting, c: Completion) -> None:
    codes = set(session.scalars(select(Unit.code).where(Unit.body_id == meeting.body_id)))
    number = (
        session.scalar(select(func.max(MinutesVersion.number)).where(MinutesVersion.meeting_id == meeting.id)) or 0
    ) + 1
    version = MinutesVersion(
        meeting_id=meeting.id,
        number=number,
        text=c.values["minutes_text"],
        decided_items=items.parse(c.values.get("decided_items") or "", codes),
        drafted_by=c.by,
        drafted_at=c.now,
    )
    session.add(version)
    session.flush()


def latest_version(session: Session, meeting: Meeting) -> MinutesVersion:
    return session.scalar(
        select(MinutesVersion).where(MinutesVersion.meeting_id == meeting.id).order_by(MinutesVersion.number.desc())
    )


def minutes_recorded(session: Session, c: Completion) -> None:
    """The office meeting records attendance and drafts its minutes in one step."""
    attendance(session, c)
    drafted(session, c)


def received(session: Session, c: Completion) -> None:
    """An office meeting's units sign for their copy in a task; that is its receipt."""
    copy = session.scalar(
        select(Distribution)
        .join(Meeting, Meeting.id == Distribution.meeting_id)
        .where(Meeting.instance_id == c.instance.id, Distribution.unit == c.task.assignee)
    )
    if copy is not None and copy.opened_at is None:
        copy.opened_at, copy.opened_by = c.now, c.by


def cosigned(session: Session, c: Completion) -> None:
    meeting = meeting_of(session, c)
    session.add(
        CoSignature(
            meeting_id=meeting.id,
            version_id=latest_version(session, meeting).id,
            task_id=c.task.id,
            unit=c.data["signer"]["code"],  # the unit asked (its multi-instance item), whoever answered
            decision=c.values["decision"],
            comment=c.values.get("comment") or "",
            signed_by=c.by,
            signed_at=c.now,
        )
    )


def mediated(session: Session, c: Completion) -> None:
    """Settled, the minutes go back to the office to revise and co-sign again. Not settled, the
    disputed matter, the decided items it touches and each side's view are kept for the
    government to decide; the minutes go on to signing as co-signed, with no new version, those
    items marked as waiting for its decision (§六(三), engine.meetings.referrals). Either way the
    audit log names who mediated; the disputed matter names them too."""
    meeting = meeting_of(session, c)
    if c.values["outcome"] == "revised":
        meeting.status = "drafting"
        return
    cosigned = latest_version(session, meeting)
    disputed = referrals.disputed_numbers(c.values.get("disputed_items") or "", cosigned)
    dissent = session.scalars(
        select(CoSignature.unit).where(CoSignature.version_id == cosigned.id, CoSignature.decision == "disagree")
    ).all()
    session.add(
        DisputedMatter(
            meeting_id=meeting.id,
            version_id=cosigned.id,
            items=disputed,
            description=c.values["disputed_matter"],
            majority_view=c.values.get("majority_view") or "",
            dissenting_view=c.values.get("dissenting_view") or "",
            dissenting_units=list(dissent),
            recorded_by=c.by,
            recorded_at=c.now,
        )
    )
    meeting.status = "signing"


def signed(session: Session, c: Completion) -> None:
    meeting = meeting_of(session, c)
    if c.values["signature"] != "sign":
        meeting.status = "drafting"
        return
    meeting.status, meeting.issued_at, meeting.signed_by = "issued", c.now, c.by
    numbering.assign(session, meeting.body_id, numbering.MINUTES, numbering.MEETING, meeting.id, c.now, c.by)
    version = latest_version(session, meeting)
    recipients = _recipients(session, meeting)
    for unit, role in recipients:
        session.add(Distribution(meeting_id=meeting.id, version_id=version.id, unit=unit, role=role, sent_at=c.now))
    notices.minutes_issued(session, meeting, [unit for unit, _ in recipients], c.now)
    # The decided items go under supervision in the same transaction as the issuing.
    supervision.start_from_minutes(session, meeting, version, c.by, c.now)
    referrals.start_for_issued(session, meeting, version, c.by, c.now)  # the disputes it leaves (§六(三))


def _recipients(session: Session, meeting: Meeting) -> list[tuple[str, str]]:
    """Full minutes: every member unit and the invited units, a copy to the government; special
    minutes: the attending units, a copy to the government; office minutes: the attending units."""
    units = session.execute(
        select(Unit.code, Unit.kind).where(Unit.body_id == meeting.body_id).order_by(Unit.sort_order)
    )
    kinds = dict(units.all())
    if meeting.kind == "full":
        chosen = [c for c, k in kinds.items() if k == "member"] + [c for c in meeting.invited_units if c in kinds]
    else:
        chosen = list(meeting.attended_units)
    recipients = [(code, "member" if kinds.get(code) == "member" else "invited") for code in dict.fromkeys(chosen)]
    if meeting.kind != "office":
        recipients += [(code, "copy") for code, kind in kinds.items() if kind == "government"]
    return recipients


RECORDERS = {
    "meeting_opened": opened,
    "topic_suggested": topic_suggested,
    "meeting_proposed": proposed,
    "meeting_decided": decided,
    "attendance_recorded": attendance,
    "minutes_drafted": drafted,
    "minutes_cosigned": cosigned,
    "minutes_mediated": mediated,
    "minutes_signed": signed,
    "minutes_recorded": minutes_recorded,
    "minutes_received": received,
    **referral_records.RECORDERS,
}
