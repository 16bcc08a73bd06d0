"""A body's roster in and out of Excel (名册.xlsx): the empty template, the body's roster as it
is, reading a file with every problem named, what importing it would do, and doing it.

Importing goes through the roster's own services (units, people, seats), so a file is refused
for what a page would refuse, and only as a whole: the caller's transaction is rolled back on
any refusal. Units and people the file leaves out stay as they are; a unit's seats are as the
file names them, from the day of the import. A body just created (with only its government)
gets its units and people this way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from engine.core.errors import FieldError, InvalidData
from engine.org.models import SEATS, Person
from engine.roster import comparison, labels, people, seats, sheets, units
from engine.roster.comparison import SITE_ROLES, Preview, SeatChange
from engine.roster.sheets import (
    PEOPLE_SHEET,
    PERSON_COLUMNS,
    UNIT_COLUMNS,
    UNITS_SHEET,
    PersonRow,
    Problem,
    Roster,
    UnitRow,
    WorkbookInvalid,
    header,
)

__all__ = [
    "Applied",
    "Preview",
    "Problem",
    "Roster",
    "WorkbookInvalid",
    "apply",
    "export",
    "preview",
    "read",
    "template",
]

read = sheets.read
preview = comparison.preview
SEAT_NOTE = "名册导入"


@dataclass
class Applied:
    """What the import did, and each new person's temporary password (user name → password), to
    be handed over once: only its hash is kept."""

    done: Preview
    passwords: dict[str, str] = field(default_factory=dict)


def template() -> bytes:
    return sheets.write([], [])


def export(session: Session, body_id: int) -> bytes:
    found_units, found_people = comparison.current(session, body_id)
    return sheets.write([row for _u, row in found_units], [row for _p, row in found_people])


def apply(session: Session, body_id: int, roster: Roster, actor: str, now: datetime) -> Applied:
    """Do what preview() shows, in the caller's transaction; WorkbookInvalid when anything is
    refused (the caller rolls back: nothing is written)."""
    plan = preview(session, body_id, roster)
    if plan.problems:
        raise WorkbookInvalid(plan.problems)
    listed = {row.code: row for row in roster.units}
    for row in plan.units_added:
        with _refusals(row):
            units.add(session, body_id, _unit_values(row), actor, now)
    for change in plan.units_changed:
        with _refusals(listed[change.key]):
            units.update(session, body_id, change.key, _unit_values(listed[change.key]), actor, now)
    applied = Applied(plan)
    for row in plan.people_added:
        with _refusals(row):
            _person, applied.passwords[row.username] = people.add(session, body_id, _person_values(row), actor, now)
    _update_people(session, body_id, roster, actor, now)
    _change_seats(session, body_id, listed, plan.seats, actor, now)
    return applied


def _update_people(session: Session, body_id: int, roster: Roster, actor: str, now: datetime) -> None:
    """Profiles, then roles: every role given before any is taken, so that a convener or an
    administrator passed from one person to another is never missing in between."""
    existing = [(row, person, _roles(person.roles)) for row, person in _existing(session, body_id, roster)]
    for row, person, _held in existing:
        if _profile(person) != _profile(row):
            with _refusals(row):
                people.update(session, body_id, row.username, _person_values(row), actor, now)
    for row, _person, held in existing:
        if _roles(row.roles) - held:
            with _refusals(row):
                people.set_roles(session, body_id, row.username, sorted(held | _roles(row.roles)), actor, now)
    for row, _person, held in existing:
        if held - _roles(row.roles):
            with _refusals(row):
                people.set_roles(session, body_id, row.username, sorted(_roles(row.roles)), actor, now)


def _change_seats(session, body_id: int, listed: dict[str, UnitRow], changes: list[SeatChange], actor, now) -> None:
    wanted: dict[str, dict[str, str | None]] = {}
    for change in changes:
        wanted.setdefault(change.unit, {})[change.seat] = change.after
    for code, seated in wanted.items():
        with _refusals(listed[code]):
            seats.change(session, body_id, code, seated, now.date(), actor, now, SEAT_NOTE)


def _existing(session: Session, body_id: int, roster: Roster) -> list[tuple[PersonRow, Person]]:
    _units, found = comparison.current(session, body_id)
    by_name = {p.username: p for p, _row in found}
    return [(row, by_name[row.username]) for row in roster.people if row.username in by_name]


def _roles(roles) -> frozenset[str]:
    """The roles a roster gives by name; seats change by a membership change instead."""
    return frozenset(roles) - frozenset(SEATS) - SITE_ROLES


def _profile(who: Person | PersonRow) -> tuple[str, ...]:
    return tuple(getattr(who, name) or "" for name in people.PROFILE)


def _unit_values(row: UnitRow) -> dict:
    return {c.field: getattr(row, c.field) for c in UNIT_COLUMNS}


def _person_values(row: PersonRow) -> dict:
    return {c.field: getattr(row, c.field) for c in PERSON_COLUMNS} | {"roles": sorted(_roles(row.roles))}


@contextmanager
def _refusals(row: UnitRow | PersonRow) -> Iterator[None]:
    """A service's refusal, named on the row it came from."""
    try:
        yield
    except InvalidData as exc:
        if isinstance(exc, WorkbookInvalid):
            raise
        problems = [_problem(row, name, error, exc.message) for name, error in exc.errors.items()]
        raise WorkbookInvalid(problems or [_problem(row, "", None, exc.message)]) from exc


def _problem(row: UnitRow | PersonRow, name: str, error: FieldError | None, message: str) -> Problem:
    """Where the refusal names a field of the row, its column; else the row's first (its key)."""
    sheet, columns = (UNITS_SHEET, UNIT_COLUMNS) if isinstance(row, UnitRow) else (PEOPLE_SHEET, PERSON_COLUMNS)
    headers = {c.field: c.header for c in columns} | {"role": header(PERSON_COLUMNS, "roles")}
    known = error is not None and error.code in labels.FIELD_MESSAGES
    return Problem(
        sheet, row.row, headers.get(name, columns[0].header), labels.field_message(error) if known else message
    )
