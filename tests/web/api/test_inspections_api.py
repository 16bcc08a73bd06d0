"""联合督查 through the API: the list and one inspection as the pages show them, and the team
recording a finding (with its evidence, by multipart) that goes under supervision; another unit's
inspection is 404, a unit answering a finding but outside the team is 403, a bad field 422, and an
inspection whose report is out takes no finding (409)."""

from __future__ import annotations

import io
import json

import pytest
from inspection_steps import FINDINGS, TITLE, approved, finding, inspection_of, recorded, reported

ONE = {"place": "某铸造有限公司", "problem": "未按规定开展检测", "responsible_unit": "wsjds", "fix_by": "2026-12-15"}


@pytest.fixture
def inspection(app, clock) -> tuple[int, int]:
    """(instance id, inspection id): approved, with one finding for scjgj (outside the team) to fix."""
    db = app.extensions["lianxi"].db
    instance_id = approved(db, clock.now())
    recorded(db, instance_id, "liaison.wsjds", finding(*FINDINGS[3][:4]), clock.now())
    return instance_id, inspection_of(db, instance_id).id


def test_the_team_lists_reads_and_records_a_finding_with_evidence(api, inspection):
    _, inspection_id = inspection
    team = api("liaison.rsj")
    listed = team.get("/api/v1/inspections").json["inspections"]
    assert [(i["id"], i["title"], i["findings"]) for i in listed] == [(inspection_id, TITLE, 1)]
    data = {"data": json.dumps({**ONE, "needs_fixing": True}), "evidence": (io.BytesIO(b"%PDF-1.4\n"), "检测.pdf")}
    sent = team.post(f"/api/v1/inspections/{inspection_id}/findings", data=data, content_type="multipart/form-data")
    assert sent.status_code == 201, sent.json
    assert sent.json["number"] == 2 and sent.json["evidence"] == "检测.pdf" and sent.json["item_status"] is not None
    shown = api("office.staff").get(f"/api/v1/inspections/{inspection_id}").json
    assert shown["team_units"] == ["rsj", "yjj", "wsjds"] and shown["report"]["reported_at"] is None
    assert [f["responsible_unit"] for f in shown["findings"]] == ["scjgj", "wsjds"]
    assert all(f["item_id"] is not None for f in shown["findings"])  # the office opens every item
    assert team.get(f"/api/v1/inspections/{inspection_id}").json["findings"][1]["item_id"] is None  # not rsj's


def test_another_unit_finds_nothing_and_a_unit_outside_the_team_records_nothing(api, inspection):
    _, inspection_id = inspection
    outsider = api("liaison.mzj")
    assert outsider.get("/api/v1/inspections").json == {"inspections": []}
    assert outsider.get(f"/api/v1/inspections/{inspection_id}").status_code == 404
    assert outsider.post(f"/api/v1/inspections/{inspection_id}/findings", json=ONE).status_code == 404
    answering = api("liaison.scjgj")  # answers the finding: sees the inspection, is not its team
    assert answering.get(f"/api/v1/inspections/{inspection_id}").status_code == 200
    refused = answering.post(f"/api/v1/inspections/{inspection_id}/findings", json=ONE)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"


def test_a_bad_finding_is_422_and_one_after_the_report_409(app, api, clock, inspection):
    instance_id, inspection_id = inspection
    team, url = api("liaison.wsjds"), f"/api/v1/inspections/{inspection_id}/findings"
    refused = team.post(url, json={**ONE, "place": " ", "needs_fixing": True, "fix_by": "2020-01-01"})
    assert refused.status_code == 422 and set(refused.json["error"]["fields"]) == {"place", "fix_by"}
    assert team.post(url, json={**ONE, "place": ["x"]}).status_code == 400
    reported(app.extensions["lianxi"].db, instance_id, clock.now())
    assert team.post(url, json=ONE).status_code == 409
    assert len(team.get(f"/api/v1/inspections/{inspection_id}").json["findings"]) == 1
