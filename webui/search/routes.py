"""The search page: the box in every page's header sends the query here."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.annual.access import DOCUMENT_OWNER
from engine.dashboard import paging
from engine.search import found
from webui.common import context

bp = Blueprint("search", __name__)

QUERY_MAX = 100
KINDS = {
    "task": _l("事项"),
    "meeting": _l("会议"),
    "item": _l("督办事项"),
    "document": _l("文件"),
    "plan": _l("行动方案"),
}


@bp.get("/search")
@login_required
def index():
    query = request.args.get("q", "").strip()[:QUERY_MAX]
    result = found.find(context.db_session(), context.person(), query) if query else found.Found([], False)
    return render_template(
        "search/index.html",
        query=query,
        page=paging.cut(result.hits, paging.page_number(request.args.get("page"))),
        capped=result.capped,
        candidates=found.CANDIDATES,
        kinds=KINDS,
        args={"q": query},
    )


@bp.app_template_filter("hit_url")
def _hit_url(hit: found.Hit) -> str:
    record = hit.record
    if hit.kind == "document":
        if record.owner_kind == DOCUMENT_OWNER:
            return url_for("annual.document", attachment_id=record.id)
        return url_for("supervision.download", attachment_id=record.id)
    endpoints = {
        "task": ("tasks.show", "task_id"),
        "meeting": ("meetings.show", "meeting_id"),
        "item": ("supervision.show", "item_id"),
        "plan": ("plans.show", "run_id"),
    }
    endpoint, argument = endpoints[hit.kind]
    return url_for(endpoint, **{argument: record.id})
