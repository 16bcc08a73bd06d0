"""The inbox: what the signed-in person, their unit or their roles have to do, most urgent first."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.meetings import queries as views
from engine.workflow import inbox
from engine.workflow.models import HumanTask
from webui.common import context, display
from webui.meetings import page as meeting_page

bp = Blueprint("inbox", __name__)

# The segmented filter: which kind of addressee each tab keeps (None keeps everything).
TABS = {
    "all": (_l("全部"), None),
    "mine": (_l("我的"), "person"),
    "unit": (_l("本单位"), "unit"),
    "role": (_l("本岗位"), "role"),
}


@bp.get("/")
@login_required
def index():
    session, me = context.db_session(), context.person()
    tasks = inbox.for_person(session, me)
    tab = request.args.get("show", "all")
    if tab not in TABS:
        tab = "all"
    kind = TABS[tab][1]
    shown = [t for t in tasks if kind is None or t.assignee_kind == kind]
    return render_template(
        "inbox/index.html",
        tasks=shown,
        tab=tab,
        tabs=[(key, label, _count(tasks, k)) for key, (label, k) in TABS.items()],
        overdue=sum(1 for t in tasks if (display.due_state(t) or ("",))[0] == "overdue"),
        copies=views.copies_to_read(session, me),
        copy_roles=meeting_page.COPY_ROLES,
    )


def _count(tasks: list[HumanTask], kind: str | None) -> int:
    return sum(1 for t in tasks if kind is None or t.assignee_kind == kind)


@bp.get("/tasks")
@login_required
def all_open():
    """全部在办: every open task of the body, for those who supervise it (the office, the
    convener); the most urgent first, as in the inbox."""
    me = context.person()
    if not me.sees_whole_body:
        abort(403)
    tasks = inbox.all_tasks(context.db_session(), body_id=me.body_id)
    tasks.sort(key=_urgency)
    return render_template("inbox/all_open.html", tasks=tasks)


def _urgency(task: HumanTask) -> tuple:
    return (task.due_at is None, task.due_at or task.created_at, task.created_at)
