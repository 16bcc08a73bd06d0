"""In a real browser: a decided item followed from the issued minutes to its closing (办结)."""

from __future__ import annotations

from playwright.sync_api import expect

from engine.demo.supervision import EVIDENCE_PDF

ITEM = "开展用人单位劳动合同专项检查"


def submit_task(page) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('提交办理')")
    page.wait_for_url("**/")


def test_an_item_from_the_minutes_to_its_closing(page_as, screenshot, tmp_path):
    lead = page_as("liaison.rsj")
    lead.click("nav.mainnav >> text=会议")
    lead.click("a:has-text('筹备联席会议全体会议')")
    lead.click(f"#supervised-items a:has-text('{ITEM}')")
    assert lead.locator("#item-status").inner_text() == "正常推进"
    evidence = tmp_path / "检查报告.pdf"
    evidence.write_bytes(EVIDENCE_PDF)
    lead.set_input_files("input[name=file]", str(evidence))
    lead.fill("input[name=note]", "专项检查报告")
    lead.click("button:has-text('上传')")
    expect(lead.locator("#timeline a:has-text('检查报告.pdf')")).to_have_count(1)  # once the page is back
    lead.click("#open-tasks a:has-text('办理议定事项')")
    lead.check("input[name=action][value=completion]")
    lead.fill("textarea[name=text]", "已检查用人单位120家，整改问题15项")
    submit_task(lead)

    office = page_as("office.staff")
    office.click("nav.mainnav >> text=督办台账")
    office.click(f"a:has-text('{ITEM}')")
    assert "已检查用人单位120家" in office.locator("#timeline").inner_text()
    office.click("#open-tasks a:has-text('核验办结')")
    office.check("input[name=verdict][value=accept]")
    submit_task(office)

    office.click("nav.mainnav >> text=督办台账")
    office.click(f"a:has-text('{ITEM}')")
    assert office.locator("#item-status").inner_text() == "已办结"
    assert "核验通过，办结" in office.locator("#timeline").inner_text()
    screenshot(office, "supervision-item-closed")
    office.click("nav.mainnav >> text=督办台账")
    screenshot(office, "supervision-ledger")
