"""A member unit's liaison starts by API what the process lets a unit start (a joint document,
`member_start`), for their own unit whatever the data says; nothing else
(tests/web/documents/test_joint_started_by_a_unit.py has the pages)."""

from __future__ import annotations

import pytest

ISSUING = "wjj"


@pytest.mark.parametrize(
    ("process_id", "status"), [("joint_document", 201), ("office_meeting", 403), ("item_supervision", 403)]
)
def test_the_api_lets_a_liaison_start_only_the_joint_document(api, process_id, status):
    response = api(f"liaison.{ISSUING}").post(
        "/api/v1/instances", json={"process_id": process_id, "data": {"title": "接口发起", "started_by_unit": "mzj"}}
    )
    assert response.status_code == status, response.text
    if status == 201:  # the unit is the signed-in one's, whatever the data says
        assert [t["unit"] for t in response.json["open_tasks"]] == [ISSUING]
