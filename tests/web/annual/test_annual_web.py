"""年度总结 pages: the office's overview and compile page, the liaison's submission through the
inbox, the administrator's settings, the topic pool on the next full meeting's round, and who is
refused: another unit's page, or a year's page a liaison does not see, is not found (404); what
only the office does on a page the person sees is forbidden (403)."""

from __future__ import annotations

import gc
import io
import warnings
from datetime import datetime

import docx
import pytest
from annual_setup import cycle_of
from sqlalchemy import select

from engine.annual import cycles, settings
from engine.annual.models import AnnualCycle, AnnualDraft, AnnualSetting
from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.org.models import Body, Unit
from engine.workflow import instances

STARTED = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
SUBMISSION = {
    "summary": "全年开展职业病防治宣传活动12场。",
    "plan": "开展职业健康宣传周活动｜宣传科｜4月\n尘肺病患者随访｜疾控科｜2027-06",
    "topics": "职业病防治联合执法",
}


@pytest.fixture
def cycle(app, clock) -> AnnualCycle:
    db = app.extensions["lianxi"].db
    cycles.start_due_cycles(db, STARTED)
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI))
    return cycle_of(db, "qixing", 2026)  # the demo's city starts its own


@pytest.fixture
def submitted(cycle, signed_in, post, open_task):
    """wjj has submitted through its inbox task."""
    task = open_task(cycle.instance_id, "submit_annual", unit="wjj")
    response = post(signed_in("liaison.wjj"), f"/tasks/{task.id}/complete", SUBMISSION)
    assert response.status_code == 302, response.text
    return cycle


def test_the_office_sees_who_has_and_has_not_submitted(submitted, signed_in):
    page = signed_in("office.staff").get("/annual/2026")
    assert page.status_code == 200
    assert "2026年度工作总结和2027年工作计划" in page.text
    assert "1 / 22 已报送" in page.text
    assert page.text.count("未报送") == 21 and "待审阅" in page.text
    assert 'href="/annual/2026/units/wjj"' in page.text
    assert signed_in("office.staff").get("/annual").headers["Location"].endswith("/annual/2026")
    unit = signed_in("office.staff").get("/annual/2026/units/wjj")
    assert (
        "全年开展职业病防治宣传活动12场。" in unit.text and "2027-04" in unit.text and "职业病防治联合执法" in unit.text
    )


def test_returning_needs_comments_and_sends_the_task_back(submitted, signed_in, post, open_task):
    office = signed_in("office.staff")
    refused = post(office, "/annual/2026/units/wjj/review", {"review_decision": "return"})
    assert refused.status_code == 422 and "此项必填。" in refused.text
    done = post(
        office,
        "/annual/2026/units/wjj/review",
        {"review_decision": "return", "review_comments": "请补充数据", "resubmit_by": "2026-12-15"},
    )
    assert done.status_code == 302
    again = open_task(submitted.instance_id, "submit_annual", unit="wjj")
    assert again.due_at.date().isoformat() == "2026-12-15"
    page = signed_in("liaison.wjj").get(f"/tasks/{again.id}")
    assert (
        "请补充数据" in page.text and "全年开展职业病防治宣传活动12场。" in page.text
    )  # the comments, and the text to revise
    assert "已退回" in office.get("/annual/2026").text


def test_a_plan_line_that_does_not_read_is_refused_on_the_task_page(cycle, signed_in, post, open_task):
    task = open_task(cycle.instance_id, "submit_annual", unit="rsj")
    response = post(
        signed_in("liaison.rsj"), f"/tasks/{task.id}/complete", {**SUBMISSION, "plan": "宣传｜科室｜4月\n只有事项"}
    )
    assert response.status_code == 422
    assert "第 2 行：请按“工作事项｜负责人｜完成月份”填写。" in response.text


def test_the_compile_page_edits_a_gathered_draft_and_exports_docx(submitted, signed_in, post, app):
    office = signed_in("office.staff")
    page = office.get("/annual/2026/compile")
    assert page.status_code == 200
    assert "## 区卫生健康局" in page.text and "全年开展职业病防治宣传活动12场。" in page.text
    assert "（尚未报送）" in page.text
    saved = post(office, "/annual/2026/compile", {"text": "# 年度总结\n## 区卫生健康局\n修改后的总结", "based_on": "0"})
    assert saved.status_code == 302
    stale = post(office, "/annual/2026/compile", {"text": "# 另一稿", "based_on": "0"})
    assert stale.status_code == 409
    assert post(office, "/annual/2026/compile", {"text": "  ", "based_on": "1"}).status_code == 422
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalars(select(AnnualDraft.number)).all() == [1]
    download = office.get("/annual/2026/export.docx")
    assert download.status_code == 200 and download.mimetype.endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(download.data))
    texts = [p.text for p in document.paragraphs if p.text]
    # the official layout: the body's 文件 head, the title, the text, then the signature (docs/DOCUMENTS.md)
    assert texts[0].endswith("联席会议文件") and texts[1:4] == ["年度总结", "区卫生健康局", "修改后的总结"]
    assert "抄送：七星区人民政府。" in document.tables[-1].rows[0].cells[0].text


@pytest.mark.parametrize("url", ["/annual", "/admin/annual"])
def test_a_liaison_is_refused_the_offices_pages(cycle, signed_in, url):
    assert signed_in("liaison.wjj").get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/annual/2026",
        "/annual/2026/units/rsj",
        "/annual/2026/compile",
        "/annual/2026/export.docx",
        "/annual/2025",
        "/annual/2026/units/nobody",
    ],
)
def test_a_liaison_finds_no_year_page_nor_another_units_page(cycle, signed_in, url):
    """Not theirs reads exactly like what does not exist (a year without a cycle, an unknown unit)."""
    assert signed_in("liaison.wjj").get(url).status_code == 404


def test_the_convener_reads_but_does_not_act(submitted, signed_in, post):
    convener = signed_in("convener")
    assert convener.get("/annual/2026").status_code == 200
    assert convener.get("/annual/2026/compile").status_code == 200
    assert convener.get("/annual/2026/export.docx").status_code == 403
    assert post(convener, "/annual/2026/compile", {"text": "x", "based_on": "0"}).status_code == 403
    assert post(convener, "/annual/2026/units/wjj/review", {"review_decision": "accept"}).status_code == 403
    liaison = signed_in("liaison.wjj")
    assert post(liaison, "/annual/2026/units/wjj/review", {"review_decision": "accept"}).status_code == 403  # own unit
    assert post(liaison, "/annual/2026/units/rsj/review", {"review_decision": "accept"}).status_code == 404
    assert post(liaison, "/annual/2026/accept-all").status_code == 404  # the year's overview is not theirs


def test_accept_all_accepts_what_came_in(submitted, signed_in, post):
    office = signed_in("office.staff")
    assert post(office, "/annual/2026/accept-all").status_code == 302
    assert "已接收" in office.get("/annual/2026").text


def test_the_administrator_changes_the_start_day_and_deadline(signed_in, post, app):
    director = signed_in("office.director")
    page = director.get("/admin/annual")
    assert page.status_code == 200 and 'value="12-01"' in page.text and 'value="12-20"' in page.text
    bad = post(director, "/admin/annual", {"start_day": "12-25", "deadline_day": "12-20"})
    assert bad.status_code == 422 and "报送截止日须在发起日之后" in bad.text
    assert post(director, "/admin/annual", {"start_day": "2-30", "deadline_day": "12-20"}).status_code == 422
    good = post(
        director, "/admin/annual", {"start_day": "11-20", "deadline_day": "12-15", "require_convener_approval": "on"}
    )
    assert good.status_code == 302
    with app.extensions["lianxi"].db.read_session() as session:
        row = session.scalars(select(AnnualSetting)).one()
        assert (row.start_day, row.deadline_day, row.require_convener_approval) == ("11-20", "12-15", True)
    assert (
        post(signed_in("office.staff"), "/admin/annual", {"start_day": "11-20", "deadline_day": "12-15"}).status_code
        == 403
    )


def test_the_next_full_meetings_round_shows_the_topic_pool(submitted, signed_in, app, open_task):
    db = app.extensions["lianxi"].db
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        meeting = instances.start(
            uow.session,
            "full_meeting",
            body,
            {"title": "2027年第一次全体会议"},
            "office.staff",
            datetime(2027, 1, 5, tzinfo=SHANGHAI),
        )
        uow.commit()
    task = open_task(meeting.id, "open_round")
    page = signed_in("office.staff").get(f"/tasks/{task.id}")
    assert "年度议题建议" in page.text and "职业病防治联合执法" in page.text and "区卫生健康局" in page.text


def test_the_nav_link_is_for_the_office(cycle, signed_in):
    assert 'href="/annual"' in signed_in("office.staff").get("/").text
    assert 'href="/annual"' not in signed_in("liaison.wjj").get("/").text


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(post, client, name: str, content: bytes, code: str = "wjj"):
    return post(
        client,
        f"/annual/2026/units/{code}/documents",
        {"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_a_unit_attaches_docx_and_pdf_to_its_submission(submitted, signed_in, post, open_task):
    liaison = signed_in("liaison.wjj")
    task_page = liaison.get(f"/tasks/{open_task(submitted.instance_id, 'review_submission').id}")
    assert task_page.status_code == 404  # the office's review is not the unit's
    own = liaison.get("/annual/2026/units/wjj")
    assert own.status_code == 200 and "上传附件" in own.text and "review_decision" not in own.text
    assert upload(post, liaison, "总结.docx", docx_bytes("2026年工作总结")).status_code == 302
    assert upload(post, liaison, "计划.pdf", b"%PDF-1.4\n%test\n").status_code == 302
    refused = upload(post, liaison, "表格.xlsx", b"PK\x03\x04rest")
    assert refused.status_code == 422 and "不支持该文件类型，可上传：docx, pdf。" in refused.text
    assert upload(post, signed_in("liaison.rsj"), "x.pdf", b"%PDF-1.4").status_code == 404  # another unit's

    page = signed_in("office.staff").get("/annual/2026/units/wjj")
    assert "总结.docx" in page.text and "计划.pdf" in page.text
    link = page.text.split('href="/annual/documents/')[1].split('"')[0]
    download = signed_in("office.staff").get(f"/annual/documents/{link}")
    assert download.status_code == 200 and download.headers["Content-Disposition"].startswith("attachment")
    assert docx.Document(io.BytesIO(download.data)).paragraphs[0].text == "2026年工作总结"
    assert signed_in("liaison.wjj").get(f"/annual/documents/{link}").status_code == 200
    assert signed_in("liaison.rsj").get(f"/annual/documents/{link}").status_code == 404

    assert (
        post(signed_in("office.staff"), "/annual/2026/units/wjj/review", {"review_decision": "accept"}).status_code
        == 302
    )
    assert upload(post, liaison, "补充.pdf", b"%PDF-1.4").status_code == 409  # accepted: closed to additions


def test_the_convener_approves_reading_the_final_draft(app, clock, signed_in, post, open_task, read):
    """A body that asked for the convener's approval before the year started."""
    db = app.extensions["lianxi"].db
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        values = {"start_day": "12-01", "deadline_day": "12-20", "require_convener_approval": True}
        settings.save(uow.session, body.id, values, "office.director", STARTED)
        uow.commit()
    cycles.start_due_cycles(db, STARTED)
    cycle = read.scalar(select(AnnualCycle).where(AnnualCycle.body_id == body.id))
    codes = [code for (code,) in read.execute(select(Unit.code).where(Unit.kind == "member", Unit.body_id == body.id))]
    for code in codes:
        task = open_task(cycle.instance_id, "submit_annual", unit=code)
        assert post(signed_in(f"liaison.{code}"), f"/tasks/{task.id}/complete", SUBMISSION).status_code == 302
    office = signed_in("office.staff")
    assert post(office, "/annual/2026/accept-all").status_code == 302
    compile_task = open_task(cycle.instance_id, "compile_summary")
    assert "全年开展职业病防治宣传活动12场。" in office.get(f"/tasks/{compile_task.id}").text
    final = post(
        office, "/annual/2026/compile", {"text": "# 定稿\n全年工作顺利。", "based_on": "0", "action": "finalise"}
    )
    assert final.status_code == 302
    approve = open_task(cycle.instance_id, "approve_summary")
    page = signed_in("convener").get(f"/tasks/{approve.id}")
    assert "全年工作顺利。" in page.text and 'name="approval_decision"' in page.text
    assert (
        post(signed_in("convener"), f"/tasks/{approve.id}/complete", {"approval_decision": "approve"}).status_code
        == 302
    )
    assert "已归档" in office.get("/annual/2026/compile").text


def test_before_the_first_cycle_the_page_says_when_it_starts(signed_in):
    page = signed_in("office.staff").get("/annual")
    assert page.status_code == 200 and "尚未开始" in page.text and "默认12月1日" in page.text
    assert signed_in("office.staff").get("/annual/2026").status_code == 404


def test_a_document_up_to_the_engines_20_mb_passes_through_the_web(submitted, signed_in, post):
    """The web's own 2 MB request limit once refused any larger document with a 413."""
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
    liaison = signed_in("liaison.wjj")
    with warnings.catch_warnings():
        # Werkzeug spools a large upload to a temporary file that is closed only when it is
        # collected: collected here, or the warning would be raised in whichever test runs next.
        warnings.simplefilter("ignore", ResourceWarning)
        assert upload(post, liaison, "附件.pdf", big).status_code == 302
        too_big = upload(post, liaison, "超大.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
        refused = (too_big.status_code, "提交的内容超过大小限制。" in too_big.text)
        del too_big, liaison  # the response keeps the request, and the request its spooled file
        gc.collect()
    assert refused == (413, True)
