"""Starting the year's annual cycle: one `annual_summary` instance per body per year, started by
the scheduler on the body's start day. Not a cycle timer start event: SpiffWorkflow freezes
yearly cycles to seconds, so they drift (docs/SPIFFWORKFLOW.md §5), and one instance would live forever.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engine.annual.models import AnnualCycle, AnnualSetting
from engine.annual.settings import settings_of
from engine.core.clock import SHANGHAI, parse_instant
from engine.core.db import Database
from engine.core.errors import LianxiError
from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.workflow import instances
from engine.workflow.models import WorkflowSpec

log = logging.getLogger(__name__)
PROCESS_ID = "annual_summary"


def start_due_cycles(db: Database, now: datetime) -> int:
    """The scheduler's step: each body whose start day has come this year and that has no
    cycle for the year yet gets one, each in its own transaction. Bodies whose day has not come
    are passed over in the read: a write transaction each, every minute, stalls a quiet pass
    once there are many bodies."""
    year = now.astimezone(SHANGHAI).year
    with db.read_session() as session:
        if session.scalar(select(WorkflowSpec.id).where(WorkflowSpec.process_id == PROCESS_ID).limit(1)) is None:
            return 0  # not deployed here: nothing to start
        started = select(AnnualCycle.body_id).where(AnnualCycle.year == year)
        waiting = session.scalars(select(Body.id).where(Body.id.not_in(started))).all()
        settings = session.scalars(select(AnnualSetting)).all()  # noqa: F841 -- held: settings_of finds them in the session
        due = [body_id for body_id in waiting if starts_at(settings_of(session, body_id).start_date(year)) <= now]
    return sum(_start_if_due(db, body_id, year, now) for body_id in due)


def _start_if_due(db: Database, body_id: int, year: int, now: datetime) -> bool:
    try:
        with UnitOfWork(db) as uow:
            body = uow.session.get(Body, body_id)
            if starts_at(settings_of(uow.session, body_id).start_date(year)) > now or _has_cycle(
                uow.session, body_id, year
            ):
                return False
            start_cycle(uow.session, body, year, now)
            uow.commit()
    except IntegrityError:  # another scheduler started this year's cycle a moment ago
        return False
    except LianxiError:
        log.exception("starting the %s annual cycle of body %s failed", year, body_id)
        return False
    return True


def next_due(db: Database, now: datetime) -> datetime | None:
    """When `start_due_cycles` next has work: the earliest start day of a year a body has no
    cycle for, this year's or, for a body that has this year's, next year's."""
    year = now.astimezone(SHANGHAI).year
    with db.read_session() as session:
        if session.scalar(select(WorkflowSpec.id).where(WorkflowSpec.process_id == PROCESS_ID).limit(1)) is None:
            return None
        started = set(session.execute(select(AnnualCycle.body_id, AnnualCycle.year)))
        found = []
        for body_id in session.scalars(select(Body.id)):
            first = next(y for y in (year, year + 1, year + 2) if (body_id, y) not in started)
            found.append(starts_at(settings_of(session, body_id).start_date(first)))
    return min(found, default=None)


def _has_cycle(session, body_id: int, year: int) -> bool:
    found = select(AnnualCycle.id).where(AnnualCycle.body_id == body_id, AnnualCycle.year == year)
    return session.scalar(found) is not None


def starts_at(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=SHANGHAI)


def start_cycle(session, body: Body, year: int, now: datetime) -> AnnualCycle:
    """The year's instance, with the deadline and approval rule the body has today."""
    settings = settings_of(session, body.id)
    deadline = settings.deadline(year).isoformat()
    data = {
        "title": f"{year}年度工作总结和{year + 1}年工作计划",
        "year": year,
        "deadline": deadline,
        "resubmit_by": "",
        "review_comments": "",
        "convener_comments": "",
        "require_convener_approval": settings.require_convener_approval,
    }
    instance = instances.start(session, PROCESS_ID, body, data, "system", now)
    cycle = AnnualCycle(
        body_id=body.id,
        year=year,
        instance_id=instance.id,
        deadline=deadline,
        deadline_at=parse_instant(deadline),
        require_convener_approval=settings.require_convener_approval,
        status="collecting",
        started_at=now,
    )
    session.add(cycle)
    session.flush()
    return cycle
