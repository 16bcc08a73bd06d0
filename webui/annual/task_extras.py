"""What the task page adds for the annual cycle: the topic pool on a full meeting's round (for
the office, which drafts the topics), and on an annual task the links to the year's pages (a
unit's liaisons: their unit's page, where documents are attached) — with the current draft for
the office compiling it and the convener approving it."""

from __future__ import annotations

from engine.annual import access as seeing
from engine.annual import drafts
from engine.annual import queries as views
from engine.workflow.models import HumanTask
from webui.common import context

POOL_TASKS = {"open_round", "compile_proposal"}
DRAFT_TASKS = {"compile_summary", "approve_summary"}


def extras(task: HumanTask) -> dict:
    me, session = context.person(), context.db_session()
    if task.process_id == "full_meeting" and task.name in POOL_TASKS and me.sees_whole_body:
        return {"topic_pool": views.pool(session, task.body_id, task.instance.started_at)}
    if task.process_id != "annual_summary":
        return {}
    cycle = views.cycle_of_instance(session, task.instance_id)
    unit = task.assignee if task.assignee_kind == "unit" else None
    if cycle is None or not (me.sees_whole_body or (unit and seeing.can_see_unit(me, unit))):
        return {}
    page = {"annual_cycle": cycle, "annual_unit": unit}
    if task.name in DRAFT_TASKS:
        page["annual_draft"] = drafts.current_text(session, cycle)
    return page
