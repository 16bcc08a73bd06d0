"""What the task page adds for a meeting's task: the receipt that the unit opened it, a link to
the meeting, and on a co-sign task what changed in the minutes since the unit last signed."""

from __future__ import annotations

from engine.core.errors import NotFound
from engine.meetings import access as meeting_access
from engine.meetings import queries as views
from engine.meetings import receipts
from engine.meetings.models import Meeting
from engine.workflow import access
from engine.workflow.models import HumanTask
from webui.common import context
from webui.common.security import came_here_oneself


def note_opened(task: HumanTask) -> None:
    """The first time someone the task is addressed to opens it (the office looking is not the
    unit opening): written once, in its own small unit of work."""
    if task.first_opened_at is not None or not access.addressed_to(context.person(), task) or not came_here_oneself():
        return
    with context.unit_of_work() as uow:
        if receipts.task_opened(uow.session, task.id, context.person_in(uow), context.now()):
            uow.commit()


def extras(task: HumanTask) -> dict:
    """{"meeting": …, "changes": …, "current_version": …} for the page; empty for other tasks."""
    meeting = _meeting_of(task)
    if meeting is None:
        return {}
    page = {"meeting": meeting}
    if task.name == "cosign_minutes" and task.assignee_kind == "unit":
        session = context.db_session()
        current = views.versions(session, meeting)[-1:]
        page["current_version"] = current[0].number if current else None
        page["changes"] = views.changes_since_signed(session, meeting, task.assignee)
    return page


def _meeting_of(task: HumanTask) -> Meeting | None:
    session = context.db_session()
    meeting = views.meeting_of_instance(session, task.instance_id)
    if meeting is None:
        return None
    try:
        return meeting_access.visible_meeting(session, context.person(), meeting.id)
    except NotFound:
        return None
