"""The roster: a body's units with who holds their seats, a unit's seat history, and recording a
membership change (成员调整). Everyone of the body reads it; the office and the administrator
record changes (engine.roster.access)."""

from __future__ import annotations

from datetime import date

from flask import request

from engine.core.errors import FieldError, InvalidData
from engine.org import access as org_access
from engine.org.models import SEATS
from engine.roster import access, directory, seats
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context
from webui.common import shapes as views


@bp.get("/units")
def list_units():
    person = context.person()
    rows = directory.units_with_seats(context.db_session(), person.body_id)
    return {"units": [views.unit_dict(unit, held) for unit, held in rows]}


@bp.get("/units/<code>/seats")
def seat_history(code: str):
    person = context.person()
    session = context.db_session()
    unit = org_access.visible_unit(session, person, code)
    return {"unit": unit.code, "holdings": [views.holding_dict(h) for h in seats.history(session, unit.body_id, code)]}


@bp.post("/units/<code>/seats")
def change_seat(code: str):
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        unit = org_access.visible_unit(uow.session, person, code)  # another unit's or body's: 404 first
        access.require(access.may_change_seats(person), "record a membership change")
        submitted = request.get_json(silent=True)
        if not _seat_change(submitted):
            return error_response(400, "bad_request", f"send {{seat: one of {', '.join(SEATS)}, person, on_day, note}}")
        wanted = {submitted["seat"]: submitted.get("person") or None}
        note = submitted.get("note") or ""
        seats.change(
            uow.session, unit.body_id, code, wanted, _day(submitted.get("on_day")), person.username, context.now(), note
        )
        uow.commit()
        history = [views.holding_dict(h) for h in seats.history(uow.session, unit.body_id, code)]
    return {"unit": code, "holdings": history}


def _seat_change(submitted: object) -> bool:
    """The shape SeatChange promises: the seat, a person's name or null, a text note if any."""
    return (
        isinstance(submitted, dict)
        and submitted.get("seat") in SEATS
        and isinstance(submitted.get("person"), str | None)
        and isinstance(submitted.get("note", ""), str)
    )


def _day(raw) -> date:  # noqa: ANN001
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise InvalidData({"on_day": FieldError("not_date")}) from None
