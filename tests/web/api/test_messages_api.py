"""POST /api/v1/messages and /api/v1/signals: the office and the administrator send, to the
instances of their body waiting (engine.workflow.messages)."""

from __future__ import annotations

import message_steps

from tests.web.api.test_openapi import _properties


def test_a_message_reaches_its_instance_and_a_signal_every_one(app, clock, api):
    db = app.extensions["lianxi"].db
    message_steps.deploy_fixtures(db, clock.now())
    waiting = message_steps.start(db, "awaits_decision", clock.now(), dispute_id=42)
    hearing = [message_steps.start(db, "awaits_signal", clock.now()) for _ in range(2)]
    message = {"name": "decision_made", "payload": {"outcome": "维持"}, "correlation": {"dispute_id": 42}}
    sent = api("office.director").post("/api/v1/messages", json=message)
    assert sent.status_code == 200, sent.json
    assert sent.json == {"kind": "message", "name": "decision_made", "reached": [waiting]}
    assert set(sent.json) == _properties(app.test_client().get("/api/v1/openapi.json").json, "Delivered")
    again = api("office.director").post("/api/v1/messages", json=message)
    assert again.status_code == 404 and again.json["error"]["code"] == "not_waiting"
    assert api("office.staff").post("/api/v1/signals", json={"name": "year_closed"}).json["reached"] == hearing


def test_a_liaison_may_not_send_and_bad_input_is_refused(api):
    liaison, office = api("liaison.wjj"), api("office.staff")
    assert liaison.post("/api/v1/signals", json={"name": "year_closed"}).status_code == 403
    refused = office.post("/api/v1/messages", json={"name": "decision_made", "correlation": {"dispute_id": [1]}})
    assert refused.status_code == 422 and "correlation" in refused.json["error"]["fields"]
    assert office.post("/api/v1/signals", json={"name": ""}).status_code == 422
    assert office.post("/api/v1/signals", json={"name": "x", "correlation": {}}).status_code == 400
