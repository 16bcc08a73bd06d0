"""The dates a deadline rule gives within a window: one function per rule kind (docs/PLANS.md).

A window is a tuple of (start, end) parts, both days included: a phase given in pieces, such as
总结评估阶段（2024年12月、2025年11—12月）, has two. Rules that repeat (yearly, quarterly, every)
give only the dates inside the window; rules that name their dates give them all, and the loader
refuses a file whose named dates fall outside.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

Window = tuple[tuple[date, date], ...]

QUARTER_MONTH = {"first": 0, "second": 1, "last": 2}
LAST = "last"
# Rules that repeat over their window: a date of theirs too close to the plan's issue is dropped (schedule.py).
PERIODIC = ("yearly", "quarterly", "monthly", "every")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def inside(day: date, window: Window) -> bool:
    return any(start <= day <= end for start, end in window)


def years_of(window: Window) -> range:
    return range(min(s.year for s, _ in window), max(e.year for _, e in window) + 1)


def _fixed(params: dict, window: Window) -> list[date]:
    return [params["date"]]


def _dates(params: dict, window: Window) -> list[date]:
    return list(params["dates"])


def _month_end(params: dict, window: Window) -> list[date]:
    return [month_end(params["year"], params["month"])]


def day_of(year: int, month: int, day: int | str) -> date:
    """`day` is a number or "last" (月底, 季末: the plan names no day)."""
    return month_end(year, month) if day == LAST else date(year, month, day)


def _yearly(params: dict, window: Window) -> list[date]:
    if "years" in params:
        return [day_of(year, params["month"], params["day"]) for year in params["years"]]
    days = (day_of(year, params["month"], params["day"]) for year in years_of(window))
    return [d for d in days if inside(d, window)]


def _quarterly(params: dict, window: Window) -> list[date]:
    offset = QUARTER_MONTH[params.get("month_of_quarter", "last")]
    days = (
        day_of(year, first_month + offset, params["day"]) for year in years_of(window) for first_month in (1, 4, 7, 10)
    )
    return [d for d in days if inside(d, window)]


def _monthly(params: dict, window: Window) -> list[date]:
    days = (day_of(year, month, params["day"]) for year in years_of(window) for month in range(1, 13))
    return [d for d in days if inside(d, window)]


def _phase(params: dict, window: Window) -> list[date]:
    """A day of the phase (its start, middle or end), or its end when the work fills its last months."""
    start, end = window[0][0], window[-1][1]
    at = params.get("at", "end")
    return [start if at == "start" else end if at == "end" else start + (end - start) // 2]


def last_part_starts(params: dict, end: date) -> date:
    """The first day of a phase's last N days or months (后期): the last 2 months of one ending on
    31 October begin on 1 September."""
    if "days" in params:
        return end - timedelta(days=params["days"] - 1)
    after = end + timedelta(days=1)
    year, month0 = divmod(after.year * 12 + after.month - 1 - params["months"], 12)
    return date(year, month0 + 1, min(after.day, calendar.monthrange(year, month0 + 1)[1]))


def _every(params: dict, window: Window) -> list[date]:
    """One deadline at the end of each calendar period (of `months` or `years`) that meets the
    window, cut short at the window's end: a review "at least once a quarter" is due by each
    quarter's last day, and the last one by the end of the window."""
    dues: set[date] = set()
    for start, end in window:
        for period_end in _period_ends(params, start, end):
            dues.add(min(period_end, end))
    return sorted(dues)


def _period_ends(params: dict, start: date, end: date) -> list[date]:
    if "years" in params:
        step = params["years"]
        return [date(year + step - 1, 12, 31) for year in range(start.year, end.year + 1, step)]
    step = params["months"]
    first = start.year * 12 + (start.month - 1) // step * step  # the period holding `start`
    last = end.year * 12 + end.month - 1
    return [_month_end_of_index(m + step - 1) for m in range(first, last + 1, step)]


def _month_end_of_index(index: int) -> date:
    """Months counted from year 0: index year*12 + month-1."""
    year, month0 = divmod(index, 12)
    return month_end(year, month0 + 1)


RULES: dict[str, Callable[[dict, Window], list[date]]] = {
    "fixed": _fixed,
    "dates": _dates,
    "month_end": _month_end,
    "yearly": _yearly,
    "quarterly": _quarterly,
    "monthly": _monthly,
    "every": _every,
    "phase": _phase,
}


def due_dates(kind: str, params: dict, window: Window) -> list[date] | None:
    """The due dates, sorted; None for an after_event rule (due once the event happens) and an
    open-ended duty (no time limit)."""
    if kind in ("after_event", "open"):
        return None
    return sorted(set(RULES[kind](params, window)))
