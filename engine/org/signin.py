"""Signing in: the failed-login throttle, server-side sessions and API tokens.

Only hashes of session and API tokens are stored; the secrets themselves exist in the cookie
or in the operator's hands.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from engine.org import accounts
from engine.org.credentials import ApiToken, LoginSession, LoginThrottle
from engine.org.models import Person

FREE_FAILURES = 3  # then each further failure doubles the wait: 2 s, 4 s, 8 s … up to a minute
# Uncapped, the wait would outgrow FORGET_AFTER, the count would be forgotten, and an address
# (whose lock comes later than an account's) would never reach its lock.
MAX_BACKOFF = 60  # seconds
LOCK_AFTER = {"user": 10, "addr": 30}  # failures before a 15-minute lock
LOCK_FOR = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)  # a quiet hour clears the count
SESSION_IDLE = timedelta(hours=4)
SESSION_MAX = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # how stale last_seen_at may get: spares a write a request


class SignInRefused(Exception):
    def __init__(self, retry_after: int | None = None):
        super().__init__("sign-in refused")
        self.retry_after = retry_after  # seconds, when the refusal is the throttle's


def sign_in(session: Session, username: str, password: str, address: str, now: datetime) -> str:
    """A new session token, or SignInRefused. The caller commits either way, so that failures
    are counted."""
    keys = [f"user:{username.lower()}", f"addr:{address}"]
    wait = max(_wait(session, key, now) for key in keys)
    if wait:
        raise SignInRefused(retry_after=wait)
    person = session.scalar(select(Person).where(Person.username == username))
    if not accounts.password_matches(person, password):
        for key in keys:
            _count_failure(session, key, now)
        raise SignInRefused()
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
    session.execute(
        delete(LoginSession).where(LoginSession.person_id == person.id, LoginSession.last_seen_at < now - SESSION_IDLE)
    )
    return open_session(session, person, address, now)


def open_session(session: Session, person: Person, address: str, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        LoginSession(
            token_hash=_hash(token),
            person=person,
            created_at=now,
            last_seen_at=now,
            address=address[:64],
        )
    )
    return token


def _wait(session: Session, key: str, now: datetime) -> int:
    row = session.get(LoginThrottle, key)
    if row is None or row.locked_until is None or row.locked_until <= now:
        return 0
    return int((row.locked_until - now).total_seconds()) + 1


def _count_failure(session: Session, key: str, now: datetime) -> None:
    row = session.get(LoginThrottle, key)
    if row is None or now - row.last_failure_at > FORGET_AFTER:
        row = session.merge(LoginThrottle(key=key, failures=0, last_failure_at=now))
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= LOCK_AFTER[key.split(":")[0]]:
        row.locked_until = now + LOCK_FOR
    elif row.failures > FREE_FAILURES:
        row.locked_until = now + timedelta(seconds=min(2 ** (row.failures - FREE_FAILURES), MAX_BACKOFF))


def person_for_session(session: Session, token: str, now: datetime) -> Person | None:
    """Read-only, so a request can check its session inside a read transaction."""
    row = session.get(LoginSession, _hash(token))
    if row is None or now - row.last_seen_at > SESSION_IDLE or now - row.created_at > SESSION_MAX:
        return None
    return row.person if row.person.may_sign_in else None


def touch_due(session: Session, token: str, now: datetime) -> bool:
    row = session.get(LoginSession, _hash(token))
    return row is not None and now - row.last_seen_at > TOUCH_EVERY


def touch(session: Session, token: str, now: datetime) -> None:
    row = session.get(LoginSession, _hash(token))
    if row is not None:
        row.last_seen_at = now


def sign_out(session: Session, token: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(token)))


def issue_api_token(session: Session, person: Person, now: datetime) -> str:
    token = "lx_" + secrets.token_urlsafe(32)
    session.add(ApiToken(token_hash=_hash(token), person=person, created_at=now))
    return token


def valid_api_token(session: Session, token: str) -> ApiToken | None:
    """Read-only, like person_for_session: the token row with its person, if it still works."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(token)))
    if row is None or row.revoked_at is not None or not row.person.may_sign_in:
        return None
    return row


def api_token_use_due(row: ApiToken, now: datetime) -> bool:
    return row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY


def note_api_token_use(session: Session, token_id: int, now: datetime) -> None:
    session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))


def api_tokens_of(session: Session, person: Person) -> list[ApiToken]:
    """The person's API tokens, live and revoked, by id."""
    return list(session.scalars(select(ApiToken).where(ApiToken.person_id == person.id).order_by(ApiToken.id)))


def revoke_api_token(session: Session, person: Person, token_id: int, now: datetime) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.person_id != person.id or row.revoked_at is not None:
        return False
    row.revoked_at = now
    return True


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def end_all(session: Session, person: Person, now: datetime) -> None:
    """Sign the person out everywhere: their sessions end and their API tokens are revoked."""
    session.execute(delete(LoginSession).where(LoginSession.person_id == person.id))
    session.execute(
        update(ApiToken).where(ApiToken.person_id == person.id, ApiToken.revoked_at.is_(None)).values(revoked_at=now)
    )
