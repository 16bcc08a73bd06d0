"""催办 through the API: the body's policy, read and changed by its administrator and office director
(the planner then plans by it), the reminders a task and an instance's tasks received as their
pages show them, and the site administrator's calendar overrides. Anyone else is refused (403),
and bad input (400, 422) changes nothing."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from engine.core.clock import SHANGHAI, as_aware, iso
from engine.core.workdays import work_calendar
from engine.reminders import planning
from engine.reminders.models import Reminder
from engine.workflow.models import HumanTask

POLICY = "/api/v1/reminders/policy"
CALENDAR = "/api/v1/calendar"


def _unit_task_due_later(session, now: datetime) -> HumanTask:
    """An open unit's task due weeks ahead that brings no reminder settings of its own."""
    query = select(HumanTask).where(
        HumanTask.status == "open", HumanTask.assignee_kind == "unit", HumanTask.due_at > now + timedelta(days=14)
    )
    return next(t for t in session.scalars(query.order_by(HumanTask.due_at)) if not t.reminder_policy)


def _reminders_at(app, at: datetime, task_id: str) -> list[str]:
    """The kinds of reminder the planner would record for the task at `at`, planned for that instant."""
    with app.extensions["lianxi"].db.read_session() as session:
        rows = planning.preview(session, at)
    return sorted({r["kind"] for r in rows if r["task_id"] == task_id and r["planned_at"] == iso(at)})


def test_a_policy_change_is_what_the_planner_then_plans(app, api, clock):
    director = api("office.director")
    for refused in ("office.staff", "liaison.wjj"):
        assert api(refused).get(POLICY).status_code == 403
        assert api(refused).post(POLICY, json={"before": [1]}).status_code == 403
    shown = director.get(POLICY).json
    assert shown["policy"] == shown["defaults"] == {
        "before": [5, 2], "due_day": True, "overdue_every": 2, "overdue_max": 5, "at": "09:00",
    }  # fmt: skip
    with app.extensions["lianxi"].db.read_session() as session:
        task = _unit_task_due_later(session, clock.now())
        due = task.due_at.astimezone(SHANGHAI).date()
        at = time.fromisoformat(shown["policy"]["at"])
        day_before = datetime.combine(work_calendar(session).nth_working_day_before(due, 1), at, tzinfo=SHANGHAI)
    assert "before" not in _reminders_at(app, day_before, task.id)  # the defaults remind 5 and 2 working days before
    for bad, status in (
        ({"before": [0]}, 422), ({"at": "25:00"}, 422), ({"overdue_max": 21}, 422),
        ({"before": "1"}, 400), ({"overdue_max": True}, 400), ({"colour": "red"}, 400), ([1], 400),
    ):  # fmt: skip
        response = director.post(POLICY, json=bad)
        assert response.status_code == status, bad
        if status == 422:
            assert set(response.json["error"]["fields"]) == set(bad)
    assert director.get(POLICY).json == shown and _next_looks(app, task.body_id) != {clock.now()}
    changed = director.post(POLICY, json={"before": [1], "overdue_max": 3})
    assert changed.status_code == 200 and changed.json["text"] == "before=1; overdue_max=3" and changed.json["custom"]
    assert changed.json["policy"] == {**shown["defaults"], "before": [1], "overdue_max": 3}
    assert director.get(POLICY).json == changed.json
    assert _next_looks(app, task.body_id) == {clock.now()}  # replanned from now, as the page's change does
    assert "before" in _reminders_at(app, day_before, task.id)


def _next_looks(app, body_id: int | None = None) -> set[datetime]:
    """When the open tasks with a deadline (of the body, or all) are next looked at by the planner."""
    query = select(HumanTask.next_reminder_at).where(HumanTask.status == "open", HumanTask.due_at.is_not(None))
    if body_id is not None:
        query = query.where(HumanTask.body_id == body_id)
    with app.extensions["lianxi"].db.read_session() as session:
        return {as_aware(at) for at in session.scalars(query)}


def _count_on_page(html: str) -> int:
    return int(re.search(r"催办记录\s*<span class=\"count\">(\d+)</span>", html).group(1))


def _rows(client, instance_id: int) -> dict[str, dict]:
    return {r["task_id"]: r for r in client.get(f"/api/v1/instances/{instance_id}/reminders").json["tasks"]}


def test_the_reminders_of_a_task_and_of_its_instance_as_their_pages_show_them(app, api, signed_in):
    with app.extensions["lianxi"].db.read_session() as session:
        reminded = session.scalar(select(Reminder).where(Reminder.unit.is_not(None)).order_by(Reminder.id))
        task, unit = reminded.task, reminded.unit
        other = session.scalar(
            select(HumanTask).where(
                HumanTask.instance_id == task.instance_id, HumanTask.status == "open", HumanTask.assignee != unit
            )
        )
    liaison = f"liaison.{unit}"
    shown = api(liaison).get(f"/api/v1/tasks/{task.id}/reminders").json
    assert shown["task_id"] == task.id and shown["reminders"]
    assert len(shown["reminders"]) == _count_on_page(signed_in(liaison).get(f"/tasks/{task.id}").text)
    first = shown["reminders"][-1]  # newest first
    assert (first["id"], first["unit"], first["kind"]) == (reminded.id, unit, reminded.kind)
    assert first["messages"] and {m["channel"] for m in first["messages"]} <= {"in_app", "email", "webhook"}
    rows = {
        r["task_id"]: r
        for r in api("office.staff").get(f"/api/v1/instances/{task.instance_id}/reminders").json["tasks"]
    }
    assert rows[task.id]["reminded"] == len(shown["reminders"]) and rows[task.id]["reminders"] == shown["reminders"]
    assert other.id in rows and rows[other.id]["unit"] == other.assignee
    as_unit = {
        r["task_id"]: r for r in api(liaison).get(f"/api/v1/instances/{task.instance_id}/reminders").json["tasks"]
    }
    assert as_unit[task.id]["reminders"] == shown["reminders"]
    schemas = api(liaison).get("/api/v1/openapi.json").json["components"]["schemas"]
    assert set(first) == set(schemas["Reminder"]["properties"]) and set(as_unit[other.id]) == set(
        schemas["InstanceReminders"]["properties"]["tasks"]["items"]["properties"]
    )
    assert as_unit[other.id]["reminders"] is None and as_unit[other.id]["reminded"] == rows[other.id]["reminded"]
    assert api(liaison).get(f"/api/v1/tasks/{other.id}/reminders").status_code == 404


def test_the_site_administrator_keeps_the_calendar_and_the_reminders_are_replanned(app, api, signed_in, clock):
    site, director = api("site.admin"), api("office.director")
    auth = {"Authorization": f"Bearer {site.token}"}
    assert director.get(CALENDAR).status_code == 403
    assert director.post(CALENDAR, json={"day": "2027-02-08", "working": False}).status_code == 403
    before = site.get(CALENDAR).json
    assert before["official_until"] >= 2025
    for bad, status in (
        ({"day": "2027-02-30", "working": False}, 422),
        ({"day": "2027-02-08", "until": "2027-04-08", "working": False}, 422),
        ({"day": "2027-02-08", "working": False, "note": "节" * 201}, 422),
        ({"day": "2027-02-08", "working": "no"}, 400),
        ({"day": "2027-02-08"}, 400),
    ):
        assert site.post(CALENDAR, json=bad).status_code == status, bad
    assert site.get(CALENDAR).json == before and _next_looks(app) != {clock.now()}
    entered = site.post(CALENDAR, json={"day": "2027-02-08", "until": "2027-02-09", "working": False, "note": "春节"})
    assert entered.status_code == 201
    assert entered.json["days"] == [
        {"day": day, "working": False, "note": "春节", "entered_by": "site.admin"}
        for day in ("2027-02-08", "2027-02-09")
    ]
    assert [d for d in site.get(CALENDAR).json["days"] if d["note"] == "春节"] == entered.json["days"]
    assert "春节" in signed_in("site.admin").get("/site/calendar?year=2027").text
    with app.extensions["lianxi"].db.read_session() as session:
        assert not work_calendar(session).is_working_day(date(2027, 2, 8))
    assert _next_looks(app) == {clock.now()}  # every body's: the calendar is national
    assert site.client.delete(f"{CALENDAR}/2027-02-08", headers=auth).status_code == 204
    assert site.client.delete(f"{CALENDAR}/2027-02-08", headers=auth).status_code == 404
    refused = director.client.delete(f"{CALENDAR}/2027-02-09", headers={"Authorization": f"Bearer {director.token}"})
    assert refused.status_code == 403
    assert [d["day"] for d in site.get(CALENDAR).json["days"] if d["note"] == "春节"] == ["2027-02-09"]
