"""What the task page adds for the annual cycle: the topic pool on a full meeting's round (for
the office, which drafts the topics), and on an annual task the links to the year's pages (a
unit's liaisons: their unit's page, where documents are attached) — with the current draft for
the office compiling it and the convener approving it, and the material the office reviews."""

from __future__ import annotations

from engine.annual import access as seeing
from engine.annual import drafts
from engine.annual import queries as views
from engine.workflow.models import HumanTask
from webui.common import context

POOL_TASKS = {"open_round", "compile_proposal"}
DRAFT_TASKS = {"compile_summary", "approve_summary"}
REVIEW_TASK = "review_submission"  # shows the material under review


def extras(task: HumanTask) -> dict:
    me, session = context.person(), context.db_session()
    if task.process_id == "full_meeting" and task.name in POOL_TASKS and me.sees_whole_body:
        return {"topic_pool": views.pool(session, task.body_id, task.instance.started_at)}
    if task.process_id != "annual_summary":
        return {}
    cycle = views.cycle_of_instance(session, task.instance_id)
    unit = _unit_of(task)
    if cycle is None or not (me.sees_whole_body or (unit and seeing.can_see_unit(me, unit))):
        return {}
    page = {"annual_cycle": cycle, "annual_unit": unit}
    if task.name in DRAFT_TASKS:
        page["annual_draft"] = drafts.current_text(session, cycle)
    if task.name == REVIEW_TASK and unit:
        page["under_review"] = views.latest_submission(session, cycle.id, unit)
    return page


def _unit_of(task: HumanTask) -> str | None:
    """The unit whose year it is: the one that owes the task, or the one whose material the office reviews."""
    if task.assignee_kind == "unit":
        return task.assignee
    reporter = task.shown.get("reporter")
    return reporter.get("code") if isinstance(reporter, dict) else None
