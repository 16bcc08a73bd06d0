"""Who may download a meeting's minutes as an official document: whoever may read a copy of
them, that is the office and the conveners (who see the whole body) and the units sent a copy.
Anything else, and minutes not yet issued, is not found (engine.meetings.access)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.meetings import access
from engine.meetings.models import Meeting
from engine.meetings.queries import copy_for
from engine.org.models import Person


def visible_minutes(session: Session, person: Person, meeting_id: int) -> Meeting:
    meeting = access.visible_meeting(session, person, meeting_id)
    if meeting.issued_at is None:
        raise NotFound(f"minutes of meeting {meeting_id}")
    if not person.sees_whole_body and copy_for(session, meeting, person) is None:
        raise NotFound(f"minutes of meeting {meeting_id} for {person.unit.code}")
    return meeting
