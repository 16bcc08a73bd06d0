"""People and their passwords (argon2id), and the roles they hold."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.core.errors import FieldError, InvalidData, NotFound
from engine.org.credentials import LoginSession
from engine.org.models import ROLES, Person, PersonRole, Unit

_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 "low memory" profile
MIN_PASSWORD_LENGTH = 10
# Verifying against this keeps an unknown user name as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone's")


def find(session: Session, username: str) -> Person:
    person = session.scalar(select(Person).where(Person.username == username))
    if person is None:
        raise NotFound(f"no user {username!r}")
    return person


def create(
    session: Session,
    username: str,
    unit_code: str,
    roles: list[str],
    *,
    display_name: str | None = None,
    title: str = "",
    password: str | None = None,
    email: str | None = None,
    now: datetime,
) -> Person:
    unit = session.scalar(select(Unit).where(Unit.code == unit_code))
    if unit is None:
        raise NotFound(f"no unit {unit_code!r}")
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise InvalidData({"role": FieldError("unknown_role", {"roles": ", ".join(unknown)})})
    if session.scalar(select(Person.id).where(Person.username == username)):
        raise InvalidData({"username": FieldError("taken")})
    person = Person(
        username=username,
        display_name=display_name or username,
        title=title,
        email=email,
        body_id=unit.body_id,
        unit=unit,
        role_rows=[PersonRole(role=r) for r in roles],
    )
    if password is not None:
        set_password(session, person, password, now)
    session.add(person)
    return person


def set_password(session: Session, person: Person, password: str, now: datetime) -> None:
    """Also ends every signed-in session of the person: a copied cookie stops working."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidData({"password": FieldError("too_short", {"min": MIN_PASSWORD_LENGTH})})
    person.password_hash = _hasher.hash(password)
    person.password_changed_at = now
    if person.id is not None:
        session.execute(delete(LoginSession).where(LoginSession.person_id == person.id))


def password_matches(person: Person | None, password: str) -> bool:
    if person is None or not person.active or not person.password_hash:
        _verify(_DUMMY_HASH, password)
        return False
    return _verify(person.password_hash, password)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
