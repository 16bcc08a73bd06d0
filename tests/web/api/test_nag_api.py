"""POST /api/v1/instances/<id>/nag: 一键催办 for other systems."""

from __future__ import annotations

from sqlalchemy import select

from engine.reminders.models import Reminder
from engine.workflow.models import ProcessInstance

HELD = "筹备联席会议全体会议"  # the demo meeting whose minutes four units still owe


def held_meeting(app) -> int:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(ProcessInstance.id).where(ProcessInstance.title == HELD))


def test_the_office_reminds_exactly_the_units_still_owing(app, api):
    response = api("office.staff").post(
        f"/api/v1/instances/{held_meeting(app)}/nag", json={"task_name": "receive_minutes", "note": "请今日签收"}
    )
    assert response.status_code == 200, response.text
    assert {r["unit"] for r in response.json["reminded"]} == {"scjgj", "sthjj", "zgh", "wsjds"}
    with app.extensions["lianxi"].db.read_session() as session:
        manual = session.scalars(select(Reminder).where(Reminder.kind == "manual")).all()
    assert {(r.unit, r.created_by, r.note) for r in manual} == {
        (u, "office.staff", "请今日签收") for u in ("scjgj", "sthjj", "zgh", "wsjds")
    }


def test_a_liaison_may_not_nag(app, api):
    assert (
        api("liaison.wjj")
        .post(f"/api/v1/instances/{held_meeting(app)}/nag", json={"task_name": "receive_minutes"})
        .status_code
        == 403
    )


def test_a_malformed_body_is_refused(app, api):
    assert api("office.staff").post(f"/api/v1/instances/{held_meeting(app)}/nag", json=["x"]).status_code == 400


def test_a_second_nag_skips_the_units_just_nagged(app, api):
    staff, url = api("office.staff"), f"/api/v1/instances/{held_meeting(app)}/nag"
    assert len(staff.post(url, json={"task_name": "receive_minutes"}).json["reminded"]) == 4
    again = staff.post(url, json={"task_name": "receive_minutes"})
    assert again.status_code == 200
    assert again.json["reminded"] == [] and again.json["interval_hours"] == 4
    assert {s["unit"] for s in again.json["skipped"]} == {"scjgj", "sthjj", "zgh", "wsjds"}
