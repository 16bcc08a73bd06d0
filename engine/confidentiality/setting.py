"""Setting a file's or document's level: the office restricts or keeps internal; making anything
public is the office director's own act, recorded in the audit log with who and when.

The director doing it is the consent the rules ask for (§六(六)), so there is no request to wait
on: an office member who wants a file public asks the director, who sets it. Every change is
audited, the director's publications included.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from engine.confidentiality.levels import LEVELS, PUBLIC
from engine.core import audit
from engine.core.errors import FieldError, Forbidden, InvalidData

if TYPE_CHECKING:
    from engine.org.models import Person

DIRECTOR = "office_director"


class NeedsDirector(Forbidden):
    code = "needs_director"


def may_set(person: Person, level: str) -> bool:
    return person.is_office and (level != PUBLIC or DIRECTOR in person.roles)


def set_level(
    session: Session, person: Person, record, level: str, now: datetime, *, instance_id: int | None = None
) -> bool:
    """Sets `record.level` (an Attachment or an OutgoingDocument the person may read) and audits
    the change; False when it already had that level. The caller commits."""
    if level not in LEVELS:
        raise InvalidData({"level": FieldError("not_a_choice")})
    if not person.is_office:
        raise Forbidden("only the office sets a level")
    if not may_set(person, level):
        raise NeedsDirector("公开须经办公室主任同意 (making public needs the office director)")
    before = record.level
    if before == level:
        return False
    record.level = level
    audit.record(
        session, now, person.username, "publish" if level == PUBLIC else "set_level",
        body_id=record.body_id, instance_id=instance_id,
        summary=f"{record.__tablename__} {record.id}", before={"level": before}, after={"level": level},
    )  # fmt: skip
    return True
