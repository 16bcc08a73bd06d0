"""Incidents on the web: the instance page shows its open one, the office and the administrator
list them, and only the administrator retries (after deploying a fix) or skips (with a reason);
a second resolution is stale (409)."""

from __future__ import annotations

import pytest
from incident_steps import FAILS, WORKS, deploy_script, start
from sqlalchemy import select

from engine.workflow.models import HumanTask, Incident


@pytest.fixture
def failed(app, clock):
    """(instance id, incident id) of a step that failed as its instance started."""
    db = app.extensions["lianxi"].db
    deploy_script(db, FAILS, clock.now())
    instance_id = start(db, clock.now())
    with db.read_session() as session:
        return instance_id, session.scalar(select(Incident.id).where(Incident.instance_id == instance_id))


def status_of(read, incident_id: int) -> str:
    read.rollback()
    return read.get(Incident, incident_id).status


def test_the_instance_page_shows_its_open_incident(signed_in, failed):
    instance_id, incident_id = failed
    page = signed_in("office.staff").get(f"/instances/{instance_id}").text
    assert "流程故障" in page and "计算汇总" in page and "脚本执行出错。" in page
    assert f"/incidents/{incident_id}" in page


def test_the_offices_overview_points_to_an_open_incident(signed_in, failed):
    assert 'id="incidents-alert"' not in signed_in("convener").get("/").text  # who may not see them
    page = signed_in("office.staff").get("/").text
    assert 'id="incidents-alert"' in page and "1 个流程环节自动执行出错" in page and 'href="/incidents"' in page


def test_the_office_lists_incidents_and_a_liaison_may_not(signed_in, failed):
    _, incident_id = failed
    listing = signed_in("office.staff").get("/incidents")
    assert listing.status_code == 200 and f"/incidents/{incident_id}" in listing.text
    page = signed_in("office.staff").get(f"/incidents/{incident_id}").text
    assert "missing_count" in page and "跳过理由" not in page  # the detail, but no actions: not the administrator
    assert signed_in("liaison.wjj").get("/incidents").status_code == 403
    assert signed_in("liaison.wjj").get(f"/incidents/{incident_id}").status_code == 404


def test_a_non_administrator_may_not_retry(signed_in, post, read, failed):
    _, incident_id = failed
    assert post(signed_in("office.staff"), f"/incidents/{incident_id}/retry").status_code == 403
    assert status_of(read, incident_id) == "open"


def test_retry_after_a_fix_then_again_is_stale(app, clock, signed_in, post, read, failed):
    instance_id, incident_id = failed
    deploy_script(app.extensions["lianxi"].db, WORKS, clock.now())
    director = signed_in("office.director")
    response = post(director, f"/incidents/{incident_id}/retry")
    assert response.status_code == 302 and response.location.endswith(f"/instances/{instance_id}")
    assert status_of(read, incident_id) == "retried"
    assert read.scalar(select(HumanTask.status).where(HumanTask.instance_id == instance_id)) == "open"
    assert "流程故障" not in director.get(f"/instances/{instance_id}").text
    assert post(director, f"/incidents/{incident_id}/retry").status_code == 409


def test_skip_needs_a_reason(signed_in, post, read, failed):
    _, incident_id = failed
    director = signed_in("office.director")
    refused = post(director, f"/incidents/{incident_id}/skip", {"reason": " "})
    assert refused.status_code == 422 and status_of(read, incident_id) == "open"
    assert post(director, f"/incidents/{incident_id}/skip", {"reason": "人工核对"}).status_code == 302
    assert status_of(read, incident_id) == "skipped"
    assert post(director, f"/incidents/{incident_id}/skip", {"reason": "再跳过"}).status_code == 409
