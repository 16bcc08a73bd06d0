"""The 催办规则 as a form: one field per setting engine.reminders.policy knows, instead of the
`before=5,2; due_day=no` text. The body keeps only the settings that differ from the defaults,
written in that text (Body.reminder_policy), so a later change of a default reaches it.

Each field holds the setting's value as typed: left blank, the default; but `before` left
blank means no reminder before the due date.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from engine.reminders.policy import LIMITS, Policy, PolicyProblem, setting, written

SETTINGS = ("before", "due_day", "overdue_every", "overdue_max", "at")
_PROBLEMS = {
    "before": _l("「到期前提醒」请填写 %(low)s 至 %(high)s 之间的工作日数，多个用逗号分隔，如 5,2。"),
    "due_day": _l("「到期当日」请选择提醒或不提醒。"),
    "overdue_every": _l("「逾期催办间隔」请填写 %(low)s 至 %(high)s 之间的工作日数。"),
    "overdue_max": _l("「逾期催办次数」请填写 %(low)s 至 %(high)s 之间的整数。"),
    "at": _l("「提醒时间」请填写时间，如 09:00。"),
}


def typed(posted: MultiDict, current: Policy) -> dict[str, str]:
    """The settings as typed; one the post leaves out stays as it is."""
    values = {name: posted.get(name, shown(current)[name]).strip() for name in SETTINGS}
    values["before"] = values["before"].replace("，", ",").replace("、", ",")  # a Chinese keyboard's
    return values


def shown(policy: Policy) -> dict[str, str]:
    """A policy as the form's values."""
    return {
        "before": ",".join(str(n) for n in policy.before),
        "due_day": "yes" if policy.due_day else "no",
        "overdue_every": str(policy.overdue_every),
        "overdue_max": str(policy.overdue_max),
        "at": policy.at.strftime("%H:%M"),
    }


def policy_text(values: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The text to keep for what was typed, or each wrong field's message."""
    changes, errors = {}, {}
    for name in SETTINGS:
        value = values[name]
        if not value and name != "before":
            continue
        try:
            parsed = setting(name, value)
        except PolicyProblem:
            low, high = LIMITS.get(name, (None, None))
            errors[name] = str(_PROBLEMS[name] % {"low": low, "high": high})
            continue
        if parsed != getattr(Policy(), name):
            changes[name] = parsed
    return written(changes), errors
