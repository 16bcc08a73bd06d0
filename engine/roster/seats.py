"""Membership changes (成员调整): a unit names who holds its seats — its member (the responsible
leader), its liaison and its backup liaison — and tells the office, which records it here.

A change closes the old holding and opens the new one on the day it took effect, so the history
of who held the seat when is kept; the holder's role moves with it. A unit's open tasks are
addressed to the unit and resolved to whoever holds its liaison seats when they are shown or
reminded, so they follow the new holder with nothing else to update.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.core import audit, limits
from engine.core.errors import FieldError, InvalidData, NotFound
from engine.org.models import LIAISON_ROLES, SEATS, Person, PersonRole, SeatHolding, Unit
from engine.roster import checks, open_work


def change(
    session: Session,
    body_id: int,
    unit_code: str,
    wanted: dict[str, str | None],
    on_day: date | None,
    actor: str,
    now: datetime,
    note: str = "",
) -> None:
    """Give each seat named in `wanted` to the person named (a user name) or leave it empty
    (None), from `on_day`. Refused, changing nothing: a person not of the unit or inactive, the
    same person as liaison and backup, a day in the future or before the seat's last change,
    and leaving a unit with open tasks without any liaison."""
    unit = _unit(session, body_id, unit_code)
    limits.refuse_long({"note": note}, note=limits.NOTE_MAX)
    checks.refuse_any({"on_day": checks.on_day(on_day, now.date())})
    current = holdings(session, unit)
    chosen = {seat: _holder(session, unit, username) for seat, username in wanted.items() if seat in SEATS}
    _check(session, unit, current, chosen, on_day)
    moving = [seat for seat, person in chosen.items() if _holders(current, seat) != ([person] if person else [])]
    for seat in moving:  # close every moving seat first, so two holders may swap
        for holding in current.get(seat, []):
            _close(session, holding, on_day)
    for seat in moving:
        if chosen[seat] is not None:
            _open(session, unit, seat, chosen[seat], on_day, actor, now, note)
    session.flush()
    session.expire_all()  # the role rows behind Person.roles changed under the loaded people
    if moving:
        audit.record(
            session,
            now,
            actor,
            "seat_change",
            body_id=body_id,
            summary=f"{unit.name}成员调整（{on_day.isoformat()}）{note}".strip(),
            before={s: [p.username for p in _holders(current, s)] for s in moving},
            after={s: chosen[s].username if chosen[s] else None for s in moving},
        )


def holdings(session: Session, unit: Unit) -> dict[str, list[SeatHolding]]:
    """The unit's open holdings, by seat (one holder each, unless people were given a seat's
    role outside a membership change)."""
    found: dict[str, list[SeatHolding]] = {}
    query = select(SeatHolding).where(SeatHolding.unit_id == unit.id, SeatHolding.until_day.is_(None))
    for row in session.scalars(query.order_by(SeatHolding.id)):
        found.setdefault(row.seat, []).append(row)
    return found


def history(session: Session, body_id: int, unit_code: str) -> list[SeatHolding]:
    """Every holding of the unit's seats, latest first: who held which seat when."""
    unit = _unit(session, body_id, unit_code)
    query = select(SeatHolding).where(SeatHolding.unit_id == unit.id)
    return list(session.scalars(query.order_by(SeatHolding.recorded_at.desc(), SeatHolding.id.desc())))


def vacate_all(session: Session, unit: Unit, on_day: date) -> None:
    """Close every seat of a unit that leaves the body."""
    for rows in holdings(session, unit).values():
        for holding in rows:
            _close(session, holding, on_day)


def release(session: Session, person: Person, on_day: date) -> None:
    """Close the seats a person who leaves still holds."""
    query = select(SeatHolding).where(SeatHolding.person_id == person.id, SeatHolding.until_day.is_(None))
    for holding in session.scalars(query):
        _close(session, holding, on_day)
    session.expire(person, ["role_rows"])


def _holders(current: dict[str, list[SeatHolding]], seat: str) -> list[Person]:
    return [h.person for h in current.get(seat, [])]


def _check(session, unit, current, chosen, on_day) -> None:
    after = {seat: _holders(current, seat) for seat in LIAISON_ROLES} | {
        seat: [person] if person else [] for seat, person in chosen.items()
    }
    if set(after["liaison"]) & set(after["backup_liaison"]):
        raise InvalidData({"backup_liaison": FieldError("same_person")}, "备用联络员不能与联络员为同一人")
    for seat in chosen:
        started = max((h.from_day for h in current.get(seat, []) if h.from_day), default=None)
        if started is not None and on_day < started:
            raise InvalidData(
                {"on_day": FieldError("before_last_change", {"day": started.isoformat()})},
                f"生效日期早于该席位上一次调整（{started.isoformat()}）",
            )
    leaves_none = set(chosen) & LIAISON_ROLES and not (after["liaison"] or after["backup_liaison"])
    if leaves_none and open_work.of_unit(session, unit.body_id, unit.code):
        raise InvalidData({"liaison": FieldError("last_liaison")}, f"{unit.name}还有在办事项，不能没有联络员")


def _holder(session: Session, unit: Unit, username: str | None) -> Person | None:
    if not username:
        return None
    person = session.scalar(select(Person).where(Person.username == username, Person.active))
    if person is None or person.unit_id != unit.id:
        raise InvalidData({"person": FieldError("not_of_unit")}, f"{username} 不是{unit.name}的在职人员")
    return person


def _close(session: Session, holding: SeatHolding, on_day: date) -> None:
    holding.until_day = on_day
    session.execute(
        delete(PersonRole).where(PersonRole.person_id == holding.person_id, PersonRole.role == holding.seat)
    )


def _open(session, unit, seat, person, on_day, actor, now, note) -> None:
    session.add(
        SeatHolding(
            body_id=unit.body_id,
            unit_id=unit.id,
            seat=seat,
            person_id=person.id,
            from_day=on_day,
            recorded_by=actor,
            recorded_at=now,
            note=note,
        )
    )
    session.flush()  # the old role row of a swapped holder is gone before the new one comes
    if not session.scalar(select(PersonRole.id).where(PersonRole.person_id == person.id, PersonRole.role == seat)):
        session.add(PersonRole(person_id=person.id, role=seat))


def _unit(session: Session, body_id: int, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.body_id == body_id, Unit.code == code))
    if unit is None:
        raise NotFound(f"no unit {code!r}")
    return unit
