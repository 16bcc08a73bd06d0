"""GET /api/v1/instances/running, POST /api/v1/instances/<id>/cancel and /migrate."""

from __future__ import annotations

from control_steps import RENAMED, deploy_version, running_on_v1


def test_the_office_lists_cancels_and_is_refused_a_migration_by_step(app, clock, api):
    db = app.extensions["lianxi"].db
    instance_id = running_on_v1(db, clock.now())
    deploy_version(db, RENAMED, clock.now())  # v3 lacks draft, where the instance waits
    director = api("office.director")
    listed = director.get("/api/v1/instances/running?process=two_steps").json["versions"]
    assert [(v["version"], v["latest"], [i["id"] for i in v["running"]]) for v in listed] == [
        (1, False, [instance_id]),
        (3, True, []),
    ]
    refused = director.post(f"/api/v1/instances/{instance_id}/migrate")
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "not_migratable" and refused.json["error"]["steps"] == ["draft"]
    assert director.post(f"/api/v1/instances/{instance_id}/cancel", json={}).status_code == 422
    cancelled = director.post(f"/api/v1/instances/{instance_id}/cancel", json={"reason": "改用新流程"})
    assert cancelled.status_code == 200 and cancelled.json["open_tasks"] == []
    assert (cancelled.json["status"], cancelled.json["cancel_reason"]) == ("cancelled", "改用新流程")
    assert director.post(f"/api/v1/instances/{instance_id}/cancel", json={"reason": "再次"}).status_code == 409


def test_a_liaison_may_neither_list_nor_cancel(api, find_task):
    held = find_task("liaison.scjgj", "receive_minutes")["instance_id"]
    liaison = api("liaison.scjgj")
    assert liaison.get("/api/v1/instances/running").status_code == 403
    assert liaison.post(f"/api/v1/instances/{held}/cancel", json={"reason": "x"}).status_code == 403
