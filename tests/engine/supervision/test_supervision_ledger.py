"""The ledger, its status colours, the units' timeliness, the workbook and the attachments,
over the demo's supervised items (engine/demo/supervision.py) at DEMO_NOW, 2026-11-23."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from engine.attachments import store as attachments
from engine.core.clock import parse_instant
from engine.core.errors import Forbidden, InvalidData, NotFound
from engine.core.uow import UnitOfWork
from engine.demo.supervision import EVIDENCE_PDF
from engine.demo.walkthrough import act
from engine.org import accounts
from engine.supervision import access, commands, ledger, timeliness, workbook
from engine.supervision.status import status_of

DEMO_TEXTS = [
    "排查重点行业企业职业病危害底数",
    "制定职业病危害专项治理实施方案",
    "开展尘肺病患者随访救治",
    "组织《职业病防治法》宣传周活动",
    "起草年度工作要点",
    "开展用人单位劳动合同专项检查",
]


# The words the workbook is given by its callers (the pages' names, webui.common.display.ledger_names).
NAMES = workbook.Names(
    statuses={"on_track": "正常推进", "due_soon": "临近到期", "overdue": "逾期", "closed": "已办结"},
    sources={"full": "全体会议纪要", "special": "专题会议纪要", "office": "办公室会议纪要", "by_hand": "交办事项"},
)


def rows(db, clock, **filters):
    with db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        return ledger.rows(session, body_id, clock.now(), ledger.Filters(**filters))


def test_ledger_lists_every_item_with_its_status(db, clock):
    found = rows(db, clock)
    assert [(r["text"], r["lead"], r["status"]) for r in found] == [
        (DEMO_TEXTS[0], "gxj", "closed"),
        (DEMO_TEXTS[1], "yjj", "overdue"),
        (DEMO_TEXTS[2], "ybj", "due_soon"),
        (DEMO_TEXTS[3], "xcb", "on_track"),
        (DEMO_TEXTS[4], "wjj", "on_track"),
        (DEMO_TEXTS[5], "rsj", "on_track"),
    ]
    assert found[1]["meeting_title"] == "部署职业病防治重点工作" and found[1]["source_kind"] == "office"
    assert found[1]["latest_progress"] == "方案已起草，正在征求意见"
    assert found[5]["meeting_title"] == "筹备联席会议全体会议"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"unit": "czj"}, [1, 3]),  # cooperates on both
        ({"status": "on_track"}, [3, 4, 5]),
        ({"source": "by_hand"}, []),
        ({"source": "office", "year": 2026}, [0, 1, 2, 3, 4, 5]),
        ({"year": 2025}, []),
    ],
)
def test_ledger_filters(db, clock, filters, expected):
    assert [r["text"] for r in rows(db, clock, **filters)] == [DEMO_TEXTS[i] for i in expected]


def test_status_rules(db, clock):
    item = type("Item", (), {"status": "open", "due_at": parse_instant("2026-11-30")})()
    now = clock.now()
    assert status_of(item, now) == "on_track"  # 7 days and 14 hours ahead
    assert status_of(item, now + timedelta(days=1)) == "due_soon"  # within 7 days
    assert status_of(item, parse_instant("2026-12-01")) == "overdue"
    # A completion awaiting verification is judged when it was submitted.
    assert status_of(item, parse_instant("2026-12-05"), completion_submitted_at=now) == "on_track"
    item.status = "closed"
    assert status_of(item, parse_instant("2027-01-01")) == "closed"


def test_timeliness_per_unit_with_its_rule(db, clock):
    with db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        found = {t.unit: t for t in timeliness.by_unit(session, body_id, 2026, clock.now())}
    # gxj: its item done by its deadline.
    assert (found["gxj"].on_time, found["gxj"].counted, found["gxj"].rate) == (1, 1, 1.0)
    # yjj: its overdue item and its monthly report due 11-16 still owed.
    assert (found["yjj"].on_time, found["yjj"].counted) == (0, 2)
    assert [i.text for i in found["yjj"].overdue_items] == [DEMO_TEXTS[1]]
    # ybj: its part in yjj's item, and its own monthly report, both owed since 11-16.
    assert (found["ybj"].on_time, found["ybj"].counted, found["ybj"].overdue_items) == (0, 2, [])
    # czj: one part owed since 11-16, one given ahead of 12-20.
    assert (found["czj"].on_time, found["czj"].counted) == (1, 2)
    assert (found["xcb"].on_time, found["xcb"].counted) == (1, 1)
    assert found["zjj"].rate is None  # nothing it owed has come due yet
    assert "退回修改不中止计时" in timeliness.RULE


def test_workbook_cell_by_cell(db, clock):
    found = rows(db, clock)
    content = workbook.build("七星区职业病防治工作局际联席会议", found, clock.now(), NAMES)
    sheet = load_workbook(BytesIO(content)).active
    assert sheet.title == "督办台账"
    assert sheet["A1"].value == "七星区职业病防治工作局际联席会议议定事项督办台账（截至2026-11-23）"
    assert [c.value for c in sheet[2]] == [
        "序号", "事项来源", "会议名称", "议定事项", "牵头单位", "配合单位",
        "完成时限", "最新进展", "办理状态", "办结时间", "备注",
    ]  # fmt: skip
    assert [c.value for c in sheet[3]] == [
        1, "办公室会议纪要", "部署职业病防治重点工作", DEMO_TEXTS[0], "区工业和信息化局", None, "2026-11-10",
        "已排查重点企业86家，建立底数台账", "已办结", "2026-11-02", None,
    ]  # fmt: skip
    assert [c.value for c in sheet[4]] == [
        2, "办公室会议纪要", "部署职业病防治重点工作", DEMO_TEXTS[1], "区应急管理局",
        "桂林市医疗保障局七星分局、区财政局", "2026-11-16", "方案已起草，正在征求意见", "逾期", None, None,
    ]  # fmt: skip
    assert [c.value for c in sheet[5]][6:9] == ["2026-11-27", None, "临近到期"]
    assert [c.value for c in sheet[8]][:5] == [
        6,
        "办公室会议纪要",
        "筹备联席会议全体会议",
        DEMO_TEXTS[5],
        "区人力资源和社会保障局",
    ]
    assert sheet.max_row == 8
    assert sheet["I3"].fill.fgColor.rgb.endswith("D9D9D9") and sheet["I4"].fill.fgColor.rgb.endswith("FFC7CE")


def test_extended_item_shows_its_original_deadline(db, clock):
    second = rows(db, clock)[5]
    ask = {"action": "extension", "text": "需延期", "new_due": "2027-02-28"}
    act(db, "liaison.rsj", second["instance_id"], "work_item", ask, clock.now())
    act(
        db, "office.director", second["instance_id"], "decide_extension", {"extension_decision": "approve"}, clock.now()
    )
    row = rows(db, clock)[5]
    cells = workbook.values(6, row, NAMES)
    assert cells[6] == "2027-02-28" and cells[10] == "已延期（原定2027-01-31）"


def attach(db, clock, username, item_id, filename, content):
    with UnitOfWork(db) as uow:
        found = commands.attach(uow, accounts.find(uow.session, username), item_id, filename, content, clock.now())
        uow.commit()
        return found.id


def test_attachment_kept_with_its_checksum(db, clock):
    item_id = rows(db, clock)[1]["id"]
    attachment_id = attach(db, clock, "liaison.yjj", item_id, "C:\\材料\\方案.pdf", EVIDENCE_PDF)
    with db.read_session() as session:
        kept = attachments.get(session, accounts.find(session, "liaison.yjj").body_id, attachment_id)
        assert (kept.filename, kept.content_type, kept.size) == ("方案.pdf", "application/pdf", len(EVIDENCE_PDF))
        assert kept.sha256 == hashlib.sha256(EVIDENCE_PDF).hexdigest() and kept.content == EVIDENCE_PDF
        assert [a.id for a in attachments.of_owner(session, "supervised_item", item_id)] == [attachment_id]


@pytest.mark.parametrize(
    ("filename", "content", "code"),
    [
        ("tool.exe", b"MZ\x90\x00", "file_type"),
        ("photo.png", EVIDENCE_PDF, "file_content"),  # a PDF calling itself a PNG
        ("empty.pdf", b"", "file_empty"),
        ("huge.pdf", b"%PDF-" + b"0" * attachments.MAX_BYTES, "file_too_large"),
    ],
)
def test_attachment_refused(db, clock, filename, content, code):
    item_id = rows(db, clock)[1]["id"]
    with pytest.raises(InvalidData) as refused:
        attach(db, clock, "liaison.yjj", item_id, filename, content)
    assert refused.value.errors["file"].code == code
    with db.read_session() as session:
        assert attachments.of_owner(session, "supervised_item", item_id) == []


def test_another_units_liaison_may_not_attach_or_see(db, clock):
    """Another unit's item and its files are not found, exactly like ids that do not exist."""
    item_id = rows(db, clock)[1]["id"]
    with pytest.raises(NotFound):
        attach(db, clock, "liaison.zgh", item_id, "a.pdf", EVIDENCE_PDF)
    with db.read_session() as session:
        evidence = attachments.of_owner(session, "supervised_item", rows(db, clock)[0]["id"])[0]
        with pytest.raises(NotFound):
            access.visible_attachment(session, accounts.find(session, "liaison.zgh"), evidence.id)
        assert access.visible_attachment(session, accounts.find(session, "convener"), evidence.id).id == evidence.id


def test_a_colleague_who_does_not_answer_for_the_unit_sees_but_does_not_attach(db, clock):
    """The office's staff sit in wjj and wjj leads item 5: seeing it is not answering for it."""
    item_id = rows(db, clock)[4]["id"]
    with db.read_session() as session:
        reader = accounts.find(session, "convener")
        assert access.visible_item(session, reader, item_id).id == item_id
    with pytest.raises(Forbidden):
        attach(db, clock, "convener", item_id, "a.pdf", EVIDENCE_PDF)
