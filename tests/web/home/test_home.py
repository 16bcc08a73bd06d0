"""The overseers' home: its figures checked against the demo's rows, its links, and who gets it."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.dashboard.units import week_end, year_start
from engine.meetings.models import Meeting
from engine.org.models import Body
from engine.workflow.models import HumanTask
from tests.conftest import DEMO_NOW


def _demo_tasks(db) -> list[HumanTask]:
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        return list(session.scalars(select(HumanTask).where(HumanTask.body_id == body.id)))


def _figure(page: str, name: str) -> str:
    return re.search(rf'id="{name}">([^<]+)<', page).group(1)


def test_the_directors_home_counts_what_the_demo_holds(db, signed_in):
    tasks = _demo_tasks(db)
    open_ = [t for t in tasks if t.status == "open" and t.due_at]
    overdue = [t for t in open_ if t.due_at < DEMO_NOW]
    this_week = [t for t in open_ if DEMO_NOW <= t.due_at < week_end(DEMO_NOW)]
    done = [
        t
        for t in tasks
        if t.status == "completed" and t.assignee_kind == "unit" and t.due_at and t.closed_at >= year_start(DEMO_NOW)
    ]
    on_time = sum(t.closed_at <= t.due_at for t in done)
    assert overdue and this_week and done  # the demo gives each figure something to count
    page = signed_in("office.director").get("/").text
    assert _figure(page, "overdue-total") == str(len(overdue))
    assert _figure(page, "week-total") == str(len(this_week))
    assert _figure(page, "timeliness-total") == f"{on_time / len(done):.0%}"
    late_unit = next(t.assignee for t in overdue if t.assignee_kind == "unit")
    late = sum(1 for t in overdue if t.assignee_kind == "unit" and t.assignee == late_unit)
    assert f'href="/tasks?unit={late_unit}&amp;overdue=1">{late}</a>' in page


def test_the_home_lists_meetings_in_progress_and_links_them(db, signed_in):
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        meetings = session.scalars(select(Meeting).where(Meeting.body_id == body.id)).all()
    page = signed_in("convener").get("/").text
    section = page[page.index('id="meetings"') : page.index('id="plans"')]
    for meeting in meetings:
        shown = f'href="/meetings/{meeting.id}"' in section
        assert shown == (meeting.status not in ("issued", "cancelled")), meeting.title
    assert 'id="plans"' in page and 'id="disputes"' in page


def test_the_office_staff_share_the_home_and_a_liaison_keeps_the_inbox(signed_in):
    assert 'id="overdue-total"' in signed_in("office.staff").get("/").text
    liaison = signed_in("liaison.wjj")
    assert 'id="overdue-total"' not in liaison.get("/").text
    assert liaison.get("/").text.count("task-link") == liaison.get("/inbox").text.count("task-link")


def test_the_inbox_stays_at_its_own_url_for_the_director(signed_in):
    page = signed_in("office.director").get("/inbox")
    assert page.status_code == 200 and "待办事项" in page.text and 'id="overdue-total"' not in page.text
