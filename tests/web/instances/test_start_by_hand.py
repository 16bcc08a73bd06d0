"""发起流程 offers only the processes people start; one lianxi starts itself (a decided item's
督办, a plan's 指标填报) is refused by hand with a clear message (the API's and the CLI's
refusals are tested beside their others)."""

from __future__ import annotations

import pytest

SYSTEM_STARTED = {"item_supervision": "议定事项督办", "plan_indicator_report": "方案指标填报"}


def test_the_start_page_offers_only_what_people_start(signed_in):
    page = signed_in("office.staff").get("/instances/new").text
    assert "办公室会议" in page and "专题会议" in page
    for process_id, name in SYSTEM_STARTED.items():
        assert process_id not in page and name not in page


@pytest.mark.parametrize("process_id", SYSTEM_STARTED)
def test_posting_a_system_process_is_refused(signed_in, post, process_id):
    staff = signed_in("office.staff")
    before = staff.get("/instances").text.count("/instances/")
    response = post(staff, "/instances/new", {"process_id": process_id, "title": "手动发起"})
    assert response.status_code == 422
    assert "该流程由系统在需要时自动发起，不能手动发起。" in response.text
    assert staff.get("/instances").text.count("/instances/") == before
