"""The OpenAPI paths and schemas of the routes in webui/api/reminders.py:
reminders (催办): the body's reminder policy, the reminders a task or an instance received, and the
working-day calendar's overrides."""

from __future__ import annotations

from engine.reminders.models import UNPLANNED
from engine.reminders.policy import KINDS, LIMITS
from webui.api.doc_parts import CSRF, errors, json_body, json_object, path_param, ref, string
from webui.site.calendar_form import NOTE_MAX, RANGE_MAX

_TASK_ID = path_param("task_id", {"type": "string"})
_INSTANCE_ID = path_param("instance_id", {"type": "integer"})
_DAY = path_param("day", {"type": "string", "format": "date"})
_REFUSED = "a value the page would refuse is 422 under its name, with the page's message; nothing changes"

PATHS = {
    "/api/v1/reminders/policy": {
        "get": {
            "operationId": "getReminderPolicy",
            "summary": "催办规则: the body's reminder policy, for its administrator and office director (403 else)",
            "responses": {"200": json_body("ReminderPolicy", "the policy"), **errors("Unauthorized", "Forbidden")},
        },
        "post": {
            "operationId": "changeReminderPolicy",
            "summary": "Change the settings sent (the rest stay); the body's open tasks are replanned by it",
            "description": "Its administrator and office director; anyone else is 403. A key not a setting, or a "
            f"value not of the setting's JSON type, is 400; {_REFUSED}.",
            "parameters": [CSRF],
            "requestBody": {"required": True, **json_body("ReminderSettings", "the settings to change")},
            "responses": {
                "200": json_body("ReminderPolicy", "the policy now"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "Unprocessable"),
            },
        },
    },
    "/api/v1/tasks/{task_id}/reminders": {
        "get": {
            "operationId": "getTaskReminders",
            "summary": "催办记录: the reminders the task received, newest first, each with its deliveries",
            "parameters": [_TASK_ID],
            "responses": {"200": json_body("TaskReminders", "the reminders"), **errors("Unauthorized", "NotFound")},
        }
    },
    "/api/v1/instances/{instance_id}/reminders": {
        "get": {
            "operationId": "getInstanceReminders",
            "summary": "Each of the instance's tasks (but those cancelled) with how often it was reminded, and "
            "its reminders where the caller may open the task",
            "parameters": [_INSTANCE_ID],
            "responses": {
                "200": json_body("InstanceReminders", "the tasks and their reminders"),
                **errors("Unauthorized", "NotFound"),
            },
        }
    },
    "/api/v1/calendar": {
        "get": {
            "operationId": "getCalendar",
            "summary": "工作日历: the site administrator's overrides of the national working-day calendar, in date "
            "order (the site administrator's; 403 for anyone else)",
            "responses": {"200": json_body("Calendar", "the overrides"), **errors("Unauthorized", "Forbidden")},
        },
        "post": {
            "operationId": "addCalendarDays",
            "summary": "Enter a day, or the days through `until`, as working or closed; every body's reminders "
            "are replanned",
            "description": f"The site administrator's; anyone else is 403. At most {RANGE_MAX} days at once; "
            f"a day already entered is replaced. A malformed body is 400; {_REFUSED}.",
            "parameters": [CSRF],
            "requestBody": {"required": True, **json_body("CalendarEntry", "the days")},
            "responses": {
                "201": json_body("CalendarDays", "the days entered"),
                **errors("BadRequest", "Unauthorized", "Forbidden", "Unprocessable"),
            },
        },
    },
    "/api/v1/calendar/{day}": {
        "delete": {
            "operationId": "removeCalendarDay",
            "summary": "Remove the day's entry (the site administrator's); every body's reminders are replanned",
            "parameters": [_DAY, CSRF],
            "responses": {
                "204": {"description": "removed"},
                **errors("Unauthorized", "Forbidden", "NotFound"),
            },
        }
    },
}


def _days(name: str, description: str) -> dict:
    low, high = LIMITS[name]
    return {"type": "integer", "minimum": low, "maximum": high, "description": description}


_SETTINGS = {
    "before": {
        "type": "array",
        "items": _days("before", "working days before the due date"),
        "description": "an empty list: no reminder before the due date",
    },
    "due_day": {"type": "boolean", "description": "remind on the due date (the working day before, if closed)"},
    "overdue_every": _days("overdue_every", "working days between overdue reminders"),
    "overdue_max": _days("overdue_max", "how many overdue reminders at most (0: none, and no escalation)"),
    "at": string(pattern=r"^\d{2}:\d{2}$", description="the hour, Asia/Shanghai"),
}
_CALENDAR_DAY = {
    "day": string("date"),
    "working": {"type": "boolean", "description": "true: a working day (an adjusted weekend); false: closed"},
    "note": string(maxLength=NOTE_MAX),
}
_MESSAGE = json_object(
    {
        "recipient": string(description="a user name, or body:CODE for the body's enterprise-chat robot"),
        "channel": string(enum=["in_app", "email", "webhook"]),
        "status": string(enum=["pending", "sending", "sent", "failed", "skipped"]),
        "attempts": {"type": "integer"},
        "sent_at": string("date-time", nullable=True),
        "last_error": string(),
    }
)
_REMINDERS = {"type": "array", "items": ref("Reminder")}

SCHEMAS = {
    "ReminderSettings": json_object(_SETTINGS, required=[], additionalProperties=False),
    "ReminderPolicy": json_object(
        {
            "policy": {**json_object(_SETTINGS), "description": "in force: the defaults under the body's own settings"},
            "defaults": json_object(_SETTINGS),
            "custom": {"type": "boolean", "description": "whether the body keeps settings of its own"},
            "text": string(description="the body's own settings as kept, e.g. `before=3; overdue_max=2`"),
        }
    ),
    "Reminder": json_object(
        {
            "id": {"type": "integer"},
            "task_id": string(),
            "unit": string(nullable=True, description="the unit that owes the task"),
            "kind": string(enum=[*KINDS, *UNPLANNED]),
            "planned_at": string("date-time"),
            "created_at": string("date-time"),
            "late": {"type": "boolean", "description": "recorded long after its instant (补发)"},
            "created_by": string(description="system, or the user name of whoever nagged (人工催办)"),
            "note": string(),
            "messages": {"type": "array", "items": _MESSAGE},
        }
    ),
    "TaskReminders": json_object({"task_id": string(), "reminders": _REMINDERS}),
    "InstanceReminders": json_object(
        {
            "instance_id": {"type": "integer"},
            "tasks": {
                "type": "array",
                "items": json_object(
                    {
                        "task_id": string(),
                        "name": string(description="the BPMN task"),
                        "unit": string(nullable=True),
                        "status": string(enum=["open", "completed"]),
                        "reminded": {"type": "integer"},
                        "reminders": {
                            "type": ["array", "null"],
                            "items": ref("Reminder"),
                            "description": "null where the caller may not open the task",
                        },
                    }
                ),
            },
        }
    ),
    "CalendarEntry": json_object(
        {**_CALENDAR_DAY, "until": string("date", nullable=True, description="the last day, if several")},
        required=["day", "working"],
        additionalProperties=False,
    ),
    "CalendarDay": json_object({**_CALENDAR_DAY, "entered_by": string()}),
    "CalendarDays": json_object({"days": {"type": "array", "items": ref("CalendarDay")}}),
    "Calendar": json_object(
        {
            "official_until": {"type": "integer", "description": "the last year the official data covers"},
            "days": {"type": "array", "items": ref("CalendarDay")},
        }
    ),
}
