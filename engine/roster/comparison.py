"""A roster file against the body as it is: what importing it would add, change and leave alone,
and what only the database can refuse (a user name of another body's person, a person the file
puts in another unit). Nothing is written here; the office reads this before it confirms.

Roles and seats are told apart: a person's roles are compared without the seats, and a unit's
seats (member, liaison, backup liaison) are a membership change of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.org.models import INDISPENSABLE_ROLES, SEATS, Person, Unit
from engine.roster import labels, seats
from engine.roster.sheets import (
    PEOPLE_SHEET,
    PERSON_COLUMNS,
    UNIT_COLUMNS,
    UNITS_SHEET,
    PersonRow,
    Problem,
    Roster,
    UnitRow,
    header,
)

ROSTER_KINDS = ("member", "guest", "government")
# Roles a body's roster does not give or take: the site's own.
SITE_ROLES = frozenset({"site_admin"})


@dataclass(frozen=True)
class FieldChange:
    column: str  # the header, e.g. 电子邮箱
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """A unit (key: its code) or a person (key: the user name) whose fields the file changes."""

    row: int
    key: str
    name: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Absent:
    """In the body but not in the file: left as it is."""

    key: str
    name: str


@dataclass(frozen=True)
class SeatChange:
    unit: str
    unit_name: str
    seat: str  # member | liaison | backup_liaison
    before: tuple[str, ...]  # the user names holding it now
    after: str | None  # the user name the file gives it, None: left empty


@dataclass
class Preview:
    units_added: list[UnitRow] = field(default_factory=list)
    units_changed: list[Change] = field(default_factory=list)
    units_absent: list[Absent] = field(default_factory=list)
    people_added: list[PersonRow] = field(default_factory=list)
    people_changed: list[Change] = field(default_factory=list)
    people_absent: list[Absent] = field(default_factory=list)
    seats: list[SeatChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.units_added or self.units_changed or self.people_added or self.people_changed or self.seats)


def current(session: Session, body_id: int) -> tuple[list[tuple[Unit, UnitRow]], list[tuple[Person, PersonRow]]]:
    """The body's roster as the file would hold it: its units but former ones, in roster order,
    and their active people."""
    units = session.scalars(
        select(Unit).where(Unit.body_id == body_id, Unit.kind.in_(ROSTER_KINDS)).order_by(Unit.sort_order, Unit.id)
    ).all()
    order = {unit.id: n for n, unit in enumerate(units)}
    found = session.scalars(
        select(Person).where(Person.body_id == body_id, Person.active, Person.unit_id.in_(list(order)))
    ).all()
    people = sorted(found, key=lambda p: (order[p.unit_id], p.id))
    return [(u, unit_row(u)) for u in units], [(p, person_row(p)) for p in people]


def unit_row(unit: Unit) -> UnitRow:
    return UnitRow(0, unit.code, unit.name, unit.kind, unit.phone or "", unit.email or "")


def person_row(person: Person) -> PersonRow:
    return PersonRow(
        0,
        person.username,
        person.display_name,
        person.unit.code,
        person.title or "",
        person.roles - SITE_ROLES,
        person.email or "",
        person.phone or "",
    )


def preview(session: Session, body_id: int, roster: Roster) -> Preview:
    """What applying the roster would do, and the problems that would refuse it."""
    shown = Preview()
    units = {u.code: u for u in session.scalars(select(Unit).where(Unit.body_id == body_id))}
    _compare_units(shown, units, roster)
    _compare_people(session, shown, body_id, roster)
    _compare_seats(session, shown, units, roster)
    return shown


def _compare_units(shown: Preview, units: dict[str, Unit], roster: Roster) -> None:
    government = next((u for u in units.values() if u.kind == "government"), None)
    for row in roster.units:
        unit = units.get(row.code)
        problem = _unit_problem(row, unit, government)
        if problem:
            shown.problems.append(Problem(UNITS_SHEET, row.row, *problem))
        elif unit is None:
            shown.units_added.append(row)
        elif fields := _differences(UNIT_COLUMNS, unit_row(unit), row, skip=("code",)):
            shown.units_changed.append(Change(row.row, row.code, row.name, fields))
    listed = {row.code for row in roster.units}
    shown.units_absent = [
        Absent(code, unit.name) for code, unit in units.items() if code not in listed and unit.kind in ROSTER_KINDS
    ]


def _unit_problem(row: UnitRow, unit: Unit | None, government: Unit | None) -> tuple[str, str] | None:
    """(column, message) when the body refuses the file's unit."""
    code, kind = header(UNIT_COLUMNS, "code"), header(UNIT_COLUMNS, "kind")
    if unit is None and row.kind == "government":
        if government is None:
            return code, "本联席会议没有政府单位，不能在名册中新增"
        return code, f"本联席会议的政府单位代码为 {government.code}，请用这一代码"
    if unit is None:
        return None
    if unit.kind == "former":
        return code, f"该单位已于 {unit.left_on} 退出联席会议"
    if (unit.kind == "government") != (row.kind == "government"):
        return kind, "政府单位与成员、受邀单位之间不能互改类别"
    return None


def _compare_people(session: Session, shown: Preview, body_id: int, roster: Roster) -> None:
    known = _people_named(session, roster)
    for row in roster.people:
        person = known.get(row.username.lower())
        problem = _person_problem(row, person, body_id)
        if problem:
            shown.problems.append(Problem(PEOPLE_SHEET, row.row, *problem))
        elif person is None:
            shown.people_added.append(row)
        elif fields := _differences(PERSON_COLUMNS, _without_seats(person_row(person)), _without_seats(row)):
            shown.people_changed.append(Change(row.row, row.username, row.display_name, fields))
    listed = {row.username.lower() for row in roster.people}
    _, people = current(session, body_id)
    shown.people_absent = [Absent(p.username, p.display_name) for p, _row in people if p.username.lower() not in listed]
    shown.problems += _indispensable(roster, [p for p, _row in people])


def _people_named(session: Session, roster: Roster) -> dict[str, Person]:
    names = [row.username.lower() for row in roster.people]
    found = session.scalars(select(Person).where(func.lower(Person.username).in_(names)))
    return {p.username.lower(): p for p in found}


def _person_problem(row: PersonRow, person: Person | None, body_id: int) -> tuple[str, str] | None:
    username, unit = header(PERSON_COLUMNS, "username"), header(PERSON_COLUMNS, "unit")
    if person is None:
        return None
    if person.body_id != body_id:
        return username, "该用户名已有其他联席会议的人员使用"
    if person.username != row.username:
        return username, f"该用户名已被 {person.username} 使用（不区分大小写）"
    if not person.active:
        return username, "该人员已停用，不能通过名册恢复"
    if person.unit.code != row.unit:
        return unit, f"该人员现属{person.unit.name}（{person.unit.code}），不能通过名册调到其他单位"
    return None


def _indispensable(roster: Roster, people: list[Person]) -> list[Problem]:
    """A body keeps a convener and an administrator once it has them: the file may move such a
    role to someone else, never take it from everyone."""
    listed = {row.username for row in roster.people}
    problems = []
    for role in INDISPENSABLE_ROLES:
        holders = {p.username for p in people if role in p.roles}
        kept = any(role in p.roles for p in people if p.username not in listed)
        if holders and not kept and not any(role in row.roles for row in roster.people):
            message = f"本联席会议不能没有{labels.ROLE_NAMES[role]}"
            column = header(PERSON_COLUMNS, "roles")
            rows = [row.row for row in roster.people if row.username in holders]
            problems += [Problem(PEOPLE_SHEET, number, column, message) for number in rows]
    return problems


def _compare_seats(session: Session, shown: Preview, units: dict[str, Unit], roster: Roster) -> None:
    for row in roster.units:
        unit = units.get(row.code)
        held = _holders(session, unit) if unit else {}
        for seat in SEATS:
            after = next((p.username for p in roster.people if p.unit == row.code and seat in p.roles), None)
            if held.get(seat, []) != ([after] if after else []):
                shown.seats.append(SeatChange(row.code, row.name, seat, tuple(held.get(seat, [])), after))


def _holders(session: Session, unit: Unit) -> dict[str, list[str]]:
    return {seat: [h.person.username for h in rows] for seat, rows in seats.holdings(session, unit).items()}


def _without_seats(row: PersonRow) -> PersonRow:
    return replace(row, roles=row.roles - frozenset(SEATS))


def _differences(columns, before, after, skip: tuple[str, ...] = ()) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(c.header, c.show(getattr(before, c.field)), c.show(getattr(after, c.field)))
        for c in columns
        if c.field not in skip and c.show(getattr(before, c.field)) != c.show(getattr(after, c.field))
    )
