"""定期召开: a body that holds its full meeting every so many months gets each round opened by
itself — the office finds "拟定会议并征集议题" in its inbox on the first working morning the
period has run, counted from when the last round opened."""

from __future__ import annotations

import calendar as months
from datetime import date, datetime, time

from sqlalchemy import func, select

from engine.core.clock import SHANGHAI
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.core.workdays import work_calendar
from engine.org.models import Body
from engine.workflow import instances
from engine.workflow.models import ProcessInstance

OPENS_AT = time(9, 0)


def open_due_rounds(db: Database, now: datetime) -> int:
    with db.read_session() as session:
        scheduled = session.scalars(select(Body.id).where(Body.full_meeting_every_months.is_not(None))).all()
    return sum(_open_if_due(db, body_id, now) for body_id in scheduled)


def _open_if_due(db: Database, body_id: int, now: datetime) -> bool:
    with UnitOfWork(db) as uow:  # one write transaction: two passes cannot both open the round
        body = uow.session.get(Body, body_id)
        due = next_round_at(uow.session, body)
        if due is None or due > now:
            return False
        title = f"{now.astimezone(SHANGHAI):%Y年%m月}全体会议"
        instances.start(uow.session, "full_meeting", body, {"title": title}, "system", now)
        uow.commit()
    return True


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `open_due_rounds` next has work: the earliest body's next round."""
    with db.read_session() as session:
        scheduled = session.scalars(select(Body).where(Body.full_meeting_every_months.is_not(None))).all()
        return min((next_round_at(session, body) for body in scheduled), default=None)


def next_round_at(session, body: Body) -> datetime | None:
    """When the next round opens: the period after the last round (the first working morning on
    or after that day), or at once if the body has never held one here."""
    if body.full_meeting_every_months is None:
        return None
    last = session.scalar(
        select(func.max(ProcessInstance.started_at)).where(
            ProcessInstance.body_id == body.id, ProcessInstance.process_id == "full_meeting"
        )
    )
    if last is None:
        return datetime.min.replace(tzinfo=SHANGHAI)
    due = add_months(last.astimezone(SHANGHAI).date(), body.full_meeting_every_months)
    day = work_calendar(session).on_or_after(due)
    return datetime.combine(day, OPENS_AT, tzinfo=SHANGHAI)


def add_months(day: date, count: int) -> date:
    """The same day `count` months on, or the month's last day when it has fewer (31 Aug + 6 → 28 Feb)."""
    month = day.month - 1 + count
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, months.monthrange(year, month)[1]))
