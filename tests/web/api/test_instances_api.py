"""POST /api/v1/instances and GET /api/v1/instances/<id>."""

from __future__ import annotations

START = {"process_id": "office_meeting", "data": {"title": "研究年度工作要点"}}


def test_the_office_starts_an_instance(api):
    response = api("office.staff").post("/api/v1/instances", json=START)
    assert response.status_code == 201
    instance = response.json
    assert instance["process_id"] == "office_meeting"
    assert instance["title"] == "研究年度工作要点"
    assert instance["status"] == "running"
    assert instance["started_by"] == "office.staff"
    assert response.headers["Location"].endswith(f"/api/v1/instances/{instance['id']}")
    assert [t["name"] for t in instance["open_tasks"]] == ["propose_meeting"]
    inbox = api("office.staff").get("/api/v1/tasks").json["tasks"]
    assert instance["open_tasks"][0]["id"] in [t["id"] for t in inbox]


def test_a_started_instance_has_its_history(api):
    staff = api("office.staff")
    instance_id = staff.post("/api/v1/instances", json=START).json["id"]
    detail = staff.get(f"/api/v1/instances/{instance_id}")
    assert detail.status_code == 200
    assert [(e["actor"], e["action"]) for e in detail.json["history"]] == [("office.staff", "start")]


def test_a_liaison_may_not_start_an_instance(api):
    response = api("liaison.wjj").post("/api/v1/instances", json=START)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"


def test_a_process_lianxi_starts_itself_is_refused(api):
    response = api("office.staff").post("/api/v1/instances", json={"process_id": "item_supervision"})
    assert response.status_code == 403
    assert "started by lianxi itself" in response.json["error"]["message"]


def test_an_unknown_process_is_not_found(api):
    response = api("office.staff").post("/api/v1/instances", json={"process_id": "no_such"})
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_a_malformed_start_is_a_bad_request(api):
    staff = api("office.staff")
    for body in (["office_meeting"], {}, {"process_id": ""}, {**START, "data": ["x"]}):
        response = staff.post("/api/v1/instances", json=body)
        assert response.status_code == 400, body
        assert response.json["error"]["code"] == "bad_request"


def test_instance_detail_for_the_office(api, find_task):
    held = find_task("liaison.scjgj", "receive_minutes")["instance_id"]
    detail = api("office.director").get(f"/api/v1/instances/{held}").json
    assert detail["id"] == held and detail["status"] == "running"
    assert sorted(t["unit"] for t in detail["open_tasks"]) == ["scjgj", "sthjj", "wsjds", "zgh"]
    actions = [(e["actor"], e["action"]) for e in detail["history"]]
    assert actions[0] == ("office.staff", "start")
    assert ("office.director", "complete") in actions
    assert ("liaison.wjj", "complete") in actions


def test_a_liaison_sees_only_its_own_part_of_an_instance(api, find_task):
    held = find_task("liaison.scjgj", "receive_minutes")["instance_id"]
    detail = api("liaison.scjgj").get(f"/api/v1/instances/{held}").json
    assert [t["unit"] for t in detail["open_tasks"]] == ["scjgj"]
    actors = {e["actor"] for e in detail["history"]}
    assert "liaison.wjj" not in actors  # another unit's receipt is not scjgj's business


def test_instances_a_liaison_takes_no_part_in_are_not_found(api, find_task):
    proposed = find_task("office.director", "decide_meeting")["instance_id"]
    response = api("liaison.scjgj").get(f"/api/v1/instances/{proposed}")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert api("office.director").get("/api/v1/instances/999999").status_code == 404


def test_unauthenticated_start_is_401(client):
    response = client.post("/api/v1/instances", json=START)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_a_browser_session_starts_with_the_csrf_header(signed_in):
    browser = signed_in("office.staff")
    assert browser.post("/api/v1/instances", json=START).status_code == 400
    token = browser.get("/api/v1/csrf-token").json["csrf_token"]
    response = browser.post("/api/v1/instances", json=START, headers={"X-CSRFToken": token})
    assert response.status_code == 201
