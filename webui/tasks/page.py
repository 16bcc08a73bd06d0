"""Everything the task page shows, gathered from rows (the page never loads a workflow)."""

from __future__ import annotations

from flask import render_template

from engine.core.errors import FieldError
from engine.org.models import Person
from engine.org.queries import liaisons_of, unit_names
from engine.reminders import history
from engine.workflow import access, tasks
from engine.workflow.models import HumanTask
from webui.annual import task_extras as annual_task
from webui.common import context, display
from webui.common.shapes import shown_data
from webui.meetings import task_extras as meeting_task
from webui.research import task_extras as research_task
from webui.supervision import task_extras as supervision_task
from webui.tasks import decided
from webui.tasks import forms as task_forms


def render(
    task: HumanTask,
    status: int = 200,
    values: dict | None = None,
    errors: dict[str, FieldError] | None = None,
    problems: dict[str, str] | None = None,
    comment: str = "",
):
    """The page; after a refused submission, with the submitted `values` (or the refused
    `comment`) and each field's error, so nothing typed is lost."""
    session, me = context.db_session(), context.person()
    mode = action_mode(me, task)
    form = tasks.form_of(task)
    page = {
        "task": task,
        "mode": mode,
        "shown": _shown_rows(task),
        "decided": decided.rows(task),
        "liaisons": _liaisons(task),
        "comments": tasks.comments_on(session, task.id),
        "comment_text": comment,
        "reminders": history.of_task(session, task.id),
        "problems": problems or {},
        "may_see_instance": access.can_see_instance(session, me, task.instance),
        "reassign_choices": _reassign_choices(me, task),
        **meeting_task.extras(task),
        **annual_task.extras(task),
        **supervision_task.extras(task),
        **research_task.extras(task),
    }
    if mode:
        draft = tasks.draft_of(session, me, task.id)
        choices = tasks.form_choices(session, task.body_id, data=task.shown)
        if values is None:
            values = task_forms.initial(form, task, draft)
        page["fields"] = task_forms.fields(form, values, errors or {}, choices)
        if any(f["name"] == "decided_items" for f in form["fields"]):  # items are written with unit codes
            page["unit_codes"] = list(
                tasks.form_choices(session, task.body_id, {"fields": [{"type": "units"}]}).units.items()
            )
        page["draft_saved_at"] = draft.saved_at if draft else None
    page["may_reassign"] = bool(page["reassign_choices"])
    return render_template("tasks/show.html", **page), status


def action_mode(me: Person, task: HumanTask) -> str | None:
    """What the person may do with the task: "complete" if they owe it, "on_behalf" for the office over a
    unit's task (代办), None for a reader."""
    if task.status != "open":
        return None
    if access.can_complete(me, task):
        return "complete"
    if access.can_act_for_unit(me, task):
        return "on_behalf"
    return None


def _shown_rows(task: HumanTask) -> list[tuple[str, str, object]]:
    """(label, kind, value): kind "list", "text", "items" (decided items as table rows),
    "answers" (each unit's suggestion or co-signature as a row) or "coded" (code, text lines)."""
    labels = _labels(task)
    units = unit_names(context.db_session(), task.body_id)
    return [(labels.get(name, name), *_shown(name, value, units)) for name, value in shown_data(task).items()]


def _labels(task: HumanTask) -> dict[str, str]:
    return {**{k: str(v) for k, v in display.DATA_LABELS.items()}, **display.field_labels(task.instance.spec.forms)}


def _shown(name: str, value: object, units: dict[str, str]) -> tuple[str, object]:
    answers = display.unit_answers(value, units)
    if name == "decided_items" and value:
        return "items", display.decided_items(value, units)
    if answers is not None:
        return "answers", answers
    if name in decided.CODED_LINES and value:
        return "coded", decided.coded_lines(value)
    return display.readable(value)


def _liaisons(task: HumanTask) -> list[tuple[str, str]]:
    """A unit's task is answered by the unit's current liaisons: name them, primary first."""
    if task.assignee_kind != "unit":
        return []
    people = liaisons_of(context.db_session(), task.body_id, task.assignee)
    return [(p.display_name, display.liaison_role_name(p.roles)) for p in people]


def _reassign_choices(me: Person, task: HumanTask) -> dict[str, list[tuple[str, str]]]:
    """Where the office may move an open task: only the assignees its rules allow
    (access.reassign_refusal); nothing, and so no reassign form, when there are none."""
    if not (me.is_office and task.status == "open"):
        return {}
    choices = tasks.form_choices(context.db_session(), task.body_id)
    units_allowed = access.reassign_refusal(task, "unit", frozenset()) is None
    offered = {
        "units": [(f"unit:{code}", name) for code, name in choices.units.items()] if units_allowed else [],
        "people": [
            (f"person:{user}", f"{name}（{user}）")
            for user, (name, roles) in choices.people.items()
            # members are named in the roster; they do not sign in
            if roles - {"member"} and access.reassign_refusal(task, "person", roles) is None
        ],
    }
    return offered if any(offered.values()) else {}
