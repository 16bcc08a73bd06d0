"""The body's units: the list with who holds each seat, adding one, correcting one, and retiring
one that leaves the body (engine.roster.units)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.org.models import Unit
from engine.roster import directory
from engine.roster import units as service
from webui.common import context
from webui.roster import NO_REFUSAL, Refusal, administrator, bp, day_of, refusal

ADDED = ("code", "name", "kind", "phone", "email")
KEPT = ("name", "kind", "phone", "email")


@bp.get("/roster/units")
@login_required
def units():
    administrator()
    return _list({"kind": "member"}, NO_REFUSAL)


@bp.post("/roster/units")
@login_required
def unit_add():
    me = administrator()
    form = {name: request.form.get(name, "").strip() for name in ADDED}
    try:
        with context.unit_of_work() as uow:
            unit = service.add(uow.session, me.body_id, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _list(form, refusal(invalid), 422)
    flash(_("已添加单位：%(name)s。", name=unit.name), "success")
    return redirect(url_for("roster.units"))


@bp.get("/roster/units/<code>")
@login_required
def unit(code: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, code)
    return _page(found, _kept(found), {}, NO_REFUSAL)


@bp.post("/roster/units/<code>")
@login_required
def unit_save(code: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, code)
    form = {name: request.form.get(name, "").strip() for name in KEPT}
    try:
        with context.unit_of_work() as uow:
            service.update(uow.session, me.body_id, found.code, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(found, form, {}, refusal(invalid), 422)
    flash(_("单位信息已保存。"), "success")
    return redirect(url_for("roster.units"))


@bp.post("/roster/units/<code>/retire")
@login_required
def unit_retire(code: str):
    """The unit leaves the body: refused, with the open tasks named, while any would be stranded."""
    me = administrator()
    found = service.find(context.db_session(), me.body_id, code)
    retiring = {name: request.form.get(name, "").strip() for name in ("on_day", "handover_to")}
    try:
        on_day = day_of("on_day", retiring["on_day"])
        with context.unit_of_work() as uow:
            actor = context.person_in(uow)
            service.retire(uow, actor, found.code, on_day, retiring["handover_to"] or None, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(found, _kept(found), retiring, refusal(invalid), 422)
    flash(_("%(name)s已退出联席会议。", name=found.name), "success")
    return redirect(url_for("roster.units"))


def _kept(found: Unit) -> dict:
    return {name: getattr(found, name) for name in KEPT}


def _list(form: dict, refused: Refusal, status: int = 200):
    rows = directory.units_with_seats(context.db_session(), context.person().body_id)
    former = directory.units_with_seats(context.db_session(), context.person().body_id, kinds=("former",))
    return render_template(
        "roster/units.html", rows=rows, former=[u for u, _seats in former], form=form, refused=refused
    ), status


def _page(found: Unit, form: dict, retiring: dict, refused: Refusal, status: int = 200):
    members = directory.units_with_seats(context.db_session(), found.body_id, kinds=("member",))
    return render_template(
        "roster/unit.html",
        unit=found,
        form=form,
        retiring=retiring or {"on_day": context.now().date().isoformat(), "handover_to": ""},
        handover=[(u.code, u.name) for u, _seats in members if u.id != found.id],
        refused=refused,
        kinds=service.KINDS,
    ), status
