"""The body's overview and its profile: name, level, government, convener's and office's units,
seals and document-number prefix (engine.roster.bodies)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.roster import bodies, directory, listing
from webui.common import context
from webui.roster import NO_REFUSAL, Refusal, administrator, bp, refusal

FIELDS = ("name", "level", "government_name", "convener_unit", "office_unit", "body_seal", "office_seal", "doc_prefix")


@bp.get("/roster")
@login_required
def index():
    me = administrator()
    session = context.db_session()
    units = directory.units_with_seats(session, me.body_id, kinds=("member", "guest", "former"))
    people = listing.people(session, me.body_id)
    return render_template(
        "roster/index.html",
        profile=bodies.profile_of(me.body),
        units={kind: sum(1 for unit, _seats in units if unit.kind == kind) for kind in ("member", "guest", "former")},
        people={"active": sum(1 for p in people if p.active), "inactive": sum(1 for p in people if not p.active)},
        unit_names={unit.code: unit.name for unit, _seats in units},
        unreachable=[u for u, seats in units if u.kind == "member" and not set(seats) & {"liaison", "backup_liaison"}],
    )


@bp.get("/roster/body")
@login_required
def body_page():
    me = administrator()
    return _page(bodies.profile_of(me.body), NO_REFUSAL)


@bp.post("/roster/body")
@login_required
def body_save():
    me = administrator()
    form = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        with context.unit_of_work() as uow:
            bodies.save_profile(uow.session, me.body_id, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(form, refusal(invalid), 422)
    flash(_("联席会议设置已保存。"), "success")
    return redirect(url_for("roster.index"))


def _page(form: dict, refused: Refusal, status: int = 200):
    me = context.person()
    members = directory.units_with_seats(context.db_session(), me.body_id, kinds=("member",))
    options = [(unit.code, unit.name) for unit, _seats in members]
    return render_template("roster/body.html", form=form, refused=refused, members=options), status
