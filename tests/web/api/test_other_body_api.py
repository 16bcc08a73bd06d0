"""Another body's records through the API: 404 for every Qixing id, and nothing of the other
body in Qixing's task list (nor the other way round)."""

from __future__ import annotations

from datetime import timedelta

from other_body import OFFICE, QIXING_MEETING

from engine.demo import walkthrough


def test_another_bodys_office_gets_404_for_qixing_ids(lingui, qixing, api, find_task, clock):
    task = find_task("office.staff", "propose_meeting")
    assert task["instance_id"] == qixing
    proposal = walkthrough.proposal(["wjj"], clock.now() + timedelta(days=7), QIXING_MEETING)
    office = api(OFFICE)
    responses = {
        "task": office.get(f"/api/v1/tasks/{task['id']}"),
        "complete": office.post(f"/api/v1/tasks/{task['id']}/complete", json=proposal),
        "instance": office.get(f"/api/v1/instances/{qixing}"),
    }
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 404)
    assert not [name for name, r in responses.items() if QIXING_MEETING in r.text]
    after = api("office.staff").get(f"/api/v1/tasks/{task['id']}")
    assert after.status_code == 200 and after.json["status"] == "open"


def test_task_lists_keep_to_their_own_body(lingui, qixing, api):
    qixing_ids = {t["instance_id"] for t in api("office.staff").get("/api/v1/tasks").json["tasks"]}
    lingui_ids = {t["instance_id"] for t in api(OFFICE).get("/api/v1/tasks").json["tasks"]}
    assert qixing in qixing_ids and lingui not in qixing_ids
    assert lingui_ids == {lingui}
