"""Issued minutes as an official document (.docx, GB/T 9704-2012), for whoever may read a copy
of them (engine.documents.access); the meeting's notice, once sent, for whoever may see the meeting."""

from __future__ import annotations

from flask_login import login_required

from engine.documents import access, official_docx
from engine.documents import notice_docx as notices
from engine.meetings import access as meetings
from webui.common import context, downloads
from webui.meetings.routes import bp


@bp.get("/meetings/<int:meeting_id>/minutes.docx")
@login_required
def minutes_docx(meeting_id: int):
    session, me = context.db_session(), context.person()
    meeting = access.visible_minutes(session, me, meeting_id)
    return downloads.docx(official_docx.minutes_docx(session, meeting), f"{meeting.title}纪要.docx")


@bp.get("/meetings/<int:meeting_id>/notice.docx")
@login_required
def notice_docx(meeting_id: int):
    session, me = context.db_session(), context.person()
    meeting = notices.sent_notice(meetings.visible_meeting(session, me, meeting_id))
    return downloads.docx(notices.notice_docx(session, meeting), f"关于召开{meeting.title}的通知.docx")
