"""An entry of the working-day calendar as the calendar page and the API take it: a day, or a
range of at most a month, open or closed, with a note (webui/site/calendar.py, webui/api/reminders.py)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from engine.core.workdays import YEARS

NOTE_MAX = 200
RANGE_MAX = 31  # one entry covers at most a month: a holiday and its days off


def errors(form: dict) -> dict[str, str]:
    """What is wrong with an entry, by field, in words; the form's fields as text."""
    errors, first = {}, parse_day(form["day"])
    last = parse_day(form["until"]) if form["until"] else first
    if first is None:
        errors["day"] = _("请输入有效日期（如 2026-12-20）。")
    elif last is None:
        errors["until"] = _("请输入有效日期（如 2026-12-20）。")
    elif not 0 <= (last - first).days < RANGE_MAX:
        errors["until"] = _("结束日期须在开始日期之后，且不超过 %(n)s 天。", n=RANGE_MAX)
    if form["working"] not in ("0", "1"):
        errors["working"] = _("请从选项中选择。")
    if len(form["note"]) > NOTE_MAX:
        errors["note"] = _("不能超过 %(max)s 个字。", max=NOTE_MAX)
    return errors


def parse_day(text: str) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if day.year in YEARS else None
