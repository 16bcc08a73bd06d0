"""Who may see a meeting (会议) and a unit's copy of its issued minutes.

The office, the convener and the administrator see every meeting of their body; a unit's people
see the meetings their unit attends, is invited to, receives a copy of, or takes part in through
the meeting's process. Anything else is not found (NotFound, 404), exactly like an id that does
not exist, so meeting ids reveal nothing across units or bodies.

The meeting's level (密级, docs/CONFIDENTIALITY.md) narrows or widens that rule here, so every
reader of the meeting and its minutes (its page, the copy, the .docx, search, the list) gets it:
a restricted meeting is read only by the office, the conveners and the units it names.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine.confidentiality.levels import may_read
from engine.core.errors import NotFound
from engine.meetings.models import Distribution, Meeting
from engine.meetings.queries import copy_for
from engine.org.models import Person
from engine.workflow import access
from engine.workflow.models import ProcessInstance


def can_see_meeting(session: Session, person: Person, meeting: Meeting) -> bool:
    return meeting.body_id == person.body_id and _may_read(session, person, meeting)


def _may_read(session: Session, person: Person, meeting: Meeting) -> bool:
    """The meeting's own rule, narrowed or widened by its level (engine.confidentiality)."""
    sees = person.sees_whole_body or _concerns(session, meeting, person)
    return may_read(person, meeting.level, named_units(session, meeting), sees_record=sees)


def named_units(session: Session, meeting: Meeting):  # noqa: ANN201
    """The units a restricted meeting is open to: those it invited, those that attended and those
    sent a copy of its minutes. A generator: only a restricted meeting's check runs the query."""
    yield from meeting.invited_units
    yield from meeting.attended_units
    yield from session.scalars(select(Distribution.unit).where(Distribution.meeting_id == meeting.id))


def _concerns(session: Session, meeting: Meeting, person: Person) -> bool:
    unit = person.unit.code
    if unit in meeting.attended_units or unit in meeting.invited_units:
        return True
    copy = select(Distribution.id).where(Distribution.meeting_id == meeting.id, Distribution.unit == unit)
    if session.scalar(copy) is not None:
        return True
    instance = session.get(ProcessInstance, meeting.instance_id)
    return access.can_see_instance(session, person, instance)


# A meeting whose process has ended; the rest are in progress or still to come.
FINISHED = ("issued", "cancelled")


def visible_meetings(
    session: Session, person: Person, *, status: str | None = None, kind: str | None = None
) -> list[Meeting]:
    """The meetings the person may see, of one status or kind if asked: those in progress or to
    come first, the soonest first and those not yet dated after them; then the finished, the
    latest first."""
    query = select(Meeting).where(Meeting.body_id == person.body_id).order_by(*_listing_order())
    if status:
        query = query.where(Meeting.status == status)
    if kind:
        query = query.where(Meeting.kind == kind)
    return [m for m in session.scalars(query).all() if _may_read(session, person, m)]


def _listing_order() -> tuple:
    finished = Meeting.status.in_(FINISHED)
    when = func.coalesce(Meeting.meeting_at, Meeting.opened_at)
    return (
        case((finished, 1), else_=0),
        case((finished, None), (Meeting.meeting_at.is_(None), 1), else_=0),
        case((finished, None), else_=Meeting.meeting_at),
        case((finished, when)).desc(),
        Meeting.id.desc(),
    )


def visible_meeting(session: Session, person: Person, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not can_see_meeting(session, person, meeting):
        raise NotFound(f"meeting {meeting_id}")
    return meeting


def visible_copy(session: Session, person: Person, meeting_id: int) -> tuple[Meeting, Distribution]:
    """The meeting and the copy of its minutes sent to the person's unit; not found when none was."""
    meeting = visible_meeting(session, person, meeting_id)
    received = copy_for(session, meeting, person)
    if received is None:
        raise NotFound(f"copy of meeting {meeting_id} for {person.unit.code}")
    return meeting, received
