"""Research (调查研究, the joint-meeting rules §二 duty 4): the list, one research's page with each
unit's findings and the report's proposals, and the office putting a proposal into the topic pool
of the next full meeting (engine.research.pool).

engine.research.access decides who sees what: the office, the conveners and the administrator
every research of their body, a unit's people those their unit takes part in; anything else is
not found (404)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.org.queries import unit_names
from engine.research import access, pool, queries
from engine.workflow import access as workflow_access
from engine.workflow import inbox
from engine.workflow.models import ProcessInstance
from webui.common import context

bp = Blueprint("research", __name__)

STATUSES = {"planned": _l("调研中"), "reported": _l("已形成报告")}


@bp.get("/research")
@login_required
def index():
    session, me = context.db_session(), context.person()
    return render_template(
        "research/index.html",
        found=access.visible_list(session, me),
        units=unit_names(session, me.body_id),
        statuses=STATUSES,
    )


@bp.get("/research/<int:research_id>")
@login_required
def show(research_id: int):
    session, me = context.db_session(), context.person()
    research = access.visible_research(session, me, research_id)
    open_tasks = inbox.all_tasks(session, instance_id=research.instance_id)
    owed = {t.assignee: t for t in open_tasks if t.name == "contribute_findings"}  # a unit's findings still owed
    return render_template(
        "research/show.html",
        research=research,
        units=unit_names(session, me.body_id),
        findings=queries.findings(session, research),
        owed=owed,
        statuses=STATUSES,
        may_see_instance=workflow_access.can_see_instance(
            session, me, session.get(ProcessInstance, research.instance_id)
        ),
    )


@bp.post("/research/<int:research_id>/proposals/<int:number>/pool")
@login_required
def put_in_pool(research_id: int, number: int):
    """The office's; 404 for who may not see the research, 403 for anyone else who may, 409 when
    the proposal is in the pool already (engine.research.pool)."""
    with context.unit_of_work() as uow:
        pool.put(uow.session, context.person_in(uow), research_id, number, context.now())
        uow.commit()
    flash(_("已列入下次全体会议议题库。"), "success")
    return redirect(url_for("research.show", research_id=research_id, _anchor=f"proposal-{number}"))
