"""What roster input must be, checked the same way for a page, the command line and a workbook:
each check returns the FieldError that refuses a value, or None."""

from __future__ import annotations

import re
from datetime import date

from engine.core.errors import FieldError, InvalidData
from engine.org.models import LEVELS, ROLES

CODE = re.compile(r"^[a-z][a-z0-9_.-]{1,39}$")
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{1,79}$")
# An address with one @, a dot in its domain and no spaces: a typo check, not RFC 5322.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Digits with the separators people write: 0773-1234567, (0773) 123 4567, +86 138…, 转 for extensions.
PHONE = re.compile(r"^\+?[0-9()\- ]{5,30}(转[0-9]{1,6})?$")


def code(value: str) -> FieldError | None:
    return None if CODE.match(value) else FieldError("bad_code")


def username(value: str) -> FieldError | None:
    return None if USERNAME.match(value) else FieldError("bad_username")


def required(value: str, max_length: int) -> FieldError | None:
    if not value:
        return FieldError("required")
    return FieldError("too_long", {"max": max_length}) if len(value) > max_length else None


def length(value: str, max_length: int) -> FieldError | None:
    """An optional field's refusal: only too long (the column's size) is."""
    return FieldError("too_long", {"max": max_length}) if len(value) > max_length else None


def email(value: str) -> FieldError | None:
    if not value:
        return None
    return length(value, 200) or (None if EMAIL.match(value) else FieldError("not_email"))


def phone(value: str) -> FieldError | None:
    return None if not value or PHONE.match(value) else FieldError("not_phone")


def level(value: str) -> FieldError | None:
    return None if value in LEVELS else FieldError("not_a_choice")


def roles(values: list[str]) -> FieldError | None:
    unknown = [r for r in values if r not in ROLES]
    return FieldError("unknown_role", {"roles": ", ".join(unknown)}) if unknown else None


def on_day(value: date | None, today: date) -> FieldError | None:
    """A membership change takes effect on a day that has come: the roster says who holds a
    seat now, and tasks follow the holder at once."""
    if value is None:
        return FieldError("required")
    return FieldError("in_future") if value > today else None


def refuse_any(errors: dict[str, FieldError | None], message: str = "invalid fields") -> None:
    """Raise InvalidData with the fields that failed; nothing when all passed."""
    failed = {name: error for name, error in errors.items() if error is not None}
    if failed:
        raise InvalidData(failed, message)
