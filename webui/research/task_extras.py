"""What the task page adds for research: on a full meeting's round, for whoever sees the whole
body, the research proposals the office put into the topic pool for it (beside the units' annual
topic suggestions, webui.annual.task_extras); on a research task, the link to the research's page
and, on the report, each unit's findings."""

from __future__ import annotations

from engine.org.queries import unit_names
from engine.research import access, pool, queries
from engine.workflow.models import HumanTask
from webui.annual.task_extras import POOL_TASKS
from webui.common import context

REPORT_TASK = "write_report"  # shows what the units found


def extras(task: HumanTask) -> dict:
    me, session = context.person(), context.db_session()
    if task.process_id == "full_meeting" and task.name in POOL_TASKS and me.sees_whole_body:
        return {"research_pool": pool.for_full_meeting(session, task.instance)}
    research = queries.of_instance(session, task.instance_id) if task.process_id == "research" else None
    if research is None or not access.can_see(me, research):
        return {}
    page = {"research": research}
    if task.name == REPORT_TASK:
        names, found = unit_names(session, research.body_id), queries.findings(session, research)
        page["research_findings"] = [(names.get(code, code), found.get(code)) for code in research.units]
    return page
