"""GET /api/v1/tasks, GET /api/v1/tasks/<id>, POST /api/v1/tasks/<id>/complete."""

from __future__ import annotations

from sqlalchemy import update

from engine.core.uow import UnitOfWork
from engine.org.credentials import ApiToken

RETURN = {"decision": "return", "director_comments": "议题再具体一些"}


def test_inbox_is_the_callers_own(api):
    director = api("office.director").get("/api/v1/tasks")
    assert director.status_code == 200
    assert [t["name"] for t in director.json["tasks"]] == ["decide_meeting"]
    scjgj = api("liaison.scjgj").get("/api/v1/tasks?status=open").json["tasks"]
    # its overdue receipt of the office minutes, and its share of the full meeting's co-signing
    assert sorted((t["name"], t["unit"]) for t in scjgj) == [("cosign_minutes", "scjgj"), ("receive_minutes", "scjgj")]
    assert api("liaison.hqlyq").get("/api/v1/tasks").json["tasks"] == []  # absent, nothing to sign


def test_inbox_by_status(api):
    done = api("liaison.wjj").get("/api/v1/tasks?status=completed").json["tasks"]
    assert sorted((t["name"], t["status"], t["completed_by"]) for t in done) == [
        ("cosign_minutes", "completed", "liaison.wjj"),
        ("receive_minutes", "completed", "liaison.wjj"),
        ("suggest_topics", "completed", "liaison.wjj"),
    ]
    bad = api("liaison.wjj").get("/api/v1/tasks?status=done")
    assert bad.status_code == 400
    assert bad.json["error"]["code"] == "bad_request"


def test_task_detail_has_form_data_and_permission(api, find_task):
    task = find_task("office.director", "decide_meeting")
    detail = api("office.director").get(f"/api/v1/tasks/{task['id']}")
    assert detail.status_code == 200
    body = detail.json
    assert (body["id"], body["status"], body["lane"]) == (task["id"], "open", "office_director")
    assert [f["name"] for f in body["form"]["fields"]] == ["decision", "chair", "director_comments"]
    assert body["data"]["title"] == "研究部署职业病危害专项治理工作"
    assert not any(key.startswith("_") for key in body["data"])
    assert body["can_complete"] is True
    # The office sees the director's task but may not decide it.
    assert api("office.staff").get(f"/api/v1/tasks/{task['id']}").json["can_complete"] is False


def test_complete_moves_the_process_on(api, find_task):
    task = find_task("office.director", "decide_meeting")
    response = api("office.director").post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN)
    assert response.status_code == 200
    assert response.json["id"] == task["id"]
    assert response.json["status"] == "completed"
    assert response.json["completed_by"] == "office.director"
    director = api("office.director").get("/api/v1/tasks").json["tasks"]
    assert "decide_meeting" not in [t["name"] for t in director]
    # Returned for revision: the proposal is back with the office.
    staff = api("office.staff").get("/api/v1/tasks").json["tasks"]
    assert [(t["name"], t["instance_id"]) for t in staff] == [("propose_meeting", task["instance_id"])]
    assert staff[0]["title"] == "拟定会议方案"


def test_completing_twice_is_a_conflict(api, find_task):
    task = find_task("office.director", "decide_meeting")
    director = api("office.director")
    assert director.post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN).status_code == 200
    again = director.post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN)
    assert again.status_code == 409
    assert again.json["error"]["code"] == "no_longer_open"


def test_someone_elses_task_is_forbidden(api, find_task):
    task = find_task("office.director", "decide_meeting")
    response = api("office.staff").post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    assert api("office.director").get(f"/api/v1/tasks/{task['id']}").json["status"] == "open"


def test_tasks_a_liaison_may_not_see_are_not_found(api, find_task):
    """No content leaks: the answer is the same as for an id that does not exist."""
    decide = find_task("office.director", "decide_meeting")
    other_unit = find_task("liaison.scjgj", "receive_minutes")
    sthjj = api("liaison.sthjj")
    for task in (decide, other_unit):
        for response in (
            sthjj.get(f"/api/v1/tasks/{task['id']}"),
            sthjj.post(f"/api/v1/tasks/{task['id']}/complete", json={"acknowledged": True}),
        ):
            assert response.status_code == 404
            assert set(response.json) == {"error"}
            assert task["title"] not in response.text
    assert api("liaison.scjgj").get(f"/api/v1/tasks/{other_unit['id']}").status_code == 200


def test_invalid_fields_are_422_and_leave_the_task_open(api, find_task):
    task = find_task("office.director", "decide_meeting")
    director = api("office.director")
    response = director.post(f"/api/v1/tasks/{task['id']}/complete", json={"decision": "approve"})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_data"
    assert response.json["error"]["fields"]["chair"]["code"] == "required"
    assert response.json["error"]["fields"]["chair"]["message"]
    nonsense = director.post(f"/api/v1/tasks/{task['id']}/complete", json={"decision": "maybe"})
    fields = nonsense.json["error"]["fields"]
    assert list(fields) == ["decision"] and fields["decision"]["code"] == "not_a_choice"
    assert director.get(f"/api/v1/tasks/{task['id']}").json["status"] == "open"


def test_the_body_must_be_a_json_object(api, find_task):
    task = find_task("office.director", "decide_meeting")
    director = api("office.director")
    url = f"/api/v1/tasks/{task['id']}/complete"
    for response in (
        director.post(url, json=["return"]),
        director.post(url, data="decision=return"),
        director.post(url, data="{not json", content_type="application/json"),
    ):
        assert response.status_code == 400
        assert response.json["error"]["code"] == "bad_request"


def test_unknown_task_is_not_found(api):
    director = api("office.director")
    assert director.get("/api/v1/tasks/no-such-task").status_code == 404
    missing = director.post("/api/v1/tasks/no-such-task/complete", json=RETURN)
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "not_found"


def test_the_office_completes_on_behalf_of_a_unit(api, find_task):
    task = find_task("liaison.scjgj", "receive_minutes")
    staff = api("office.staff")
    url = f"/api/v1/tasks/{task['id']}/complete"
    assert staff.get(f"/api/v1/tasks/{task['id']}").json["can_complete_on_behalf"] is True
    assert staff.post(url, json={"acknowledged": True}).status_code == 403  # no reason given
    blank = staff.post(url, json={"acknowledged": True, "on_behalf_reason": "  "})
    assert blank.status_code == 422
    assert blank.json["error"]["fields"]["on_behalf_reason"]["code"] == "required"
    done = staff.post(url, json={"acknowledged": True, "on_behalf_reason": "联络员出差，电话确认"})
    assert done.status_code == 200
    assert done.json["completed_by"] == "office.staff"
    assert done.json["on_behalf_reason"] == "联络员出差，电话确认"
    assert [t["name"] for t in api("liaison.scjgj").get("/api/v1/tasks").json["tasks"]] == ["cosign_minutes"]


def test_a_liaison_cannot_complete_on_behalf(api, find_task):
    task = find_task("liaison.scjgj", "receive_minutes")
    response = api("liaison.scjgj").post(
        f"/api/v1/tasks/{task['id']}/complete",
        json={"acknowledged": True, "on_behalf_reason": "本人"},
    )
    assert response.status_code == 403


def test_unauthenticated_calls_get_401_json(client):
    for response in (
        client.get("/api/v1/tasks"),
        client.get("/api/v1/tasks/anything"),
        client.post("/api/v1/tasks/anything/complete", json={}),
        client.get("/api/v1/tasks", headers={"Authorization": "Bearer lx_not-a-token"}),
        client.get("/api/v1/tasks", headers={"Authorization": "Basic b2ZmaWNlOng="}),
    ):
        assert response.status_code == 401
        assert response.is_json
        assert response.json["error"]["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(app, client, token_for, clock):
    token = token_for("office.director")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        uow.session.execute(update(ApiToken).values(revoked_at=clock.now()))
        uow.commit()
    refused = client.get("/api/v1/tasks", headers=headers)
    assert refused.status_code == 401
    assert refused.json["error"]["code"] == "unauthorized"


def test_bearer_calls_need_no_csrf_token(api, find_task):
    task = find_task("office.director", "decide_meeting")
    response = api("office.director").post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN)
    assert response.status_code == 200


def test_a_browser_session_needs_the_csrf_header_to_post(signed_in, find_task):
    task = find_task("office.director", "decide_meeting")
    browser = signed_in("office.director")
    assert browser.get("/api/v1/tasks").json["tasks"][0]["id"] == task["id"]
    url = f"/api/v1/tasks/{task['id']}/complete"
    refused = browser.post(url, json=RETURN)
    assert refused.status_code == 400
    assert refused.json["error"]["code"] == "csrf"
    assert browser.get(f"/api/v1/tasks/{task['id']}").json["status"] == "open"
    token = browser.get("/api/v1/csrf-token").json["csrf_token"]
    accepted = browser.post(url, json=RETURN, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    assert accepted.json["status"] == "completed"
