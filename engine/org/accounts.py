"""People and their passwords (argon2id), and the roles they hold."""

from __future__ import annotations

import os
from datetime import datetime

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from engine.core.errors import FieldError, InvalidData, NotFound
from engine.org.credentials import ApiToken, LoginSession
from engine.org.models import ROLES, SEATS, Person, PersonRole, SeatHolding, Unit

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200  # what the sign-in form takes: a longer one could be set and never used
# The hasher's parameters, by name. Production is argon2id with RFC 9106's "low memory" profile
# (the library's default); `test` is argon2id too but as cheap as argon2 goes, for the test suite
# only, which signs people in hundreds of times. A stored hash carries its own parameters, so
# either verifies what the other made.
PROFILES: dict[str, Parameters] = {"production": profiles.RFC_9106_LOW_MEMORY, "test": profiles.CHEAPEST}
PROFILE_VARIABLE = "LIANXI_ARGON2_PROFILE"


class _Hashing:
    """The hasher in use and the hash an unknown user name is verified against (made on first
    use, with the same parameters, so that it is as slow as a wrong password)."""

    def __init__(self, profile: str):
        if profile not in PROFILES:
            raise ValueError(f"{PROFILE_VARIABLE} must be one of {', '.join(PROFILES)}, not {profile!r}")
        self.profile, self.hasher = profile, PasswordHasher.from_parameters(PROFILES[profile])
        self._dummy: str | None = None

    @property
    def dummy(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash("not a password of anyone's")
        return self._dummy


_hashing = _Hashing(os.environ.get(PROFILE_VARIABLE) or "production")


def use_profile(profile: str) -> str:
    """Hash new passwords with the named profile from now on; returns the one it replaces."""
    global _hashing
    previous, _hashing = _hashing.profile, _Hashing(profile)
    return previous


def current_profile() -> str:
    return _hashing.profile


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
    phone: str = "",
    body_id: int | None = None,
    actor: str = "setup",
    now: datetime,
) -> Person:
    """A person of the unit with the roles given; a seat among them (member, liaison, backup)
    is held from today. `body_id` is needed once two bodies have a unit of that code."""
    unit = _unit(session, unit_code, body_id)
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
        phone=phone,
        body_id=unit.body_id,
        unit=unit,
        role_rows=[PersonRole(role=r) for r in roles],
    )
    if password is not None:
        set_password(session, person, password, now)
    session.add(person)
    for seat in (r for r in roles if r in SEATS):
        session.add(
            SeatHolding(
                body_id=unit.body_id,
                unit=unit,
                seat=seat,
                person=person,
                from_day=now.date(),
                recorded_by=actor,
                recorded_at=now,
            )
        )
    return person


def _unit(session: Session, code: str, body_id: int | None) -> Unit:
    query = select(Unit).where(Unit.code == code)
    found = list(session.scalars(query if body_id is None else query.where(Unit.body_id == body_id)))
    if not found:
        raise NotFound(f"no unit {code!r}")
    if len(found) > 1:
        raise InvalidData({"body": FieldError("required")}, f"several bodies have a unit {code!r}: name the body")
    return found[0]


def set_password(session: Session, person: Person, password: str, now: datetime) -> None:
    """Also signs the person out everywhere: a copied cookie stops working, and so does an API
    token, as a new password is what someone sets who fears their account is in other hands."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidData({"password": FieldError("too_short", {"min": MIN_PASSWORD_LENGTH})})
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidData({"password": FieldError("too_long", {"max": MAX_PASSWORD_LENGTH})})
    person.password_hash = _hashing.hasher.hash(password)
    person.password_changed_at = now
    if person.id is not None:
        sign_out_everywhere(session, person, now)


def sign_out_everywhere(session: Session, person: Person, now: datetime) -> None:
    """The person's sessions end and their API tokens are revoked."""
    session.execute(delete(LoginSession).where(LoginSession.person_id == person.id))
    session.execute(
        update(ApiToken).where(ApiToken.person_id == person.id, ApiToken.revoked_at.is_(None)).values(revoked_at=now)
    )


def password_matches(person: Person | None, password: str) -> bool:
    if person is None or not person.may_sign_in or not person.password_hash:
        _verify(_hashing.dummy, password)
        return False
    return _verify(person.password_hash, password)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hashing.hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
