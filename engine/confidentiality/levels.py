"""The three levels of a document or file and the one rule of who may read it.

公开 (public) opens the file to everyone of the body; 内部 (internal, the default) leaves it to the
record's own access rule; 机密 (restricted) narrows that rule to the office, the conveners and the
units the record names. The caller has already checked the person is of the record's body.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.org.models import Person

PUBLIC, INTERNAL, RESTRICTED = "public", "internal", "restricted"
LEVELS = (PUBLIC, INTERNAL, RESTRICTED)
DEFAULT = INTERNAL
# Cleared for every restricted record of their body. The administrator, who sees the whole body
# to keep it running, is not: keeping the roster is no reason to read classified material.
CLEARED_ROLES = frozenset({"convener", "deputy_convener"})


def cleared(person: Person, record_units: Iterable[str | None]) -> bool:
    """The office, the conveners, and the people of a unit the record names."""
    return person.is_office or bool(person.roles & CLEARED_ROLES) or person.unit.code in set(record_units)


def may_read(person: Person, level: str, record_units: Iterable[str | None], *, sees_record: bool) -> bool:
    """Whether the person may read a file or document of that level. `sees_record`: the record's
    own rule lets them see it. A restricted file needs both, so the level never widens the rule;
    only a public one (made public with the office director's consent) does."""
    if level == PUBLIC:
        return True
    if level == RESTRICTED:
        return sees_record and cleared(person, record_units)
    return sees_record
