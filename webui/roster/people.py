"""The body's people: the list, adding one (with a temporary password shown once), their
profile and roles, a new temporary password, locking and deactivating (engine.roster.people).

A seat (member, liaison, backup liaison) is not a role ticked here: it changes by a dated
membership change on the unit's history page.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.org.models import Person
from engine.roster import directory, listing, open_work
from engine.roster import people as service
from webui.common import context, display
from webui.roster import GIVEN_ROLES, NO_REFUSAL, SEATS, Refusal, administrator, bp, person_status, refusal

PROFILE = ("display_name", "title", "email", "phone")
ADDED = ("username", "unit", *PROFILE)


@bp.get("/roster/people")
@login_required
def people():
    administrator()
    return _list({"unit": request.args.get("unit", "")}, NO_REFUSAL)


@bp.post("/roster/people")
@login_required
def person_add():
    me = administrator()
    form = {name: request.form.get(name, "").strip() for name in ADDED} | {"roles": request.form.getlist("roles")}
    try:
        with context.unit_of_work() as uow:
            person, password = service.add(uow.session, me.body_id, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _list(form, refusal(invalid), 422)
    return _password(person.username, person.display_name, password, added=True)


@bp.get("/roster/people/<username>")
@login_required
def person(username: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, username)
    return _page(found, _profile(found), NO_REFUSAL)


@bp.post("/roster/people/<username>")
@login_required
def person_save(username: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, username)
    form = {name: request.form.get(name, "").strip() for name in PROFILE}
    try:
        with context.unit_of_work() as uow:
            service.update(uow.session, me.body_id, found.username, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(found, form, refusal(invalid), 422)
    flash(_("%(name)s的信息已保存。", name=form["display_name"]), "success")
    return redirect(url_for("roster.person", username=found.username))


@bp.post("/roster/people/<username>/roles")
@login_required
def person_roles(username: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, username)
    try:
        with context.unit_of_work() as uow:
            roles = request.form.getlist("roles")
            service.set_roles(uow.session, me.body_id, found.username, roles, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(found, _profile(found), refusal(invalid), 422)
    flash(_("%(name)s的角色已保存。", name=found.display_name), "success")
    return redirect(url_for("roster.person", username=found.username))


@bp.post("/roster/people/<username>/password")
@login_required
def person_password(username: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, username)
    with context.unit_of_work() as uow:
        password = service.reset_password(uow.session, me.body_id, found.username, me.username, context.now())
        uow.commit()
    return _password(found.username, found.display_name, password, added=False)


@bp.post("/roster/people/<username>/lock")
@login_required
def person_lock(username: str):
    me = administrator()
    found = service.find(context.db_session(), me.body_id, username)
    locked = request.form.get("locked") == "1"
    with context.unit_of_work() as uow:
        service.lock(uow.session, me.body_id, found.username, locked, me.username, context.now())
        uow.commit()
    name = found.display_name
    flash(_("%(name)s的账号已锁定。", name=name) if locked else _("%(name)s的账号已解锁。", name=name), "success")
    return redirect(url_for("roster.person", username=found.username))


@bp.post("/roster/people/<username>/deactivate")
@login_required
def person_deactivate(username: str):
    """The person leaves; the tasks addressed to them by name go to whoever takes over."""
    me = administrator()
    found = service.find(context.db_session(), me.body_id, username)
    hand_over_to = request.form.get("hand_over_to", "").strip() or None
    try:
        with context.unit_of_work() as uow:
            service.deactivate(uow, context.person_in(uow), found.username, hand_over_to, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(found, _profile(found), refusal(invalid), 422, hand_over_to)
    flash(_("%(name)s已停用。", name=found.display_name), "success")
    return redirect(url_for("roster.person", username=found.username))


def _profile(found: Person) -> dict:
    return {name: getattr(found, name) or "" for name in PROFILE}


def _list(form: dict, refused: Refusal, status: int = 200):
    session, me = context.db_session(), context.person()
    units = directory.units_with_seats(session, me.body_id, kinds=("member", "guest", "government", "former"))
    return render_template(
        "roster/people.html",
        people=listing.people(session, me.body_id, request.args.get("unit") or None),
        units=[u for u, _seats in units],
        unit_choices=[(u.code, u.name) for u, _seats in units if u.kind != "former"],
        shown_unit=request.args.get("unit", ""),
        form=form,
        refused=refused,
        given_roles=GIVEN_ROLES,
    ), status


def _page(found: Person, form: dict, refused: Refusal, status: int = 200, hand_over_to: str | None = None):
    session = context.db_session()
    colleagues = [p for p in listing.people(session, found.body_id) if p.active and p.id != found.id]
    return render_template(
        "roster/person.html",
        person=found,
        status=person_status(found),
        seats_held=[str(display.ROLE_NAMES[seat]) for seat in SEATS if seat in found.roles],
        form=form,
        refused=refused,
        given_roles=GIVEN_ROLES,
        colleague_choices=[(p.username, f"{p.display_name}（{p.unit.name}）") for p in colleagues],
        hand_over_to=hand_over_to or "",
        owed=open_work.of_person(session, found.body_id, found.username),
        is_me=found.id == context.person().id,
    ), status


def _password(username: str, name: str, password: str, added: bool):
    """The temporary password, on this page only: it is never stored, nor shown again."""
    return render_template("roster/password.html", username=username, name=name, password=password, added=added)
