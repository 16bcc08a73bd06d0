"""The names BPMN scripts and expressions find ready, besides the safe builtins (the list is in
docs/AUTHORING.md, Scripts): the date and time classes, Decimal, math, JSON, and lianxi's helpers
(their day arithmetic: engine.workflow.spiff.script_days).

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

from engine.core.clock import SHANGHAI, iso
from engine.workflow.spiff.script_days import (
    add_days,
    add_working_days,
    date_of,
    is_working_day,
    working_days_between,
)
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
    "is_working_day": is_working_day,
    "add_working_days": add_working_days,
    "working_days_between": working_days_between,
}
