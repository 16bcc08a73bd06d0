"""The working-day calendar a script run is handed: engine.workflow.spiff.script_days counts by it
in the helper process, which has no database.

Inside `calendar_from(session)` (every engine command: engine.workflow.instances), a script or
expression whose code names a working-day function gets the days of the years around the
command's that break the Monday-to-Friday rule, as the calendar and the administrator's
overrides have them; read once per command, and only by a command that needs them.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.core.workdays import WorkCalendar, work_calendar
from engine.workflow.spiff.script_days import WORKING_DAY_NAMES, Days

# The years a script may count in, around the command's: a year back, two ahead.
YEARS_BEFORE, YEARS_AFTER = 1, 2

_reading: contextvars.ContextVar[Callable[[int], Days] | None] = contextvars.ContextVar(
    "lianxi_script_calendar", default=None
)


@contextmanager
def calendar_from(session: Session) -> Iterator[None]:
    calendar = functools.cache(lambda: work_calendar(session))
    token = _reading.set(functools.cache(lambda year: days_around(calendar(), year)))
    try:
        yield
    finally:
        _reading.reset(token)


def handed_over(code: str, now: datetime | None) -> Days | None:
    """What a run of `code` at `now` is handed; None when it counts no working days."""
    read = _reading.get()
    if read is None or now is None or not any(name in code for name in WORKING_DAY_NAMES):
        return None
    return read(as_aware(now).year)


def days_around(calendar: WorkCalendar, year: int) -> Days:
    first, last = year - YEARS_BEFORE, year + YEARS_AFTER
    start = date(first, 1, 1)
    every = (start + timedelta(days=n) for n in range((date(last, 12, 31) - start).days + 1))
    return first, last, frozenset(day for day in every if calendar.is_working_day(day) != (day.weekday() < 5))
