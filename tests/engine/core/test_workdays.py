"""The national working-day calendar, and the default reminder schedule worked out to the day
for a report due on Saturday 20 December 2025."""

from __future__ import annotations

import logging
from datetime import date, datetime

from engine.core import workdays
from engine.core.clock import SHANGHAI
from engine.core.workdays import WorkCalendar, last_official_year
from engine.reminders.policy import Policy, schedule


def test_official_holidays_and_adjusted_weekends():
    calendar = WorkCalendar()
    assert not calendar.is_working_day(date(2026, 1, 1))  # New Year's Day
    assert not calendar.is_working_day(date(2026, 1, 2))  # part of the holiday
    assert calendar.is_working_day(date(2026, 1, 4))  # a Sunday made a working day (调休)
    assert not calendar.is_working_day(date(2025, 12, 20))  # an ordinary Saturday


def test_the_default_schedule_for_20_december_to_the_day():
    due = datetime(2025, 12, 20, 23, 59, 59, tzinfo=SHANGHAI)
    planned = [(p.kind, p.at.date().isoformat()) for p in schedule(due, Policy(), WorkCalendar())]
    assert planned == [
        ("before", "2025-12-15"),
        ("before", "2025-12-18"),
        ("due", "2025-12-19"),
        ("escalation", "2025-12-22"),
        ("overdue", "2025-12-22"),
        ("overdue", "2025-12-24"),
        ("overdue", "2025-12-26"),
        ("overdue", "2025-12-30"),
        ("overdue", "2026-01-04"),
    ]


def test_a_year_without_data_falls_back_to_monday_to_friday_and_says_so(caplog):
    year = last_official_year() + 5
    workdays._warn_fallback.cache_clear()  # it warns once a year per process
    calendar = WorkCalendar()
    with caplog.at_level(logging.WARNING, logger="engine.core.workdays"):
        assert calendar.is_working_day(date(year, 1, 1)) == (date(year, 1, 1).weekday() < 5)
    assert f"no official working-day data for {year}" in caplog.text


def test_an_entered_notice_is_the_whole_truth_for_its_year():
    year = last_official_year() + 5
    worked_saturday, holiday_monday = date(year, 3, 1), date(year, 3, 3)
    assert (worked_saturday.weekday(), holiday_monday.weekday()) == (5, 0)
    calendar = WorkCalendar({worked_saturday: True, holiday_monday: False})
    assert calendar.covers(year)
    assert calendar.is_working_day(worked_saturday) and not calendar.is_working_day(holiday_monday)
    # what the notice does not list is an ordinary day, whatever the package might guess
    assert calendar.is_working_day(date(year, 3, 4)) and not calendar.is_working_day(date(year, 3, 8))
