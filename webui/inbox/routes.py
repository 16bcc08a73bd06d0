"""The inbox: what the signed-in person, their unit or their roles have to do, most urgent first."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.dashboard import lists, paging
from engine.meetings import queries as views
from engine.workflow import inbox
from webui.common import context, display
from webui.home import routes as home
from webui.meetings import page as meeting_page

bp = Blueprint("inbox", __name__)

# 全部在办's status filter.
TASK_STATUSES = {
    "open": display.STATUS_NAMES["open"],
    "completed": display.STATUS_NAMES["completed"],
    "cancelled": display.STATUS_NAMES["cancelled"],
    "all": _l("全部"),
}

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
    """Home: the overview for those who oversee the body, the inbox for everyone else."""
    if home.shows_home(context.person()):
        return home.render()
    return mine()


@bp.get("/inbox")
@login_required
def mine():
    """A page at a time, the most urgent first, the tabs counting every open task of theirs."""
    session, me = context.db_session(), context.person()
    tab = request.args.get("show", "all")
    if tab not in TABS:
        tab = "all"
    figures = inbox.open_by_kind(session, me, context.now())
    query = inbox.person_query(me, kind=TABS[tab][1])
    number, size = paging.page_number(request.args.get("page")), paging.per_page(request.args.get("per_page"))
    page = paging.paginate(session, query, number, size)
    return render_template(
        "inbox/index.html",
        tasks=page.items,
        page=page,
        tab=tab,
        tabs=[(key, label, _count(figures, kind)) for key, (label, kind) in TABS.items()],
        overdue=sum(late for _, late in figures.values()),
        copies=views.copies_to_read(session, me),
        copy_roles=meeting_page.COPY_ROLES,
        args={k: v for k, v in request.args.items() if v and k != "page"},
    )


def _count(figures: dict[str, tuple[int, int]], kind: str | None) -> int:
    return sum(count for k, (count, _) in figures.items() if kind is None or k == kind)


@bp.get("/tasks")
@login_required
def all_open():
    """全部在办: every open task of the body, for those who supervise it (the office, the
    convener); the most urgent first, as in the inbox."""
    session, me = context.db_session(), context.person()
    if not me.sees_whole_body:
        abort(403)
    filters = _task_filters()
    query = lists.tasks(me.body_id, filters, context.now())
    number, size = paging.page_number(request.args.get("page")), paging.per_page(request.args.get("per_page"))
    return render_template(
        "inbox/all_open.html",
        page=paging.paginate(session, query, number, size),
        filters=filters,
        statuses=TASK_STATUSES,
        units=display.names().units,
        args={k: v for k, v in request.args.items() if v and k != "page"},
    )


def _task_filters() -> lists.TaskFilters:
    """The list's filters from the URL; a value it does not know is ignored, never an error."""
    status = request.args.get("status", "open")
    return lists.TaskFilters(
        status=status if status in TASK_STATUSES and status != "all" else "",
        unit=request.args.get("unit") or None,
        overdue=request.args.get("overdue") == "1",
        due_this_week=request.args.get("due") == "week",
    )
