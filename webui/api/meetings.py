"""The JSON API of meetings (全体/专题/办公室会议): the body's meetings, their stage, and the decided items.

The same services and checks as the pages (webui/meetings/): the office, the convener and the
administrator read every meeting of their body, a unit's people the meetings that concern their
unit (engine.meetings.access); another unit's or body's meeting is 404. The steps of a meeting
(proposing, deciding, attendance, drafting, co-signing, signing, receipts in a task) are tasks,
done through /api/v1/tasks; here are the meeting itself and what its pages do besides."""

from __future__ import annotations

from flask import request
from sqlalchemy.orm import Session
from werkzeug.exceptions import BadRequest

from engine.confidentiality import setting
from engine.core.clock import iso
from engine.dashboard import paging
from engine.documents import access as documents
from engine.documents import notice_docx as notices
from engine.documents import official_docx
from engine.meetings import access, receipts, sitting_in, stages
from engine.meetings import queries as views
from engine.meetings.models import Meeting
from engine.org.models import Person
from engine.supervision import access as item_access
from engine.supervision import ledger
from engine.workflow import access as workflow_access
from webui.api import bp, listing
from webui.api.meeting_views import copy_dict, disputes, minutes_version, office_records, timeline
from webui.api.supervision import asked_level, row_dict
from webui.common import context, downloads
from webui.common.security import came_here_oneself
from webui.meetings import page as meeting_page

MAX_PER_PAGE = 100


def meeting_dict(meeting: Meeting) -> dict:
    return {
        "id": meeting.id,
        "instance_id": meeting.instance_id,
        "kind": meeting.kind,
        "title": meeting.title,
        "status": meeting.status,
        "meeting_at": iso(meeting.meeting_at) if meeting.meeting_at else None,
        "place": meeting.place,
        "opened_at": iso(meeting.opened_at),
        "issued_at": iso(meeting.issued_at) if meeting.issued_at else None,
        "level": meeting.level,
    }


@bp.get("/meetings")
def list_meetings():
    """The meetings the caller sees, in progress first, as the page lists and pages them."""
    session, me = context.db_session(), context.person()
    status, kind = listing.choice("status", meeting_page.STATUSES), listing.choice("kind", meeting_page.KINDS)
    number, size = listing.asked_page(meeting_page.PER_PAGE, MAX_PER_PAGE)
    page = paging.cut(access.visible_meetings(session, me, status=status, kind=kind), number, size)
    owing = views.units_owing(session, [m.instance_id for m in page.items])
    with_copy = views.meetings_with_copy(session, me, [m.id for m in page.items])
    return {
        "meetings": [
            {**meeting_dict(m), "units_owing": owing.get(m.instance_id, 0), "has_copy": m.id in with_copy}
            for m in page.items
        ],
        **listing.page_keys(page),
    }


@bp.get("/meetings/<int:meeting_id>")
def get_meeting(meeting_id: int):
    session, me = context.db_session(), context.person()
    return _detail(session, me, access.visible_meeting(session, me, meeting_id))


def _detail(session: Session, me: Person, meeting: Meeting) -> dict:
    """What the meeting's page shows the caller; the units' progress on each request, the copies
    and their receipts, the suggestions and who is still owed only to those who see the whole body."""
    versions = views.versions(session, meeting)
    own_copy = views.copy_for(session, meeting, me)
    receipts_owed = any(task.status == "open" for task in views.receipt_tasks(session, meeting).values())
    detail = {
        **meeting_dict(meeting),
        "topics": meeting.topics,
        "chair": meeting.chair,
        "seal": meeting.seal,
        "signed_by": meeting.signed_by,
        "stages": [{"stage": s, "state": state} for s, state in stages.progress(meeting, receipts_owed)],
        "units": {
            "attended": list(meeting.attended_units),
            "absent": list(meeting.absent_units),
            "invited": list(meeting.invited_units),
            "sitting_in": list(meeting.sitting_in),
        },
        "minutes": [minutes_version(session, me, v, latest=v is versions[-1]) for v in versions],
        "disputes": disputes(session, me, meeting),
        "items": [row_dict(row) for row in item_access.visible_rows(me, _items(session, me, meeting))],
        "own_copy": copy_dict(own_copy) if own_copy else None,
        "may_see_instance": workflow_access.can_see_instance(session, me, views.instance_of(session, meeting)),
        "may_record_sitting_in": sitting_in.may_record(me, meeting),
        "timeline": timeline(session, meeting, me),
    }
    return {**detail, **office_records(session, meeting)} if me.sees_whole_body else detail


def _items(session: Session, me: Person, meeting: Meeting) -> list[dict]:
    """The meeting's decided items under supervision: the ledger's rows of them."""
    return ledger.rows(session, me.body_id, context.now(), ledger.Filters(meeting_id=meeting.id))


@bp.get("/meetings/<int:meeting_id>/copy")
def get_meeting_copy(meeting_id: int):
    """The caller's unit's copy of the issued minutes. As on the page, its first reading by one who
    answers for the unit is the unit's receipt, unless the unit signs for it in a task (receipt_task)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        meeting, received = access.visible_copy(uow.session, me, meeting_id)
        # As on the page, an opening from another site's link is not the person's own: no receipt.
        if came_here_oneself() and receipts.copy_opened(uow.session, received.id, me, context.now())[1]:
            uow.commit()
        task = views.receipt_tasks(uow.session, meeting).get(received.unit)
        version = views.minutes_of_copy(uow.session, received)
        return {
            **copy_dict(received),
            "meeting": meeting_dict(meeting),
            "receipt_task": {"id": task.id, "status": task.status} if task else None,
            "minutes": minutes_version(uow.session, me, version, latest=True, signatures=False),
        }


@bp.get("/meetings/<int:meeting_id>/minutes.docx")
def meeting_minutes_docx(meeting_id: int):
    """The issued minutes as the official .docx, for whoever may read a copy of them."""
    session, me = context.db_session(), context.person()
    meeting = documents.visible_minutes(session, me, meeting_id)
    return downloads.docx(official_docx.minutes_docx(session, meeting), f"{meeting.title}纪要.docx")


@bp.get("/meetings/<int:meeting_id>/notice.docx")
def meeting_notice_docx(meeting_id: int):
    """The meeting's notice, once sent; 404 before."""
    session, me = context.db_session(), context.person()
    meeting = notices.sent_notice(access.visible_meeting(session, me, meeting_id))
    return downloads.docx(notices.notice_docx(session, meeting), f"关于召开{meeting.title}的通知.docx")


@bp.post("/meetings/<int:meeting_id>/sitting-in")
def record_meeting_sitting_in(meeting_id: int):
    """列席: the office's people who sat in on a full meeting, replacing what was recorded."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        meeting = access.visible_meeting(uow.session, me, meeting_id)  # 404 before reading the body
        sitting_in.record(uow.session, me, meeting, _usernames(), context.now())
        uow.commit()
        return {"sitting_in": list(meeting.sitting_in), "names": sitting_in.names(uow.session, meeting)}


def _usernames() -> list[str]:
    submitted = request.get_json(silent=True)
    names = submitted.get("sitting_in") if isinstance(submitted, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise BadRequest("send {sitting_in: [user names]}")
    return names


@bp.post("/meetings/<int:meeting_id>/level")
def set_meeting_level(meeting_id: int):
    """The office's 密级 of the meeting's minutes; 公开 needs the office director (403 needs_director)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        meeting = access.visible_meeting(uow.session, me, meeting_id)
        setting.set_level(uow.session, me, meeting, asked_level(), context.now(), instance_id=meeting.instance_id)
        uow.commit()
        return meeting_dict(meeting)
