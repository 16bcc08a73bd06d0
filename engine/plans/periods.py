"""Calendar arithmetic for running plans: reporting periods, the quarters reviews fall in, and
shifting a plan by whole years. Done in Python rather than BPMN cycles, which drift (docs/SPIFFWORKFLOW.md §5)."""

from __future__ import annotations

import calendar
from datetime import date
from typing import NamedTuple

MONTHS = {"quarter": 3, "half": 6, "year": 12}
LABEL = {"quarter": "{year}Q{n}", "half": "{year}H{n}", "year": "{year}"}


class Period(NamedTuple):
    label: str  # 2025, 2025H1, 2025Q3
    start: date
    end: date
    year: int


def periods(kind: str, start: date, end: date) -> list[Period]:
    """The periods of `kind` that overlap [start, end], whole (a report covers its period)."""
    if kind.endswith("y"):
        return _years(int(kind[:-1]), start, end)
    months = MONTHS[kind]
    found = []
    for year in range(start.year, end.year + 1):
        for n in range(1, 12 // months + 1):
            first = date(year, (n - 1) * months + 1, 1)
            last_month = n * months
            last = date(year, last_month, calendar.monthrange(year, last_month)[1])
            if last >= start and first <= end:
                found.append(Period(LABEL[kind].format(year=year, n=n), first, last, year))
    return found


def _years(step: int, start: date, end: date) -> list[Period]:
    """Blocks of `step` years counted from the start's year (每两年: 2024-2025, 2026-2027 …),
    labelled by their first and last years and judged by the last."""
    return [
        Period(f"{year}-{year + step - 1}", date(year, 1, 1), date(year + step - 1, 12, 31), year + step - 1)
        for year in range(start.year, end.year + 1, step)
    ]


def months_of(kind: str) -> int:
    return MONTHS[kind] if kind in MONTHS else 12 * int(kind[:-1])


def period_kind(label: str) -> str:
    if "-" in label:
        first, last = label.split("-")
        return f"{int(last) - int(first) + 1}y"
    return "quarter" if "Q" in label else "half" if "H" in label else "year"


def period_year(label: str) -> int:
    """The year a period's values are judged in: a span of years is judged in its last."""
    return int(label[-4:]) if "-" in label else int(label[:4])


def shift_years(day: date, years: int) -> date:
    """The same day `years` on; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
