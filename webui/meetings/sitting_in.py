"""列席: the office records which of its people sat in on a full meeting (engine.meetings.sitting_in),
from the meeting's page, where the attending units are shown."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.meetings import access, sitting_in
from webui.common import context
from webui.common.i18n import field_error_message
from webui.meetings import page as meeting_page
from webui.meetings.routes import bp


@bp.post("/meetings/<int:meeting_id>/sitting-in")
@login_required
def record_sitting_in(meeting_id: int):
    """Someone who may not see the meeting gets 404, anyone but the office 403, a meeting not held
    or already issued 409, and someone not of the office 422 (engine.meetings.sitting_in)."""
    try:
        with context.unit_of_work() as uow:
            me = context.person_in(uow)
            meeting = access.visible_meeting(uow.session, me, meeting_id)
            sitting_in.record(uow.session, me, meeting, request.form.getlist("sitting_in"), context.now())
            uow.commit()
    except InvalidData as invalid:
        session, me = context.db_session(), context.person()
        page = meeting_page.detail(session, me, access.visible_meeting(session, me, meeting_id))
        error = field_error_message(invalid.errors["sitting_in"])
        return render_template("meetings/show.html", **page, sitting_in_error=error), 422
    flash(_("列席人员已登记。"), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="units"))
