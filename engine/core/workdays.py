"""The national working-day calendar: public holidays close offices, some weekends open them.

The `holidays` package carries the State Council's notices (调休 included) up to the latest
year it has transcribed; an administrator can enter a year's notice as overrides. For a year
neither covers, the calendar falls back to Monday–Friday and says so in the log, once a year.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from functools import cache

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.models import CalendarDay

log = logging.getLogger(__name__)


YEARS = range(2000, 2100)


@cache
def _official() -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=YEARS)


@cache
def last_official_year() -> int:
    """The last year whose adjusted working weekends the package has: a year with none was not
    yet transcribed from an official notice, whatever holidays the package can compute for it."""
    return max(day.year for day in _official().weekend_workdays)


class WorkCalendar:
    def __init__(self, overrides: dict[date, bool] | None = None):
        self._overrides = overrides or {}  # day -> is it a working day
        self._override_years = {day.year for day in self._overrides}

    def covers(self, year: int) -> bool:
        return year <= last_official_year() or year in self._override_years

    def is_working_day(self, day: date) -> bool:
        """An override wins; then the package's official data; beyond it, Monday to Friday —
        for a year whose notice an administrator entered, the notice lists every exception."""
        if day in self._overrides:
            return self._overrides[day]
        if day.year <= last_official_year():
            return _official().is_working_day(day)
        if day.year not in self._override_years:
            _warn_fallback(day.year)
        return day.weekday() < 5

    def nth_working_day_before(self, day: date, n: int) -> date:
        return self._step(day, -1, n)

    def nth_working_day_after(self, day: date, n: int) -> date:
        return self._step(day, 1, n)

    def on_or_before(self, day: date) -> date:
        return day if self.is_working_day(day) else self.nth_working_day_before(day, 1)

    def on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.nth_working_day_after(day, 1)

    def _step(self, day: date, direction: int, n: int) -> date:
        found = 0
        while found < n:
            day += timedelta(days=direction)
            found += self.is_working_day(day)
        return day


@cache
def _warn_fallback(year: int) -> None:
    log.warning(
        "no official working-day data for %s: counting Monday to Friday as working days; "
        "enter the year's State Council notice as calendar overrides",
        year,
    )


def work_calendar(session: Session) -> WorkCalendar:
    """The national calendar under the administrator's overrides (工作日历), as kept in the database."""
    return WorkCalendar({d.day: d.working for d in session.scalars(select(CalendarDay))})
