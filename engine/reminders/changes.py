"""Changes that move the reminders already planned: a body's settings (its reminder policy) and
the national calendar's overrides. Each is written and the open tasks it touches replanned in
the caller's unit of work, for the pages and the API alike: engine.org and engine.core, which
keep the settings and the calendar, cannot reach the planner."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from engine.core import workdays
from engine.org import bodies
from engine.org.models import Body
from engine.reminders import planning


def save_body_settings(session: Session, body_id: int, *, actor: str, now: datetime, **settings) -> Body:
    """engine.org.bodies.save_settings, then the body's open tasks replanned for the new offsets."""
    body = bodies.save_settings(session, body_id, actor=actor, now=now, **settings)
    planning.replan(session, now, body_id=body_id)
    return body


def enter_calendar_days(
    session: Session, first: date, until: date | None, working: bool, note: str, *, actor: str, body_id: int | None,
    now: datetime,
) -> list[date]:  # fmt: skip
    """engine.core.workdays.set_overrides, then every body's open tasks replanned: the calendar is national."""
    days = workdays.set_overrides(session, first, until, working, note, actor=actor, body_id=body_id, now=now)
    planning.replan(session, now)
    return days


def remove_calendar_day(session: Session, day: date, *, actor: str, body_id: int | None, now: datetime) -> bool:
    """engine.core.workdays.remove_override, then every body's open tasks replanned; False when
    the day had no entry (nothing changed)."""
    if not workdays.remove_override(session, day, actor=actor, body_id=body_id, now=now):
        return False
    planning.replan(session, now)
    return True
