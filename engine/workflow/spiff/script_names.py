"""The names BPMN scripts and expressions find ready, besides the safe builtins (the list is in
docs/AUTHORING.md, Scripts): the date and time classes, Decimal, math, JSON, and lianxi's helpers.

None of them reads the wall clock. Asking `datetime` or `date` for the present gives the engine's
`now` (engine.workflow.spiff.timeshift), so a simulated clock, a test's or a replayed command's
time is what a script sees, as timers and deadlines do.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import ModuleType

from engine.core.clock import SHANGHAI, iso, parse_instant
from engine.workflow.spiff.timeshift import current_now


class _Present:
    """A date class as scripts see it: the class for everything (construction, `fromisoformat`,
    `isinstance`), except the calls that would read the wall clock. Not a subclass: a subclass's
    instances (and their sums) would be of a class task data cannot hold."""

    def __init__(self, cls: type, present: dict):
        self._cls, self._present = cls, present

    def __call__(self, *args, **kwargs):
        return self._cls(*args, **kwargs)

    def __getattr__(self, name: str):
        return self._present.get(name) or getattr(self._cls, name)

    def __instancecheck__(self, value) -> bool:
        return isinstance(value, self._cls)

    def __repr__(self) -> str:
        return repr(self._cls)


def _now(tz=None) -> datetime:
    """Unlike Python's, aware: Beijing time unless `tz` says otherwise, so it compares with the
    instants in task data and its isoformat() is what a timer reads."""
    return current_now().astimezone(tz or SHANGHAI)


def _today() -> date:
    return _now().date()


def now_iso() -> str:
    return iso(current_now())


def add_days(value: str, n: int) -> str:
    """Calendar days later; a YYYY-MM-DD date stays a date, a datetime keeps its time."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"add_days needs a whole number of days, not {n!r}")
    text = value.strip()
    if len(text) == 10:
        return (date.fromisoformat(text) + timedelta(days=n)).isoformat()
    return iso(parse_instant(text) + timedelta(days=n))


def date_of(value: str) -> str:
    return parse_instant(value).date().isoformat()


def _namespace(name: str, **members) -> ModuleType:
    """A module of a few chosen functions: the real `json` module would also hand out the
    modules it imports (`json.codecs.open`). A module, so that it never stays in task data."""
    module = ModuleType(name)
    for key, member in members.items():
        setattr(module, key, member)
    return module


HELPERS = {
    "datetime": _Present(datetime, {"now": _now, "today": _now, "utcnow": lambda: _now(UTC)}),
    "date": _Present(date, {"today": _today}),
    "timedelta": timedelta,
    "Decimal": Decimal,
    "math": math,
    "json": _namespace("json", dumps=json.dumps, loads=json.loads),
    "now_iso": now_iso,
    "add_days": add_days,
    "date_of": date_of,
}
