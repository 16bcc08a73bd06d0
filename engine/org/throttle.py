"""The failed-login throttle: attempts counted per account (`user:NAME`) and per address (`addr:IP`),
a growing wait after the first few failures, then a 15-minute lock.

An attempt is counted before its password is checked, by one statement per key that also creates
the row (INSERT … ON CONFLICT DO UPDATE … RETURNING), and the wait it earns is set in the same short
transaction, which holds the rows until it commits. So each of many parallel guesses sees the ones
before it: no count is lost, no first insert collides with another, and no more passwords are tried
than the lock allows. An attempt that turns out right gives its count back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engine.org.credentials import LoginThrottle

FREE_FAILURES = 3  # then each further failure doubles the wait: 2 s, 4 s, 8 s … up to a minute
# Uncapped, the wait would outgrow FORGET_AFTER, the count would be forgotten, and an address
# (whose lock comes later than an account's) would never reach its lock.
MAX_BACKOFF = 60  # seconds
LOCK_AFTER = {"user": 10, "addr": 30}  # failures before a 15-minute lock
LOCK_FOR = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)  # a quiet hour clears the count
_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@dataclass(frozen=True)
class Count:
    """One key's count with this attempt, and the wait the attempt set (None: none)."""

    key: str
    failures: int
    waits_until: datetime | None
    waited_until_before: datetime | None

    @property
    def kind(self) -> str:
        return self.key.split(":")[0]

    @property
    def locks(self) -> bool:
        return self.failures >= LOCK_AFTER[self.kind]


@dataclass(frozen=True)
class Attempt:
    """Counted on both keys; or, when either is still waiting, `wait` seconds and nothing counted."""

    counts: tuple[Count, ...] = ()
    wait: int = 0


def count_attempt(session: Session, username: str, address: str, now: datetime) -> Attempt:
    """The caller commits a counted attempt at once, before checking the password, and rolls back
    a refused one, so that waiting out a lock costs nothing more."""
    counted = [_count(session, key, now) for key in (f"user:{username.lower()}", f"addr:{address}")]
    waits = [int((until - now).total_seconds()) + 1 for _, until in counted if until is not None and until > now]
    if waits:
        return Attempt(wait=max(waits))
    counts = tuple(_set_wait(session, key, failures, before, now) for (key, failures), before in counted)
    return Attempt(counts=counts)


def _count(session: Session, key: str, now: datetime) -> tuple[tuple[str, int], datetime | None]:
    table = LoginThrottle.__table__
    statement = (
        _INSERT[session.get_bind().dialect.name](table)
        .values(key=key, failures=1, last_failure_at=now)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case((table.c.last_failure_at < now - FORGET_AFTER, 1), else_=table.c.failures + 1),
                "last_failure_at": now,
            },
        )
        .returning(table.c.failures, table.c.locked_until)
    )
    failures, locked_until = session.execute(statement).one()
    return (key, failures), locked_until


def _set_wait(session: Session, key: str, failures: int, before: datetime | None, now: datetime) -> Count:
    until = _wait_after(key.split(":")[0], failures, now)
    if until is not None:
        session.execute(update(LoginThrottle).where(LoginThrottle.key == key).values(locked_until=until))
    return Count(key, failures, until, before)


def _wait_after(kind: str, failures: int, now: datetime) -> datetime | None:
    if failures >= LOCK_AFTER[kind]:
        return now + LOCK_FOR
    if failures > FREE_FAILURES:
        return now + timedelta(seconds=min(2 ** (failures - FREE_FAILURES), MAX_BACKOFF))
    return None


def give_back(session: Session, attempt: Attempt) -> None:
    """The right password: the account's count is cleared; the address's loses this attempt, and
    the wait the attempt set, unless a later attempt has set another since."""
    account, place = attempt.counts
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == account.key))
    row = LoginThrottle.__table__.c
    restored = row.locked_until
    if place.waits_until is not None:
        before = literal(place.waited_until_before, type_=row.locked_until.type)
        restored = case((row.locked_until == place.waits_until, before), else_=row.locked_until)
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == place.key)
        .values(failures=row.failures - 1, locked_until=restored)
    )
