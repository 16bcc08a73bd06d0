"""What a script leaves in task data, in the forms lianxi keeps data in everywhere else.

Task data is stored as JSON, shown on task pages, copied into JSON columns and read by timers
and deadlines, which all take instants as ISO text with +08:00 (docs/AUTHORING.md). So a date,
time or amount a script computes is written as that text when the script ends; inside the
script it is the real object. Values of other types are left for the serializer to refuse.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from engine.core.clock import iso


def as_task_data(value):
    """`value` with every date, time, duration and Decimal in it written as text, and sets as lists."""
    if isinstance(value, dict):
        return {key: as_task_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_task_data(item) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [as_task_data(item) for item in value]
        try:
            return sorted(items)
        except TypeError:  # items that do not compare keep the set's order
            return items
    return _as_text(value)


def _as_text(value):
    if isinstance(value, datetime):
        return iso(value)  # a naive one is Beijing time, as everywhere in lianxi
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return iso_duration(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def iso_duration(delta: timedelta) -> str:
    """ISO 8601, as a timer's timeDuration reads it: P3DT4H30M (seconds with a fraction if any)."""
    sign, delta = ("-", -delta) if delta < timedelta(0) else ("", delta)
    minutes, seconds = divmod(delta.seconds + delta.microseconds / 1e6, 60)
    hours, minutes = divmod(int(minutes), 60)
    clock = "".join(f"{n:g}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    days = f"{delta.days}D" if delta.days or not clock else ""
    return f"{sign}P{days}{'T' + clock if clock else ''}"
