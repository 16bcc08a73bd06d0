"""notify_unit: a notice in the notification centre of a member unit's liaisons, as a meeting's
notices are (engine.meetings.notices): news for the unit, not a reminder of a task it owes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.org.models import Unit
from engine.org.queries import liaisons_of
from engine.workflow.services.base import Context, Operator, Param, ServiceFailure

TITLE_MAX = 300  # the notification's title column


def _title(value: str) -> str | None:
    if not value.strip():
        return "is empty"
    return f"is longer than {TITLE_MAX} characters" if len(value) > TITLE_MAX else None


def notify(context: Context, params: dict, now: datetime) -> dict:
    from engine.meetings import notices  # a feature: the workflow core reaches it at call time

    session, body_id, code = context.session, context.instance.body_id, params["unit"]
    if session.scalar(select(Unit.id).where(Unit.body_id == body_id, Unit.code == code)) is None:
        raise ServiceFailure(f"unit {code!r} is not a unit of this body")
    people = liaisons_of(session, body_id, code)
    if not people:  # a notice nobody reads is a failure the office should hear of
        raise ServiceFailure(f"unit {code!r} has no active liaison to notify")
    notices.to_liaisons(session, body_id, [code], params["title"].strip(), params.get("text", ""), now)
    return {"unit": code, "notified": [person.username for person in people]}


OPERATOR = Operator(
    "notify_unit",
    {"unit": Param(str), "title": Param(str, check=_title), "text": Param(str, required=False)},
    notify,
)
