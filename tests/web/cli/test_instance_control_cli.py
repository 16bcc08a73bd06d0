"""`lianxi instance list|migrate|cancel`: the versions still running, and the administrator's
moving or ending of an instance, with the exit statuses docs/INTERFACE.md promises."""

from __future__ import annotations

import json

from control_steps import running_on_v1


def test_list_migrate_and_cancel_an_instance(app, clock, run):
    instance_id = running_on_v1(app.extensions["lianxi"].db, clock.now())
    listed = json.loads(run("instance", "list", "--process", "two_steps", "--body", "qixing", "--json").stdout)
    assert [(v["version"], [i["id"] for i in v["running"]]) for v in listed] == [(1, [instance_id]), (2, [])]
    moved = run("instance", "migrate", instance_id, "--as", "office.director")
    assert moved.exit_code == 0 and moved.stdout.strip() == f"instance {instance_id} now runs on v2"
    refused = run("instance", "cancel", instance_id, "--reason", "不再需要", "--as", "office.staff")
    assert refused.exit_code == 3
    assert run("instance", "cancel", instance_id, "--reason", "不再需要", "--as", "office.director").exit_code == 0
    again = run("instance", "cancel", instance_id, "--reason", "不再需要", "--as", "office.director")
    assert again.exit_code == 5 and "already cancelled" in again.stderr
