"""The office's 密级 of a meeting's minutes (docs/CONFIDENTIALITY.md): the same change as a
file's or a document's (webui.supervision.levels), audited with the meeting's instance."""

from __future__ import annotations

from flask import redirect, url_for
from flask_login import login_required

from engine.meetings import access
from webui.common import context
from webui.meetings.routes import bp
from webui.supervision import levels


@bp.post("/meetings/<int:meeting_id>/level")
@login_required
def set_level(meeting_id: int):
    """Someone who may not see the meeting gets 404; anyone but the office 403, and 公开 needs
    the office director (engine.confidentiality.setting)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        meeting = access.visible_meeting(uow.session, me, meeting_id)
        levels.change(uow, me, meeting, meeting.instance_id)
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="minutes"))
