"""Day arithmetic BPMN scripts find ready (docs/AUTHORING.md, Scripts): calendar days, and working
days by the national calendar under the administrator's overrides (engine.core.workdays).

Scripts run in a helper process without the database, so the engine hands the working-day
calendar over with each run that names one of WORKING_DAY_NAMES, as plain data (`Days`: the days
of a few years around the command's time that break the Monday-to-Friday rule — holidays on
weekdays, 调休 weekends — built by engine.workflow.spiff.script_calendar); the helper counts by
it inside `counting_by`. A day outside those years is refused rather than guessed.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from engine.core.clock import as_aware, iso, parse_instant

# (first year, last year, the days of those years that break the Monday-to-Friday rule)
Days = tuple[int, int, frozenset[date]]
WORKING_DAY_NAMES = ("add_working_days", "is_working_day", "working_days_between")

_days: contextvars.ContextVar[Days | None] = contextvars.ContextVar("lianxi_working_days", default=None)


@contextmanager
def counting_by(days: Days | None) -> Iterator[None]:
    token = _days.set(days)
    try:
        yield
    finally:
        _days.reset(token)


def add_days(value: str, n: int) -> str:
    """Calendar days later; a YYYY-MM-DD date stays a date, a datetime keeps its time."""
    _check_whole("add_days", n)
    text = value.strip()
    if len(text) == 10:
        return (date.fromisoformat(text) + timedelta(days=n)).isoformat()
    return iso(parse_instant(text) + timedelta(days=n))


def date_of(value: str) -> str:
    return parse_instant(value).date().isoformat()


def is_working_day(value) -> bool:
    return _working(_day_of(value))


def add_working_days(value, n: int):
    """`n` working days later (earlier when negative), in the kind of value given: ISO text stays
    text (a YYYY-MM-DD date a date), a date a date, a datetime keeps its time."""
    _check_whole("add_working_days", n)
    day = target = _day_of(value)
    step, left = (1 if n > 0 else -1), abs(n)
    while left:
        target += timedelta(days=step)
        left -= _working(target)
    if isinstance(value, str):
        return add_days(value, (target - day).days)
    return value + (target - day)


def working_days_between(start, end) -> int:
    """The working days after `start`'s day up to and including `end`'s; negative when `end` comes first."""
    first, last = _day_of(start), _day_of(end)
    low, high = sorted((first, last))
    count = sum(_working(low + timedelta(days=n)) for n in range(1, (high - low).days + 1))
    return count if last >= first else -count


def _working(day: date) -> bool:
    days = _days.get()
    if days is None:
        raise ValueError("working days are counted only in a process the engine runs")
    first_year, last_year, exceptions = days
    if not first_year <= day.year <= last_year:
        raise ValueError(f"working days are known from {first_year} to {last_year}, not on {day.isoformat()}")
    return (day.weekday() < 5) != (day in exceptions)


def _day_of(value) -> date:
    """Its day in Beijing: of ISO text, a datetime (a naive one is Beijing time) or a date."""
    if isinstance(value, datetime):
        return as_aware(value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_instant(value).date()
    raise TypeError(f"a date, a datetime or its ISO text is needed, not {value!r}")


def _check_whole(name: str, n) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{name} needs a whole number of days, not {n!r}")
