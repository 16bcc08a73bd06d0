"""Signing in (behind the failed-login throttle, engine.org.throttle), server-side sessions and API tokens.

Only hashes of session and API tokens are stored; the secrets themselves exist in the cookie
or in the operator's hands.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload

from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.org import accounts, sign_in_log, throttle
from engine.org.credentials import ApiToken, LoginSession
from engine.org.models import Person

SESSION_IDLE = timedelta(hours=4)
SESSION_MAX = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # how stale last_seen_at may get: spares a write a request


class SignInRefused(Exception):
    def __init__(self, retry_after: int | None = None):
        super().__init__("sign-in refused")
        self.retry_after = retry_after  # seconds, when the refusal is the throttle's


def sign_in(db: Database, username: str, password: str, address: str, now: datetime) -> tuple[Person, str]:
    """The person and a new session token, or SignInRefused; recorded in the audit log either way.
    The attempt is counted (engine.org.throttle) and committed before the password is checked, so
    no transaction stays open, and no row stays held, while argon2 works."""
    attempt, person = _count(db, username, address, now)
    if not accounts.password_matches(person, password):
        _failed(db, username, person, address, now, attempt)
        raise SignInRefused()
    with UnitOfWork(db) as uow:
        person = uow.session.get(Person, person.id)
        throttle.give_back(uow.session, attempt)
        idle = LoginSession.last_seen_at < now - SESSION_IDLE
        uow.session.execute(delete(LoginSession).where(LoginSession.person_id == person.id, idle))
        token = open_session(uow.session, person, address, now)
        sign_in_log.signed_in(uow.session, person, address, now)
        uow.commit()
    return person, token


def _count(db: Database, username: str, address: str, now: datetime) -> tuple[throttle.Attempt, Person | None]:
    """The attempt counted and whose name it gave; SignInRefused, counting nothing, while a wait lasts."""
    with UnitOfWork(db) as uow:
        attempt = throttle.count_attempt(uow.session, username, address, now)
        person = uow.session.scalar(select(Person).where(Person.username == username))
        if attempt.wait:
            uow.session.rollback()  # waiting out a lock costs nothing more
            sign_in_log.throttled(uow.session, username, person, address, now, attempt.wait)
            uow.commit()
            raise SignInRefused(retry_after=attempt.wait)
        uow.commit()
    return attempt, person


def _failed(
    db: Database, username: str, person: Person | None, address: str, now: datetime, attempt: throttle.Attempt
) -> None:
    with UnitOfWork(db) as uow:
        sign_in_log.failed(uow.session, username, person, address, now)
        for count in attempt.counts:
            if count.locks:
                sign_in_log.locked(uow.session, username, person, address, now, count.kind, count.waits_until)
        uow.commit()


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


def valid_session(session: Session, token: str, now: datetime) -> LoginSession | None:
    """Read-only, so a request can check its session inside a read transaction: the session row with
    its person, if it is still live and the person may still sign in."""
    row = session.get(LoginSession, _hash(token), options=[_and_person(LoginSession)])
    if row is None or now - row.last_seen_at > SESSION_IDLE or now - row.created_at > SESSION_MAX:
        return None
    return row if row.person.may_sign_in else None


def touch_due(row: LoginSession, now: datetime) -> bool:
    return now - row.last_seen_at > TOUCH_EVERY


def touch(session: Session, token: str, now: datetime) -> None:
    row = session.get(LoginSession, _hash(token))
    if row is not None:
        row.last_seen_at = now


def sign_out(session: Session, person: Person, token: str, address: str, now: datetime) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(token)))
    sign_in_log.signed_out(session, person, address, now)


def issue_api_token(session: Session, person: Person, now: datetime, actor: str = sign_in_log.OPERATOR) -> str:
    token = "lx_" + secrets.token_urlsafe(32)
    row = ApiToken(token_hash=_hash(token), person=person, created_at=now)
    session.add(row)
    session.flush()  # the id the audit log names it by
    sign_in_log.token_event(session, "api_token_issued", person, row.id, now, actor)
    return token


def valid_api_token(session: Session, token: str) -> ApiToken | None:
    """Read-only, like valid_session: the token row with its person, if it still works."""
    query = select(ApiToken).where(ApiToken.token_hash == _hash(token))
    row = session.execute(query.options(_and_person(ApiToken))).unique().scalar()
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


def revoke_api_token(
    session: Session, person: Person, token_id: int, now: datetime, actor: str = sign_in_log.OPERATOR
) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.person_id != person.id or row.revoked_at is not None:
        return False
    row.revoked_at = now
    sign_in_log.token_event(session, "api_token_revoked", person, token_id, now, actor)
    return True


def _and_person(credential: type[LoginSession | ApiToken]):
    """The credential's person and their roles joined in: one statement before every view, where the
    roles' own select-in load would be a second round trip."""
    return joinedload(credential.person).joinedload(Person.role_rows)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def end_all(session: Session, person: Person, now: datetime) -> None:
    """Sign the person out everywhere, as a password change does (engine.org.accounts)."""
    accounts.sign_out_everywhere(session, person, now)
