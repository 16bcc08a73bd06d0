"""The overseers' home: overdue and due-this-week by unit, timeliness this year, meetings in
progress, running plans and disputed matters; every figure links to the list it counts."""

from __future__ import annotations

from flask import Blueprint, render_template

from engine.core.clock import SHANGHAI
from engine.dashboard import units, work
from engine.information import review as information
from engine.inspections import queries as inspections
from engine.org.models import Person
from engine.workflow import inbox, incidents
from webui.common import context

bp = Blueprint("home", __name__)


@bp.app_template_filter("percent")
def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def shows_home(person: Person) -> bool:
    """A liaison's home stays the inbox; those who oversee the body get the overview."""
    return person.sees_whole_body


def render() -> str:
    session, me, now = context.db_session(), context.person(), context.now()
    return render_template(
        "home/index.html",
        figures=units.figures(session, me.body_id, now),
        year=now.astimezone(SHANGHAI).year,
        mine=inbox.count_for_person(session, me),
        meetings=work.meetings_in_progress(session, me.body_id),
        plans=work.plans_running(session, me.body_id, now),
        disputes=work.disputes_waiting(session, me.body_id),
        reports_waiting=information.waiting_for(session, me),
        inspections=inspections.in_progress(session, me.body_id, now),
        incidents=incidents.listed(session, me) if incidents.may_see(me) else [],
    )
