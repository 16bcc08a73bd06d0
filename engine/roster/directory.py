"""Reading the roster: a body's units with who holds each seat now, in one round trip."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from engine.org.models import Person, SeatHolding, Unit


def units_with_seats(session: Session, body_id: int, kinds=("member", "guest", "government")) -> list[tuple]:
    """[(unit, {seat: [holding, …]})] in roster order; a holding carries its person."""
    units = list(
        session.scalars(
            select(Unit).where(Unit.body_id == body_id, Unit.kind.in_(kinds)).order_by(Unit.sort_order, Unit.id)
        )
    )
    holdings = session.scalars(
        select(SeatHolding)
        .join(SeatHolding.person)
        .options(contains_eager(SeatHolding.person))
        .where(SeatHolding.body_id == body_id, SeatHolding.until_day.is_(None), Person.active)
        .order_by(SeatHolding.id)
    )
    seats: dict[int, dict[str, list[SeatHolding]]] = {unit.id: {} for unit in units}
    for holding in holdings:
        if holding.unit_id in seats:
            seats[holding.unit_id].setdefault(holding.seat, []).append(holding)
    return [(unit, seats[unit.id]) for unit in units]
