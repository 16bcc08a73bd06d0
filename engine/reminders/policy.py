"""When a task's reminders fall: a pure function of its due date, the policy and the calendar.

Default (the users' "deadline nags before report dates"): 09:00 Asia/Shanghai on the 5th and
2nd working day before the due date; on the due date, or the last working day before it when
it is a closed day; then overdue from the first working day after it, every 2nd working day,
at most 5, with an escalation to the office and the unit's leader alongside the first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from engine.core.clock import SHANGHAI
from engine.core.workdays import WorkCalendar

KINDS = ("before", "due", "overdue", "escalation")
log = logging.getLogger(__name__)


LIMITS = {"before": (1, 30), "overdue_every": (1, 30), "overdue_max": (0, 20)}


class PolicyProblem(ValueError):
    pass


@dataclass(frozen=True)
class Policy:
    before: tuple[int, ...] = (5, 2)  # working days before the due date
    due_day: bool = True
    overdue_every: int = 2  # working days between overdue reminders
    overdue_max: int = 5
    at: time = time(9, 0)

    def with_text(self, text: str | None) -> Policy:
        return replace(self, **overrides(text))


def saved(text: str) -> Policy | None:
    """A body's saved settings as a policy; None for a text saved before the settings page checked
    it: planning then falls back to the defaults."""
    try:
        return Policy().with_text(text)
    except PolicyProblem:
        return None


def in_force(text: str) -> Policy:
    """The policy a body's saved settings put in force: the defaults where they do not read."""
    return saved(text) or Policy()


def overrides(text: str | None) -> dict:
    """The settings `text` changes, written `before=5,2; overdue_every=2; overdue_max=5; due_day=no`:
    the form a body's settings and the BPMN `reminders` property (of a process or a task) use."""
    changes = {}
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        name, _, value = (s.strip() for s in part.partition("="))
        changes[name] = setting(name, value)
    return changes


def setting(name: str, value: str):
    """One setting's value from its text, e.g. ("before", "5,2") → (5, 2); PolicyProblem if
    lianxi cannot use it."""
    parsed = _read(name, value.strip())
    low, high = LIMITS.get(name, (None, None))
    numbers = parsed if isinstance(parsed, tuple) else (parsed,)
    if low is not None and not all(low <= n <= high for n in numbers):
        raise PolicyProblem(f"reminders: {name} must be between {low} and {high}, not {value!r}")
    return parsed


def layers(*texts: str | None, where: str) -> dict:
    """The overrides of several layers, each later one winning. One that does not parse is
    logged and skipped, so a bad setting cannot stop everyone's reminders."""
    changes = {}
    for text in texts:
        try:
            changes.update(overrides(text))
        except PolicyProblem as exc:
            log.warning("%s: ignoring reminder policy %r: %s", where, text, exc)
    return changes


def written(changes: dict) -> str:
    """Overrides written back in the form `overrides` reads."""
    return "; ".join(f"{name}={_write(value)}" for name, value in changes.items())


def _write(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(str(n) for n in value)
    if isinstance(value, time):
        return value.isoformat("minutes" if value == value.replace(second=0, microsecond=0) else "auto")
    return str(value)


def _read(name: str, value: str):
    try:
        if name == "before":
            return tuple(sorted({int(v) for v in value.split(",") if v.strip()}, reverse=True))
        if name in ("overdue_every", "overdue_max"):
            return int(value)
        if name == "due_day":
            return {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}[value.lower()]
        if name == "at":
            return time.fromisoformat(value)
    except (ValueError, KeyError) as exc:
        raise PolicyProblem(f"reminders: {name}={value!r} is not valid") from exc
    raise PolicyProblem(f"reminders: unknown setting {name!r} (before, due_day, overdue_every, overdue_max, at)")


@dataclass(frozen=True, order=True)
class Planned:
    at: datetime
    kind: str


def schedule(due_at: datetime, policy: Policy, calendar: WorkCalendar) -> list[Planned]:
    due = due_at.astimezone(SHANGHAI).date()
    days = [Planned(_at(calendar.nth_working_day_before(due, n), policy), "before") for n in policy.before]
    if policy.due_day:
        days.append(Planned(_at(calendar.on_or_before(due), policy), "due"))
    days += _overdue(due, policy, calendar)
    return sorted(set(days))


def _overdue(due: date, policy: Policy, calendar: WorkCalendar) -> list[Planned]:
    if policy.overdue_max < 1:
        return []
    day = calendar.nth_working_day_after(due, 1)
    planned = [Planned(_at(day, policy), "escalation")]
    for _ in range(policy.overdue_max):
        planned.append(Planned(_at(day, policy), "overdue"))
        day = calendar.nth_working_day_after(day, policy.overdue_every)
    return planned


def _at(day: date, policy: Policy) -> datetime:
    return datetime.combine(day, policy.at, tzinfo=SHANGHAI)
