"""Everything one instance's page shows: its open steps (a matrix for a step several units owe,
with how often each was reminded and, for the office, 一键催办), and its history."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.core import audit
from engine.core.errors import NotFound
from engine.org.models import Person
from engine.reminders import history
from engine.workflow import access, control, forms, inbox, incidents, instances
from engine.workflow.models import HumanTask, ProcessInstance
from webui.common import context, display, reminder_history, shapes
from webui.instances import diagram

ACTIONS = {
    "start": _l("发起"),
    "complete": _l("办理"),
    "complete_on_behalf": _l("代办"),
    "reassign": _l("改派"),
    "timer": _l("定时触发"),
    "deploy": _l("部署"),
    "nag": _l("催办"),
    "closed_at_due": _l("到期未办理，按规定关闭"),
    "plan_start": _l("启动实施方案"),
    "incident_retry": _l("重试出错环节"),
    "incident_skip": _l("跳过出错环节"),
    "instance_cancel": _l("终止流程"),
    "instance_migrate": _l("迁移版本"),
    "message": _l("收到消息"),
    "signal": _l("收到信号"),
}
OTHER_ACTION = _l("记录")  # an action this page has no word for is never shown by its code


def render(
    instance: ProcessInstance, status: int = 200, problems: dict[str, str] | None = None, cancel: dict | None = None
):
    """The page; after a refused 一键催办, with the problem beside that step's form; after a
    refused cancelling, with the reason given and its error (`cancel`)."""
    session, me = context.db_session(), context.person()
    every_task = inbox.all_tasks(session, status=None, instance_id=instance.id)
    page = render_template(
        "instances/show.html",
        instance=instance,
        groups=_open_groups(every_task, me),
        events=_events(session, instance.id, every_task),
        problems=problems or {},
        diagram=diagram.drawing(instance),
        files=_readable_files(session, me, instance),
        incidents=incidents.open_of_instance(session, instance.id),
        may_see_incidents=incidents.may_see(me),
        latest=instances.latest_spec(session, instance.process_id),
        may_control=instance.status == "running" and control.may_control(me),
        cancel=cancel or {},
        reason_max=control.REASON_MAX,
    )
    return page, status


def _readable_files(session, me: Person, instance: ProcessInstance) -> list:  # noqa: ANN001
    """The instance's files the person may read: a restricted one shows only to those cleared."""
    found = []
    for file in attachments.of_owner(session, forms.FILE_OWNER, instance.id):
        try:
            found.append(access.visible_file(session, me, instance.id, file.id))
        except NotFound:
            continue
    return found


def _open_groups(every_task: list[HumanTask], me: Person) -> list[dict]:
    """The open steps, one group per BPMN task. A step several units owe at once (a
    multi-instance task) reads as a matrix: each unit, whether it has answered, by when."""
    groups = {}
    for task in every_task:
        if task.status != "cancelled":
            groups.setdefault(task.name, []).append(task)
    reminded = history.counts_by_task(context.db_session(), [t.id for t in every_task if t.status != "cancelled"])
    result = []
    for name, group in groups.items():
        rows = _current_round(group)
        if rows:
            owing = [t for t in rows if t.status == "open"]
            result.append(
                {
                    "name": name,
                    "title": display.task_title(rows[-1]),
                    "matrix": len(rows) > 1,
                    "rows": [_row(t, me, reminded) for t in rows],
                    "owing": len(owing),
                    "may_nag": me.is_office and any(t.assignee_kind == "unit" for t in owing),
                }
            )
    return result


def _current_round(group: list[HumanTask]) -> list[HumanTask]:
    """The tasks of the step's current round, those still owed first; none if the step is not open.
    A step run again (returned for revision) keeps each addressee's newest task."""
    open_tasks = [t for t in group if t.status == "open"]
    if not open_tasks:
        return []
    since = min(t.created_at for t in open_tasks)
    latest = {(t.assignee_kind, t.assignee): t for t in group if t.created_at >= since}
    return sorted(latest.values(), key=lambda t: (t.status != "open", t.assignee))


def _row(task: HumanTask, me: Person, reminded: dict[str, int]) -> dict:
    unit = task.assignee if task.assignee_kind == "unit" else None
    return {
        "task": task,
        "visible": access.can_see_task(me, task),
        "reminded": reminded.get(task.id, 0),
        "unit_page": unit if unit and reminder_history.may_see_unit(unit) else None,
    }


def _events(session: Session, instance_id: int, every_task: list[HumanTask]) -> list[dict]:
    titles = {t.id: display.task_title(t) for t in every_task}
    steps = {t.name: display.task_title(t) for t in every_task}  # a 催办 names its step
    events = []
    for event in shapes.history(audit.of_instance(session, instance_id)):
        title = titles.get(event["task_id"], "")
        if event["action"] == "nag":  # its summary is the step's BPMN id: name the step instead
            title = steps.get(event["summary"], event["summary"])
            event = {**event, "summary": ""}
        elif event["action"] == "closed_at_due":  # its summary, in Chinese only, says what the action's name says
            event = {**event, "summary": ""}
        events.append({**event, "action_name": str(ACTIONS.get(event["action"], OTHER_ACTION)), "task_title": title})
    return events
