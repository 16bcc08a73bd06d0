"""Simulated time for the long scenarios, jumping: a scenario visits the instants a scheduler
would pass at (every hour, every morning at 09:01 …) only when something happens then — a person
acts, or the engine has something due (a timer, a reminder, a deadline, a round: what
engine.background.next_due reads) — instead of every instant in turn. A pass at an instant
skipped would have done nothing, so the story, and what the tests assert of it, are those of
stepping through every one (tests/scenarios/test_jumps.py holds the two to the same result)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import NamedTuple


class Grid(NamedTuple):
    """The instants a scheduler passes at: `first`, then one every `every`."""

    first: datetime
    every: timedelta

    def at_or_after(self, instant: datetime) -> datetime:
        """The first of the grid's instants not before `instant`: the pass that sees it."""
        if instant <= self.first:
            return self.first
        return self.first - ((self.first - instant) // self.every) * self.every


def visits(
    grid: Grid,
    last: datetime,
    due: Callable[[datetime], datetime | None],
    acts: Iterable[datetime] = (),
) -> Iterator[datetime]:
    """The grid's instants up to `last` at which something happens, for the caller to pass at.
    After the caller's visit at `now` (a generator resumes only then), the next is the first
    instant of the grid that sees a person act (`acts`) or the engine's next work, `due(now)`,
    asked after that visit; never `now` again. `due` returns None while nothing is scheduled,
    and may return an instant at or before `now` (work left over): the next instant, then."""
    acting = sorted(acts)
    now = grid.first
    while now <= last:
        yield now
        upcoming = [visit for visit in map(grid.at_or_after, acting) if visit > now]
        work = due(now)
        if work is not None:
            upcoming.append(max(grid.at_or_after(work), now + grid.every))
        if not upcoming:
            return
        now = min(upcoming)


def every_instant(grid: Grid, last: datetime) -> Iterator[datetime]:
    """Each of the grid's instants up to `last`, as a scheduler that never sleeps would pass."""
    now = grid.first
    while now <= last:
        yield now
        now += grid.every
