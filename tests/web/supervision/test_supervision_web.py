"""The supervision pages: the ledger and its download, an item followed from the meeting page
to its closing, files, the units' timeliness, an item by hand, and every route closed to another
unit's liaison: its items are not found (404), the office's own pages refused (403)."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from engine.attachments.models import Attachment
from engine.demo.supervision import EVIDENCE_PDF
from engine.meetings.models import Meeting
from engine.supervision import timeliness
from engine.supervision.models import SupervisedItem
from engine.workflow.models import HumanTask

DEPLOY_MEETING = "部署职业病防治重点工作"


def item_by_text(read, text: str) -> SupervisedItem:
    return read.scalar(select(SupervisedItem).where(SupervisedItem.text == text))


@pytest.fixture
def overdue(read):
    """The demo's overdue item: led by yjj, with ybj and czj cooperating."""
    return item_by_text(read, "制定职业病危害专项治理实施方案")


@pytest.fixture
def closed(read):
    return item_by_text(read, "排查重点行业企业职业病危害底数")


def routes(item_id: int, attachment_id: int) -> list[tuple[str, str, int]]:
    """Each route as another unit's liaison finds it: the item, its files and another unit's
    ledger are not theirs (404, as for an id that does not exist); the office's pages are refused."""
    return [
        ("get", f"/supervision/items/{item_id}", 404),
        ("post", f"/supervision/items/{item_id}/request-progress", 404),
        ("post", f"/supervision/items/{item_id}/attachments", 404),
        ("get", f"/supervision/attachments/{attachment_id}", 404),
        ("post", f"/supervision/attachments/{attachment_id}/level", 404),
        ("get", "/supervision?unit=wjj", 404),
        ("get", "/supervision/ledger.xlsx?unit=wjj", 404),
        ("get", "/supervision/timeliness", 403),
        ("get", "/supervision/new", 403),
        ("post", "/supervision/new", 403),
    ]


def test_every_route_refuses_another_units_liaison(signed_in, post, app, closed, read):
    """zgh neither leads nor cooperates on the closed item (gxj's) and its evidence."""
    evidence = read.scalar(select(Attachment).where(Attachment.owner_id == closed.id))
    client = signed_in("liaison.zgh")
    rule_routes = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("supervision.")}
    walked = routes(closed.id, evidence.id)
    patterns = {
        path.split("?")[0]
        .replace(f"items/{closed.id}", "items/<int:item_id>")
        .replace(f"attachments/{evidence.id}", "attachments/<int:attachment_id>")
        for _, path, _status in walked
    }
    assert patterns == rule_routes  # every route of the blueprint is walked
    for method, path, status in walked:
        response = post(client, path) if method == "post" else client.get(path)
        assert response.status_code == status, (method, path, response.status_code)


def test_another_units_item_page_is_not_found_like_a_missing_one(signed_in, closed):
    """zgh has no part in gxj's closed item: its page answers exactly as an id that does not exist."""
    client = signed_in("liaison.zgh")
    theirs, missing = client.get(f"/supervision/items/{closed.id}"), client.get("/supervision/items/999999")
    assert (theirs.status_code, missing.status_code) == (404, 404)
    assert closed.text not in theirs.text
    assert signed_in("liaison.gxj").get(f"/supervision/items/{closed.id}").status_code == 200


def test_ledger_page_shows_status_colours_and_filters(signed_in):
    page = signed_in("office.staff").get("/supervision").text
    assert "督办台账" in page and DEPLOY_MEETING in page
    assert 'badge badge-overdue">逾期' in page and 'badge badge-soon">即将到期' in page
    assert 'badge badge-status-completed">正常推进' in page and 'badge badge-status-cancelled">已办结' in page
    only = signed_in("office.staff").get("/supervision?status=overdue").text
    assert "制定职业病危害专项治理实施方案" in only and "开展尘肺病患者随访救治" not in only


def test_a_liaison_sees_its_own_units_items_only(signed_in):
    page = signed_in("liaison.ybj").get("/supervision").text
    assert "开展尘肺病患者随访救治" in page and "制定职业病危害专项治理实施方案" in page
    assert "组织《职业病防治法》宣传周活动" not in page


def test_ledger_download_is_the_workbook(signed_in):
    response = signed_in("office.staff").get("/supervision/ledger.xlsx?status=closed")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).active
    assert [c.value for c in sheet[2]][:4] == ["序号", "事项来源", "会议名称", "议定事项"]
    assert sheet["D3"].value == "排查重点行业企业职业病危害底数" and sheet.max_row == 3


def test_meeting_page_links_to_its_items(signed_in, read, overdue):
    meeting = read.get(Meeting, overdue.meeting_id)
    page = signed_in("liaison.czj").get(f"/meetings/{meeting.id}").text
    assert "议定事项督办" in page and f"/supervision/items/{overdue.id}" in page


def test_item_page_shows_its_source_timeline_and_tasks(signed_in, overdue):
    page = signed_in("liaison.yjj").get(f"/supervision/items/{overdue.id}").text
    assert DEPLOY_MEETING in page and "方案已起草，正在征求意见" in page
    assert "办理议定事项" in page and "上传佐证材料" in page and "要求报送进展" not in page


def test_the_office_asks_for_progress_from_the_item_page(signed_in, post, overdue, read):
    client = signed_in("office.staff")
    response = post(client, f"/supervision/items/{overdue.id}/request-progress")
    assert response.status_code == 302
    read.rollback()  # a fresh snapshot after the request's write
    assert read.scalar(
        select(HumanTask).where(HumanTask.instance_id == overdue.instance_id, HumanTask.name == "report_requested")
    )
    assert post(client, f"/supervision/items/{overdue.id}/request-progress").status_code == 409


def test_upload_and_download_evidence(signed_in, post, overdue, read):
    client = signed_in("liaison.yjj")
    data = {"file": (BytesIO(EVIDENCE_PDF), "方案.pdf"), "note": "征求意见稿"}
    response = post(client, f"/supervision/items/{overdue.id}/attachments", data, content_type="multipart/form-data")
    assert response.status_code == 302
    read.rollback()
    kept = read.scalar(select(Attachment).where(Attachment.owner_id == overdue.id))
    assert (kept.filename, kept.size) == ("方案.pdf", len(EVIDENCE_PDF))
    download = signed_in("liaison.czj").get(f"/supervision/attachments/{kept.id}")  # a cooperating unit
    assert download.data == EVIDENCE_PDF and download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.mimetype == "application/pdf"


def test_a_file_of_the_wrong_kind_is_refused_with_a_message(signed_in, post, overdue, read):
    client = signed_in("liaison.yjj")
    data = {"file": (BytesIO(b"MZ\x90"), "tool.exe")}
    response = post(client, f"/supervision/items/{overdue.id}/attachments", data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert "不支持该文件类型" in client.get(f"/supervision/items/{overdue.id}").text
    assert read.scalar(select(Attachment).where(Attachment.owner_id == overdue.id)) is None


def test_timeliness_page_shows_the_rule_beside_the_figures(signed_in):
    page = signed_in("office.director").get("/supervision/timeliness?year=2026").text
    assert timeliness.RULE in page
    assert "2026 年度各单位办理时效" in page and "50%" in page  # czj: 1 of 2 on time


def test_the_office_enters_an_item_by_hand(signed_in, post, read):
    client = signed_in("office.staff")
    refused = post(client, "/supervision/new", {"source_text": "区领导批示", "text": "", "lead": "", "due": "x"})
    assert refused.status_code == 422 and "此项必填" in refused.text
    data = {"source_text": "区领导批示", "text": "督促重点企业粉尘治理", "lead": "yjj", "cooperating": ["scjgj"],
            "due": "2026-12-31"}  # fmt: skip
    response = post(client, "/supervision/new", data)
    assert response.status_code == 302
    read.rollback()
    item = item_by_text(read, "督促重点企业粉尘治理")
    assert (item.source_kind, item.lead, item.cooperating) == ("by_hand", "yjj", ["scjgj"])
    assert response.headers["Location"].endswith(f"/supervision/items/{item.id}")


def test_the_pages_speak_english(signed_in, overdue):
    client = signed_in("office.staff")
    ledger = client.get("/supervision?lang=en").text
    assert "Supervision ledger" in ledger and "Overdue" in ledger and "督办台账" not in ledger
    item = client.get(f"/supervision/items/{overdue.id}").text
    assert "Ask for progress" in item and "About the item" in item
    assert "How it is counted" in client.get("/supervision/timeliness").text
