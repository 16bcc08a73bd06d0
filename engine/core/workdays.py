"""The national working-day calendar: public holidays close offices, some weekends open them.

The `holidays` package carries the State Council's notices (调休 included) up to the latest
year it has transcribed; an administrator can enter a year's notice as overrides. For a year
neither covers, the calendar falls back to Monday–Friday and says so in the log, once a year.
Entering and removing an override is audited here; whoever changes the calendar then replans the
reminders (engine.reminders.planning.replan), which the core cannot reach.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from functools import cache

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
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


def overrides(session: Session) -> list[CalendarDay]:
    """The administrator's entries, in date order."""
    return list(session.scalars(select(CalendarDay).order_by(CalendarDay.day)))


def set_overrides(
    session: Session,
    first: date,
    until: date | None,
    working: bool,
    note: str,
    *,
    actor: str,
    body_id: int | None,
    now: datetime,
) -> list[date]:
    """Enter `first` (through `until`, if given) as working days or not, replacing any entry for
    those days; audited as one change. Returns the days entered."""
    days = [first + timedelta(days=n) for n in range(((until or first) - first).days + 1)]
    for day in days:
        session.merge(CalendarDay(day=day, working=working, note=note, entered_by=actor))
    after = {
        "days": [d.isoformat() for d in days],
        "day": first.isoformat(),
        "until": until.isoformat() if until else "",
        "working": "1" if working else "0",  # as the calendar page has always recorded it
        "note": note,
    }
    audit.record(session, now, actor, "calendar_set", body_id=body_id, summary=first.isoformat(), after=after)
    session.flush()
    return days


def remove_override(session: Session, day: date, *, actor: str, body_id: int | None, now: datetime) -> bool:
    """Remove the entry for `day`, audited with what it said; False when there is none."""
    row = session.get(CalendarDay, day)
    if row is None:
        return False
    after = {"working": row.working, "note": row.note}
    audit.record(session, now, actor, "calendar_delete", body_id=body_id, summary=day.isoformat(), after=after)
    session.delete(row)
    session.flush()
    return True
