"""A member unit's page: how to reach it, who holds its seats, its duties in the body, what it still
owes, and every 催办 it received.

The office, the convener and the administrator see any unit of their body; a unit's own people
see their own unit; anyone else gets 404, so unit codes reveal nothing (engine.org.access). The
unit's liaisons keep its phone and e-mail current, and so may the office and the administrator
(engine.roster.access); the body's administrator writes its duties (engine.roster.duties).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import Forbidden, InvalidData
from engine.dashboard import paging
from engine.org import access
from engine.org.models import LIAISON_ROLES, SEATS, Unit
from engine.org.queries import people_who_sign_in
from engine.reminders import history
from engine.roster import access as roster_access
from engine.roster import duties, seats, units
from engine.workflow import inbox
from webui.common import context, display
from webui.common.i18n import field_error_message

bp = Blueprint("units", __name__)


@bp.get("/units/<code>")
@login_required
def show(code: str):
    return _render(_visible_unit(code))


@bp.post("/units/<code>/liaisons")
@login_required
def change_liaisons(code: str):
    """The office names the unit's liaison and backup; the unit's open tasks follow them."""
    unit = _visible_unit(code)
    if not context.person().is_office:
        raise Forbidden("only the office names a unit's liaisons")
    backup = request.form.get("backup") or None
    try:
        with context.unit_of_work() as uow:
            now = context.now()
            wanted = {"liaison": request.form.get("primary", ""), "backup_liaison": backup}
            seats.change(uow.session, unit.body_id, unit.code, wanted, now.date(), context.person().username, now)
            uow.commit()
    except InvalidData as exc:
        return _render(_visible_unit(code), problem=exc.message), 422
    flash(_("联络员已更换，该单位的在办事项随之转给新的联络员。"), "success")
    return redirect(url_for("units.show", code=unit.code))


@bp.post("/units/<code>/contacts")
@login_required
def save_contacts(code: str):
    unit, me = _visible_unit(code), context.person()
    roster_access.require(roster_access.may_edit_contacts(me, unit), "the unit's contacts")
    form = {name: request.form.get(name, "").strip() for name in units.CONTACTS}
    try:
        with context.unit_of_work() as uow:
            units.save_contacts(uow.session, me, unit.code, form, context.now())
            uow.commit()
    except InvalidData as invalid:
        errors = {name: field_error_message(error) for name, error in invalid.errors.items()}
        return _render(unit, contacts=(form, errors)), 422
    flash(_("联系方式已保存。"), "success")
    return redirect(url_for("units.show", code=unit.code))


@bp.post("/units/<code>/duties")
@login_required
def save_duties(code: str):
    """The administrator writes the unit's duties; anyone else is refused by the engine (403)."""
    unit, text = _visible_unit(code), request.form.get("duties", "")
    try:
        with context.unit_of_work() as uow:
            duties.save(uow.session, context.person_in(uow), unit.code, text, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _render(unit, duties_form=(text, field_error_message(invalid.errors["duties"]))), 422
    flash(_("单位职责已保存。"), "success")
    return redirect(url_for("units.show", code=unit.code))


def _visible_unit(code: str) -> Unit:
    return access.visible_unit(context.db_session(), context.person(), code)


def _render(
    unit: Unit,
    problem: str | None = None,
    contacts: tuple[dict, dict] | None = None,
    duties_form: tuple[str, str] | None = None,
) -> str:
    """The page; `contacts` is the contacts form sent back with its errors, `duties_form` the
    duties typed with their error."""
    session, me = context.db_session(), context.person()
    held = seats.holdings(session, unit)
    form, errors = contacts or ({"phone": unit.phone, "email": unit.email}, {})
    duties_text, duties_error = duties_form or (unit.duties, "")
    number, size = paging.page_number(request.args.get("page")), paging.per_page(request.args.get("per_page"))
    owed = paging.paginate(session, inbox.unit_query(unit.body_id, unit.code), number, size)
    return render_template(
        "units/show.html",
        unit=unit,
        seats=[(display.ROLE_NAMES[seat], held.get(seat, [])) for seat in SEATS],
        current={h.person.username: seat == "liaison" for seat in LIAISON_ROLES for h in held.get(seat, [])},
        may_edit_contacts=roster_access.may_edit_contacts(me, unit),
        contacts_form=form,
        contacts_errors=errors,
        may_edit_duties=roster_access.may_administer(me),
        duties_text=duties_text,
        duties_error=duties_error,
        duties_max=duties.DUTIES_MAX,
        colleagues=people_who_sign_in(session, unit) if me.is_office else [],
        problem=problem,
        tasks=owed.items,
        page=owed,
        args={"code": unit.code} | ({"per_page": size} if request.args.get("per_page") else {}),
        reminders=history.of_unit(session, me.body_id, unit.code),
        limit=history.UNIT_LIMIT,
    )
