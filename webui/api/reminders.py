"""The JSON API of reminders (催办): the body's reminder policy (催办规则), the reminders a task or an
instance's tasks received (催办记录), and the working-day calendar's overrides (工作日历).

The same people and the same services as the pages: the policy is its administrator's and its office
director's (webui/admin/reminders.py), the calendar the site administrator's (webui/site/calendar.py),
anyone else 403; a change replans the reminders as the page's does (engine.reminders.planning.replan).
The reminders are read by whoever sees the task or the instance (engine.workflow.access): 404 else.
Values are checked by the pages' own rules, and a refused one is 422 with the page's message."""

from __future__ import annotations

from flask import request

from engine.core import workdays
from engine.core.errors import NotFound
from engine.core.models import CalendarDay
from engine.org.models import Body, Person
from engine.reminders import changes, history
from engine.reminders.models import OutboxMessage, Reminder
from engine.reminders.policy import Policy
from engine.reminders.policy import in_force as policy_in_force
from engine.workflow import access, inbox
from engine.workflow.models import HumanTask
from webui.admin import policy_form
from webui.admin.access import administrator
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context
from webui.common.work_shapes import instant_text
from webui.site import calendar_form, site_admin

# What each policy setting is in JSON, and how the page's form would have it typed.
POLICY_FIELDS = {
    "before": (list, lambda days: ",".join(str(n) for n in days)),
    "due_day": (bool, lambda due: "yes" if due else "no"),
    "overdue_every": (int, str),
    "overdue_max": (int, str),
    "at": (str, str),
}
POLICY_SHAPE = (
    "the body must be an object of any of: before (working days, a list of integers), due_day (true or false), "
    'overdue_every and overdue_max (integers), at ("HH:MM")'
)
CALENDAR_SHAPE = 'the body must be {"day": "YYYY-MM-DD", "until": "YYYY-MM-DD" or null, "working": bool, "note": text}'


@bp.get("/reminders/policy")
def get_reminder_policy():
    return policy_dict(administrator().body)


@bp.post("/reminders/policy")
def change_reminder_policy():
    """The settings sent change, the rest stay; the body's open tasks are replanned, as on the page."""
    administrator()
    submitted = request.get_json(silent=True)
    if not _policy_shape(submitted):
        return error_response(400, "bad_request", POLICY_SHAPE)
    typed = {name: POLICY_FIELDS[name][1](value) for name, value in submitted.items()}
    text, errors = policy_form.policy_text(
        policy_form.typed(typed, policy_in_force(context.person().body.reminder_policy))
    )
    if errors:
        return _refused(errors)
    with context.unit_of_work() as uow:
        me, now = context.person_in(uow), context.now()
        changes.save_body_settings(
            uow.session, me.body_id, reminder_policy=text, webhook_url=None, clear_webhook=False,
            full_meeting_every_months=me.body.full_meeting_every_months, actor=me.username, now=now,
        )  # fmt: skip
        result = policy_dict(uow.session.get(Body, me.body_id))
        uow.commit()
    return result


def _policy_shape(submitted: object) -> bool:
    """Only the settings, each of its JSON type (a bool is not an integer here, though Python says so)."""
    if not isinstance(submitted, dict) or not set(submitted) <= set(POLICY_FIELDS):
        return False
    for name, value in submitted.items():
        kind = POLICY_FIELDS[name][0]
        items = value if kind is list and isinstance(value, list) else [value]
        wanted = int if kind is list else kind
        if not all(isinstance(v, wanted) and (wanted is bool or not isinstance(v, bool)) for v in items):
            return False
    return True


def policy_dict(body: Body) -> dict:
    return {
        "policy": _settings(policy_in_force(body.reminder_policy)),
        "defaults": _settings(Policy()),
        "custom": bool(body.reminder_policy),
        "text": body.reminder_policy or "",
    }


def _settings(policy: Policy) -> dict:
    return {
        "before": list(policy.before),
        "due_day": policy.due_day,
        "overdue_every": policy.overdue_every,
        "overdue_max": policy.overdue_max,
        "at": policy.at.strftime("%H:%M"),
    }


@bp.get("/tasks/<task_id>/reminders")
def task_reminders(task_id: str):
    session = context.db_session()
    task = access.visible_task(session, context.person(), task_id)
    return {"task_id": task.id, "reminders": [reminder_dict(r) for r in history.of_task(session, task.id)]}


@bp.get("/instances/<int:instance_id>/reminders")
def instance_reminders(instance_id: int):
    """Each of the instance's tasks (but those cancelled) with how often it was reminded, as the
    instance page counts; the reminders themselves where the caller may open the task, as its page."""
    session, me = context.db_session(), context.person()
    instance = access.visible_instance(session, me, instance_id)
    tasks = [t for t in inbox.all_tasks(session, status=None, instance_id=instance.id) if t.status != "cancelled"]
    counts = history.counts_by_task(session, [t.id for t in tasks])
    return {"instance_id": instance.id, "tasks": [_task_row(session, me, t, counts.get(t.id, 0)) for t in tasks]}


def _task_row(session, me: Person, task: HumanTask, reminded: int) -> dict:  # noqa: ANN001
    reminders = None  # a task the caller may not open: its count only
    if access.can_see_task(me, task):
        reminders = [reminder_dict(r) for r in history.of_task(session, task.id)] if reminded else []
    return {
        "task_id": task.id,
        "name": task.name,
        "unit": task.assignee if task.assignee_kind == "unit" else None,
        "status": task.status,
        "reminded": reminded,
        "reminders": reminders,
    }


def reminder_dict(reminder: Reminder) -> dict:
    return {
        "id": reminder.id,
        "task_id": reminder.task_id,
        "unit": reminder.unit,
        "kind": reminder.kind,
        "planned_at": instant_text(reminder.planned_at),
        "created_at": instant_text(reminder.created_at),
        "late": reminder.late,
        "created_by": reminder.created_by,
        "note": reminder.note,
        "messages": [_message(m) for m in reminder.messages],
    }


def _message(message: OutboxMessage) -> dict:
    return {
        "recipient": message.recipient,
        "channel": message.channel,
        "status": message.status,
        "attempts": message.attempts,
        "sent_at": instant_text(message.sent_at),
        "last_error": message.last_error,
    }


@bp.get("/calendar")
def get_calendar():
    site_admin()
    rows = workdays.overrides(context.db_session())
    return {"official_until": workdays.last_official_year(), "days": [_calendar_day(row) for row in rows]}


@bp.post("/calendar")
def add_calendar_days():
    """Enters a day, or the days through `until`, as working or closed; every body's tasks are replanned."""
    me = site_admin()
    submitted = request.get_json(silent=True)
    if not _calendar_shape(submitted):
        return error_response(400, "bad_request", CALENDAR_SHAPE)
    form = {
        "day": submitted["day"].strip(),
        "until": (submitted.get("until") or "").strip(),
        "working": "1" if submitted["working"] else "0",
        "note": submitted.get("note", "").strip(),
    }
    errors = calendar_form.errors(form)
    if errors:
        return _refused(errors)
    with context.unit_of_work() as uow:
        now, parse = context.now(), calendar_form.parse_day
        days = changes.enter_calendar_days(
            uow.session, parse(form["day"]), parse(form["until"]) if form["until"] else None, submitted["working"],
            form["note"], actor=me.username, body_id=me.body_id, now=now,
        )  # fmt: skip
        result = {"days": [_calendar_day(uow.session.get(CalendarDay, day)) for day in days]}
        uow.commit()
    return result, 201


def _calendar_shape(submitted: object) -> bool:
    return (
        isinstance(submitted, dict)
        and set(submitted) <= {"day", "until", "working", "note"}
        and isinstance(submitted.get("day"), str)
        and isinstance(submitted.get("until"), str | None)
        and isinstance(submitted.get("working"), bool)
        and isinstance(submitted.get("note", ""), str)
    )


@bp.delete("/calendar/<day>")
def remove_calendar_day(day: str):
    me = site_admin()
    when = calendar_form.parse_day(day)
    if when is None:
        raise NotFound(f"no calendar entry for {day}")
    with context.unit_of_work() as uow:
        now = context.now()
        if not changes.remove_calendar_day(uow.session, when, actor=me.username, body_id=me.body_id, now=now):
            raise NotFound(f"no calendar entry for {day}")
        uow.commit()
    return "", 204


def _calendar_day(row: CalendarDay) -> dict:
    return {"day": row.day.isoformat(), "working": row.working, "note": row.note, "entered_by": row.entered_by}


def _refused(errors: dict[str, str]):
    """422 with each field's message, as the page words it."""
    fields = {name: {"code": "invalid", "message": message} for name, message in errors.items()}
    return error_response(422, "invalid_data", "invalid fields", fields=fields)
