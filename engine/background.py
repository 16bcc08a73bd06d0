"""The scheduler pass: the steps that move processes along without anyone clicking.

`lianxi tick` and the background scheduler both run exactly these, in this order, so a test
that ticks sees what production does. The engine's own steps come first; other packages add
theirs through the `lianxi.pass` entry point (delivery, from `notifications`), which keeps the
engine from importing them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from importlib.metadata import entry_points
from typing import NamedTuple

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from engine.annual import cycles as annual_cycles
from engine.core.clock import Clock, RealClock
from engine.core.config import Settings
from engine.core.db import Database
from engine.core.models import SchedulerLease
from engine.meetings import rounds
from engine.plan_runs import opening as plan_opening
from engine.reminders import planning
from engine.workflow import closing, timers

log = logging.getLogger(__name__)


class Step(NamedTuple):
    name: str
    run: Callable[[Database, Settings, datetime, Lease], int]
    summary: str  # formatted with the step's count
    # When the step next has work, as it sees the database after a pass at `now`: the earliest
    # instant a pass would do something (at or before `now` when work is left over), or None
    # while nothing is scheduled. A step without one may have work at every pass.
    due: Callable[[Database, Settings, datetime], datetime | None] | None = None


def _engine(
    name: str,
    work: Callable[[Database, datetime], int],
    summary: str,
    due: Callable[[Database, datetime], datetime | None],
) -> Step:
    """The engine's steps need only the database and the time."""
    return Step(
        name, lambda db, _settings, now, _lease: work(db, now), summary, lambda db, _settings, now: due(db, now)
    )


# Timers first (a meeting held opens its minutes task), then regular meetings' rounds, then
# requests closed at their deadline, then reminders for whatever is still open.
ENGINE_STEPS = (
    _engine("timers", timers.fire_due_timers, "timers fired on {} instance(s)", timers.next_due),
    _engine("rounds", rounds.open_due_rounds, "{} meeting round(s) opened", rounds.next_due),
    _engine("annual", annual_cycles.start_due_cycles, "{} annual cycle(s) started", annual_cycles.next_due),
    _engine("deadlines", closing.close_overdue, "{} request(s) closed at deadline", closing.next_due),
    _engine("plans", plan_opening.run_step, "{} action-plan task(s) or briefing(s)", plan_opening.next_due),
    Step(  # a batch at a time, renewing the scheduler's lease between them
        "reminders",
        lambda db, _settings, now, lease: len(planning.plan_due(db, now, lease)),
        "{} reminder message(s) planned",
        lambda db, _settings, now: planning.next_due(db, now),
    ),
)


@cache
def steps() -> tuple[Step, ...]:
    return ENGINE_STEPS + tuple(entry.load() for entry in entry_points(group="lianxi.pass"))


def next_due(db: Database, settings: Settings, now: datetime) -> datetime | None:
    """The earliest instant at which a pass would do something, as the database stands after a
    pass at `now`: at or before `now` when work is left over, None while nothing is scheduled
    (only people can bring more). A pass before it does nothing, so a simulation may go straight
    to it (the year-long scenarios in tests/ do). A step that cannot tell makes it `now`."""
    found = []
    for step in steps():
        if step.due is None:
            return now
        at = step.due(db, settings, now)
        if at is not None:
            found.append(at)
    return min(found, default=None)


class Lease:
    """A pass's hold on its work, on real time whatever the domain clock says: it is about
    processes, not deadlines. A scheduler's lease (with a `holder`) is renewed between pieces
    of a long pass, which stops when another scheduler has taken it over; without a holder
    (`lianxi tick`, `lianxi remind`) there is nothing to renew. Outbox claims are timed by it
    too, so that a batch claimed late in a long pass is held for a whole outbox lease."""

    def __init__(self, clock: Clock | None = None, db: Database | None = None, holder: str = "", ttl=timedelta(0)):
        self.clock, self.db, self.holder, self.ttl = clock or RealClock(), db, holder, ttl

    def now(self) -> datetime:
        return self.clock.now()

    def renew(self) -> bool:
        return not self.holder or hold_lease(self.db, self.holder, self.now(), self.ttl)


def run_pass(db: Database, settings: Settings, now: datetime, lease: Lease | None = None) -> list[str]:
    """One pass at `now`; what each step did, in words. A failing step is logged and the next
    one still runs: a broken mail server must not stop timers."""
    lease, done = lease or Lease(), []
    for step in steps():
        if not lease.renew():
            log.warning("scheduler pass stopped before %s: the lease went to another scheduler", step.name)
            done.append(f"{step.name} not run")
            break
        try:
            done.append(step.summary.format(step.run(db, settings, now, lease)))
        except Exception:
            log.exception("scheduler step %s failed", step.name)
            done.append(f"{step.name} failed")
    return done


def hold_lease(db: Database, holder: str, real_now: datetime, ttl: timedelta) -> bool:
    """True when `holder` may run the pass: the lease was free, expired, or already its own.
    One conditional UPDATE, so two schedulers can never both take it. Read on real time,
    whatever the domain clock says: it is about processes, not deadlines."""
    with db.write_session() as session:
        taken = session.execute(
            update(SchedulerLease)
            .where(SchedulerLease.name == "pass")
            .where((SchedulerLease.holder == holder) | (SchedulerLease.until < real_now))
            .values(holder=holder, until=real_now + ttl)
        ).rowcount
        if not taken and session.get(SchedulerLease, "pass") is None:
            session.add(SchedulerLease(name="pass", holder=holder, until=real_now + ttl))
            taken = 1
        try:
            session.commit()
        except IntegrityError:  # another scheduler created it at the same instant
            return False
    return bool(taken)
