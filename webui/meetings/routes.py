"""Meetings: the list, one meeting's page (webui.meetings.page), and a recipient's copy of the
issued minutes with its receipt.

A meeting is found through engine.meetings.access.visible_meeting, which answers NotFound (404)
for a meeting of another body or one that does not concern the person's unit.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, render_template, request
from flask_login import login_required

from engine.dashboard import paging
from engine.meetings import access, receipts
from engine.meetings import queries as views
from engine.org.models import Body
from webui.common import context
from webui.common.security import came_here_oneself
from webui.meetings import page as meeting_page

bp = Blueprint("meetings", __name__)


@bp.app_template_filter("meeting_kind")
def _kind_name(kind: str) -> str:
    return str(meeting_page.KINDS.get(kind, kind))


@bp.app_template_filter("meeting_status")
def _status_name(status: str) -> str:
    return str(meeting_page.STATUSES.get(status, status))


@bp.get("/meetings")
@login_required
def index():
    """The meetings the person may see, in progress first (webui.meetings.page.listing), of one
    status or kind if chosen, paged."""
    session, me = context.db_session(), context.person()
    status = _chosen("status", meeting_page.STATUSES)
    kind = _chosen("kind", meeting_page.KINDS)
    page = meeting_page.listing(
        access.visible_meetings(session, me, status=status, kind=kind), paging.page_number(request.args.get("page"))
    )
    return render_template(
        "meetings/index.html",
        meetings=page.items,
        page=page,
        status=status,
        kind=kind,
        kinds=meeting_page.KINDS,
        statuses=meeting_page.STATUSES,
        args={k: v for k, v in (("status", status), ("kind", kind)) if v},
        owing=views.units_owing(session, [m.instance_id for m in page.items]),
        with_copy=views.meetings_with_copy(session, me, [m.id for m in page.items]),
    )


def _chosen(name: str, choices: dict) -> str | None:
    """A filter from the URL; anything unknown lists them all."""
    value = request.args.get(name)
    return value if value in choices else None


@bp.get("/meetings/<int:meeting_id>")
@login_required
def show(meeting_id: int):
    session, me = context.db_session(), context.person()
    meeting = access.visible_meeting(session, me, meeting_id)
    return render_template("meetings/show.html", **meeting_page.detail(session, me, meeting))


@bp.get("/meetings/<int:meeting_id>/copy")
@login_required
def copy(meeting_id: int):
    """A recipient unit's copy: the issued minutes under their seal; the first open by one of
    the unit's people is its receipt, unless the unit signs for it in a task of its own."""
    session, me = context.db_session(), context.person()
    meeting, received = access.visible_copy(session, me, meeting_id)
    opened_at, opened_by = received.opened_at, received.opened_by
    if opened_at is None and came_here_oneself():
        opened_at, opened_by = _note_receipt(received.id)
    version = views.minutes_of_copy(session, received)
    return render_template(
        "meetings/copy.html",
        meeting=meeting,
        received=received,
        opened_at=opened_at,
        opened_by=opened_by,
        receipt_task=views.receipt_tasks(session, meeting).get(received.unit),
        minutes=meeting_page.version_view(version, [], meeting_page.government_states(session, me, version)),
        government=session.get(Body, meeting.body_id).government_name,
        seal_unit=meeting.seal,
    )


def _note_receipt(distribution_id: int) -> tuple[datetime | None, str | None]:
    with context.unit_of_work() as uow:
        received, recorded = receipts.copy_opened(uow.session, distribution_id, context.person_in(uow), context.now())
        if recorded:
            uow.commit()
        return received.opened_at, received.opened_by
