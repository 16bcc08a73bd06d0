"""A late answer through the API: a request closed at its deadline refuses it with 409."""

from __future__ import annotations

from datetime import timedelta

from tests.web import meeting_setup as setup


def test_a_suggestion_after_the_deadline_is_409(db, clock, api, find_task):
    setup.soliciting(db, clock.now())
    task = find_task("liaison.xcb", "suggest_topics", unit="xcb")
    clock.set(clock.now() + timedelta(days=5, minutes=1))
    late = api("liaison.xcb").post(f"/api/v1/tasks/{task['id']}/complete", json={"topics": "迟到的议题"})
    assert late.status_code == 409 and late.json["error"]["code"] == "deadline_passed"
    closed = api("office.staff").get(f"/api/v1/tasks/{task['id']}").json
    assert (closed["status"], closed["completed_by"]) == ("completed", "system")
