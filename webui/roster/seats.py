"""A unit's membership history (成员调整): who held its member, liaison and backup liaison seats
when, and recording a change the unit reported, dated the day it took effect
(engine.roster.seats)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import FieldError, InvalidData
from engine.org.models import Unit
from engine.org.queries import active_people
from engine.roster import seats as service
from engine.roster import units
from webui.common import context, display
from webui.roster import NO_REFUSAL, SEATS, Refusal, administrator, bp, day_of, refusal


@bp.get("/roster/units/<code>/history")
@login_required
def unit_history(code: str):
    me = administrator()
    found = units.find(context.db_session(), me.body_id, code)
    form = {"seat": "liaison", "person": "", "on_day": context.now().date().isoformat(), "note": ""}
    return _page(found, form, NO_REFUSAL)


@bp.post("/roster/units/<code>/history")
@login_required
def seat_change(code: str):
    me = administrator()
    found = units.find(context.db_session(), me.body_id, code)
    form = {name: request.form.get(name, "").strip() for name in ("seat", "person", "on_day", "note")}
    try:
        if form["seat"] not in SEATS:
            raise InvalidData({"seat": FieldError("not_a_choice")})
        on_day = day_of("on_day", form["on_day"])
        wanted = {form["seat"]: form["person"] or None}
        with context.unit_of_work() as uow:
            now = context.now()
            service.change(uow.session, me.body_id, found.code, wanted, on_day, me.username, now, form["note"])
            uow.commit()
    except InvalidData as invalid:
        return _page(found, form, refusal(invalid), 422)
    flash(_("成员调整已记录。"), "success")
    return redirect(url_for("roster.unit_history", code=found.code))


def _page(found: Unit, form: dict, refused: Refusal, status: int = 200):
    session = context.db_session()
    return render_template(
        "roster/history.html",
        unit=found,
        now_held=service.holdings(session, found),
        rows=service.history(session, found.body_id, found.code),
        seat_choices=[(seat, display.ROLE_NAMES[seat]) for seat in SEATS],
        people_choices=[(p.username, f"{p.display_name}（{p.username}）") for p in active_people(session, found)],
        form=form,
        refused=refused,
    ), status
