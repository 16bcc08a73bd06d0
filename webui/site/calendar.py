"""工作日历: the site administrator enters the year's State Council notice as overrides of the national
calendar (a holiday closes a weekday, an adjusted weekend opens a Saturday), and sees which years
the official data covers and which fall back to Monday–Friday.

Every body on the installation shares the calendar, so only the site administrator keeps it;
anyone else, a body's own administrator too, gets 403.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core import workdays
from engine.core.models import CalendarDay
from engine.core.workdays import YEARS, last_official_year
from engine.reminders import changes
from webui.common import context
from webui.site import bp, calendar_form, site_admin


@bp.get("/site/calendar")
@login_required
def calendar_page():
    site_admin()
    return _page(_year_asked(), {"working": "0"}, {})


@bp.post("/site/calendar")
@login_required
def calendar_add():
    me = site_admin()
    form = {key: request.form.get(key, "").strip() for key in ("day", "until", "working", "note")}
    errors = calendar_form.errors(form)
    if errors:
        return _page(_year_of(form["day"]), form, errors, 422)
    until = calendar_form.parse_day(form["until"]) if form["until"] else None
    with context.unit_of_work() as uow:
        days = changes.enter_calendar_days(
            uow.session,
            calendar_form.parse_day(form["day"]),
            until,
            form["working"] == "1",
            form["note"],
            actor=me.username,
            body_id=me.body_id,
            now=context.now(),
        )
        uow.commit()
    flash(_("已保存 %(n)s 天的日历记录。", n=len(days)), "success")
    return redirect(url_for("site.calendar_page", year=days[0].year))


@bp.post("/site/calendar/<day>/delete")
@login_required
def calendar_delete(day: str):
    me = site_admin()
    when = calendar_form.parse_day(day)
    if when is None:
        abort(404)
    with context.unit_of_work() as uow:
        if not changes.remove_calendar_day(uow.session, when, actor=me.username, body_id=me.body_id, now=context.now()):
            abort(404)
        uow.commit()
    flash(_("已删除 %(day)s 的日历记录。", day=when.isoformat()), "success")
    return redirect(url_for("site.calendar_page", year=when.year))


def _year_asked() -> int:
    year = request.args.get("year", type=int)
    return year if year in YEARS else context.now().year


def _year_of(text: str) -> int:
    day = calendar_form.parse_day(text)
    return day.year if day else _year_asked()


def _page(year: int, form: dict, errors: dict[str, str], status: int = 200):
    rows = workdays.overrides(context.db_session())
    return render_template(
        "site/calendar.html",
        year=year,
        days=[r for r in rows if r.day.year == year],
        years=_coverage(rows, {year}),
        official=last_official_year(),
        form=form,
        errors=errors,
    ), status


def _coverage(rows: list[CalendarDay], shown: set[int]) -> list[dict]:
    """Each year worth showing (this one, the next, any with entries) and what its calendar rests on:
    the official data, the administrator's entries, or Monday–Friday."""
    this_year, official = context.now().year, last_official_year()
    entered = {}
    for row in rows:
        entered[row.day.year] = entered.get(row.day.year, 0) + 1
    years = sorted({this_year, this_year + 1} | set(entered) | shown)
    return [
        {
            "year": y,
            "entered": entered.get(y, 0),
            "source": "official" if y <= official else ("entered" if y in entered else "fallback"),
            "soon": y in (this_year, this_year + 1),
        }
        for y in years
    ]
