"""In a real browser: the office's overview of the year and its compile page."""

from __future__ import annotations

from datetime import datetime

from annual_setup import cycle_of
from playwright.sync_api import expect

from engine.annual import cycles
from engine.core.clock import SHANGHAI
from engine.demo import walkthrough

PLAN = "开展职业健康宣传周活动｜宣传科｜4月\n尘肺病患者随访｜疾控科｜2027-06"


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=SHANGHAI)


def seed(app, clock) -> None:
    """The year started on 1 December; four units in on time, one late, the rest still owed."""
    db = app.extensions["lianxi"].db
    cycles.start_due_cycles(db, at(1, 9))
    instance = cycle_of(db, "qixing", 2026).instance_id  # the demo's city starts its own
    for code, day in (("wjj", 5), ("xcb", 8), ("fgj", 12), ("jyj", 18), ("kjyq", 21)):
        data = {"summary": f"{code}：全年开展职业病防治宣传活动。", "plan": PLAN, "topics": "职业病防治联合执法"}
        walkthrough.act(db, f"liaison.{code}", instance, "submit_annual", data, at(day), unit=code)
    walkthrough.act(db, "office.staff", instance, "review_submission", {"review_decision": "accept"}, at(6))
    clock.set(at(22))


def test_office_reviews_and_compiles_the_year(app, clock, page_as, screenshot):
    seed(app, clock)
    page = page_as("office.staff")
    page.click("nav.mainnav a:has-text('年度总结')")
    page.wait_for_url("**/annual/2026")
    expect(page.locator("text=5 / 22 已报送")).to_be_visible()
    expect(page.locator("tr[data-unit=kjyq] .badge-overdue")).to_be_visible()
    expect(page.locator("tr[data-unit=wjj]", has_text="已接收")).to_be_visible()
    expect(page.locator("tr[data-unit=czj]", has_text="未报送")).to_be_visible()
    screenshot(page, "annual-overview")

    page.click("tr[data-unit=xcb] a")
    expect(page.locator("text=xcb：全年开展职业病防治宣传活动。")).to_be_visible()
    page.check("input[name=review_decision][value=return]")
    page.fill("textarea[name=review_comments]", "请补充宣传活动的具体数据。")
    page.fill("input[name=resubmit_by]", "2026-12-28")
    page.click("button:has-text('提交')")
    page.wait_for_url("**/annual/2026")
    expect(page.locator("tr[data-unit=xcb]", has_text="已退回")).to_be_visible()

    page.click("a.btn:has-text('汇编稿')")
    editor = page.locator("textarea[name=text]")
    assert "## 区卫生健康局" in editor.input_value() and "（尚未报送）" in editor.input_value()
    editor.fill("# 2026年度工作总结（办公室修改稿）\n" + editor.input_value())
    page.click("button[value=save]")
    page.wait_for_url("**/annual/2026/compile")
    expect(page.locator(".flash", has_text="已保存第 1 稿。")).to_be_visible()
    assert page.locator("textarea[name=text]").input_value().startswith("# 2026年度工作总结（办公室修改稿）")
    with page.expect_download() as download:
        page.click("a:has-text('下载 Word 文档')")
    assert download.value.suggested_filename == "annual-summary-2026.docx"
    screenshot(page, "annual-compile")
