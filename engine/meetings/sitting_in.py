"""列席 (the joint-meeting rules §四(一)): the office's people who sat in on a full meeting, kept
apart from the units that attended (出席). The office records them once the meeting is held and
until its minutes are issued; the minutes print them after the units (engine.documents.official_docx)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import Conflict, FieldError, Forbidden, InvalidData
from engine.meetings.models import Meeting
from engine.org.models import OFFICE_ROLES, ROLES, Person, PersonRole

# Held, its minutes not yet issued: an issued document is not written again.
RECORDABLE = ("held", "drafting", "cosigning", "signing")


class NotRecordable(Conflict):
    """Not a full meeting held and not yet issued: the page that offered it is out of date (409)."""

    code = "sitting_in_closed"


def recordable(meeting: Meeting) -> bool:
    return meeting.kind == "full" and meeting.status in RECORDABLE


def may_record(person: Person, meeting: Meeting) -> bool:
    """Whether the person may record now who sat in: the office, while the meeting is recordable."""
    return person.is_office and recordable(meeting)


def candidates(session: Session, body_id: int) -> list[Person]:
    """The office's active people, the director first."""
    query = (
        select(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(Person.body_id == body_id, Person.active, PersonRole.role.in_(OFFICE_ROLES))
        .distinct()
    )
    return sorted(session.scalars(query), key=lambda p: (_seniority(p), p.display_name))


def _seniority(person: Person) -> int:
    return min(ROLES.index(role) for role in person.roles & OFFICE_ROLES)


def record(session: Session, actor: Person, meeting: Meeting, usernames: list[str], now: datetime) -> None:
    """Who of the office sat in: replaces what was recorded (none: nobody sat in); audited."""
    if not actor.is_office:
        raise Forbidden("only the office records who sat in on a meeting")
    if not recordable(meeting):
        raise NotRecordable(f"meeting {meeting.id} is not a full meeting held and not yet issued")
    office = [p.username for p in candidates(session, meeting.body_id)]
    strangers = sorted(set(usernames) - set(office))
    if strangers:
        raise InvalidData({"sitting_in": FieldError("not_eligible")}, f"not of the office: {', '.join(strangers)}")
    before = {"sitting_in": list(meeting.sitting_in)}
    meeting.sitting_in = [username for username in office if username in usernames]
    audit.record(
        session,
        now,
        actor.username,
        "sitting_in_recorded",
        body_id=meeting.body_id,
        instance_id=meeting.instance_id,
        summary=meeting.title,
        before=before,
        after={"sitting_in": meeting.sitting_in},
    )


def names(session: Session, meeting: Meeting) -> list[str]:
    """Who sat in, by name, in the order recorded."""
    query = select(Person.username, Person.display_name).where(
        Person.body_id == meeting.body_id, Person.username.in_(meeting.sitting_in)
    )
    found = dict(session.execute(query).all())
    return [found.get(username, username) for username in meeting.sitting_in]
