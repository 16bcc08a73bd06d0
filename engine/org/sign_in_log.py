"""登录记录: signing in and out, and a person's credentials changing, as events of the audit log.

Each says who (the user name given, and the person's id where there is one), when, from which
address and what came of it; never a password. An event belongs to the person's body. One with no
person (a user name nobody has) or about an address belongs to none: only the site administrator
sees those, as a body's administrator must not learn of other bodies' people or addresses.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.models import AuditEvent
from engine.org.models import Person

log = logging.getLogger(__name__)

# The events by outcome, as the page filters them.
OUTCOMES = {
    "success": ("sign_in",),
    "failure": ("sign_in_failed", "sign_in_throttled"),
    "lockout": ("sign_in_locked",),
    "other": ("sign_out", "password_changed", "api_token_issued", "api_token_revoked"),
}
ACTIONS = tuple(action for actions in OUTCOMES.values() for action in actions)
OPERATOR = "operator"  # the actor of what is done on the command line, which has no user name


def signed_in(session: Session, person: Person, address: str, now: datetime) -> None:
    _record(session, "sign_in", person.username, person, address, now)


def signed_out(session: Session, person: Person, address: str, now: datetime) -> None:
    _record(session, "sign_out", person.username, person, address, now)


def password_changed(session: Session, person: Person, address: str, now: datetime) -> None:
    _record(session, "password_changed", person.username, person, address, now)


def failed(session: Session, username: str, person: Person | None, address: str, now: datetime) -> None:
    """Also a warning in the log, for whoever watches the server rather than the page."""
    reason = "unknown_user" if person is None else ("password" if person.may_sign_in else "may_not_sign_in")
    log.warning("sign-in failed for %r from %s: %s", username, address, reason)
    _record(session, "sign_in_failed", username, person, address, now, reason=reason)


def throttled(session: Session, username: str, person: Person | None, address: str, now: datetime, wait: int) -> None:
    log.warning("sign-in refused for %r from %s: wait %s s", username, address, wait)
    _record(session, "sign_in_throttled", username, person, address, now, retry_after=wait)


def locked(
    session: Session, username: str, person: Person | None, address: str, now: datetime, kind: str, until: datetime
) -> None:
    """The moment a key locks: the account (`user`), or the address (`addr`), which is no body's."""
    log.warning("sign-in locked (%s) for %r from %s until %s", kind, username, address, until.isoformat())
    owner = person if kind == "user" else None
    _record(session, "sign_in_locked", username, owner, address, now, locked=kind, until=until.isoformat())


def token_event(session: Session, action: str, person: Person, token_id: int, now: datetime, actor: str) -> None:
    after = {"person_id": person.id, "token_id": token_id}
    audit.record(session, now, actor, action, body_id=person.body_id, summary=person.username, after=after)


def _record(
    session: Session, action: str, username: str, person: Person | None, address: str, now: datetime, **detail
) -> None:
    after = {"address": address, "person_id": person.id if person else None, **detail}
    body_id = person.body_id if person else None
    audit.record(session, now, username[:80], action, body_id=body_id, summary=address, after=after)


def of_body(body_id: int | None, outcome: str | None) -> Select:
    """A body's events, newest first (None: the events of no body), all or of one outcome."""
    actions = OUTCOMES.get(outcome, ACTIONS)
    owner = AuditEvent.body_id.is_(None) if body_id is None else AuditEvent.body_id == body_id
    return select(AuditEvent).where(owner, AuditEvent.action.in_(actions)).order_by(AuditEvent.id.desc())
