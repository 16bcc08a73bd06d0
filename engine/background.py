"""The scheduler pass: the steps that move processes along without anyone clicking.

`lianxi tick` and the background scheduler both run exactly these, in this order, so a test
that ticks sees what production does. Reminders and their delivery join here as further steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from engine import instances
from engine.db import Database


class Step(NamedTuple):
    name: str
    run: Callable[[Database, datetime], int]
    summary: str  # formatted with the step's count


PASS = (Step("timers", instances.fire_due_timers, "timers fired on {} instance(s)"),)


def run_pass(db: Database, now: datetime) -> list[str]:
    """One pass at `now`; what each step did, in words."""
    return [step.summary.format(step.run(db, now)) for step in PASS]
