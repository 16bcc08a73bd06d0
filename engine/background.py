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

from engine import closing, instances
from engine.annual import cycles as annual_cycles
from engine.config import Settings
from engine.db import Database
from engine.meetings import rounds
from engine.models import SchedulerLease
from engine.plan_runs import opening as plan_opening
from engine.reminders import planning

log = logging.getLogger(__name__)


class Step(NamedTuple):
    name: str
    run: Callable[[Database, Settings, datetime], int]
    summary: str  # formatted with the step's count


# Timers first (a meeting held opens its minutes task), then regular meetings' rounds, then
# requests closed at their deadline, then reminders for whatever is still open.
ENGINE_STEPS = (
    Step("timers", lambda db, _settings, now: instances.fire_due_timers(db, now), "timers fired on {} instance(s)"),
    Step("rounds", lambda db, _settings, now: rounds.open_due_rounds(db, now), "{} meeting round(s) opened"),
    Step("annual", lambda db, _settings, now: annual_cycles.start_due_cycles(db, now), "{} annual cycle(s) started"),
    Step("deadlines", lambda db, _settings, now: closing.close_overdue(db, now), "{} request(s) closed at deadline"),
    Step("plans", lambda db, _settings, now: plan_opening.run_step(db, now), "{} action-plan task(s) or briefing(s)"),
    Step("reminders", lambda db, _settings, now: len(planning.plan_due(db, now)), "{} reminder message(s) planned"),
)


@cache
def steps() -> tuple[Step, ...]:
    return ENGINE_STEPS + tuple(entry.load() for entry in entry_points(group="lianxi.pass"))


def run_pass(db: Database, settings: Settings, now: datetime) -> list[str]:
    """One pass at `now`; what each step did, in words. A failing step is logged and the next
    one still runs: a broken mail server must not stop timers."""
    done = []
    for step in steps():
        try:
            done.append(step.summary.format(step.run(db, settings, now)))
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
