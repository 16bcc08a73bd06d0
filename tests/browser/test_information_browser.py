"""In a real browser: a liaison files a report from a phone (390 px), the office accepts it from
its overview on a laptop (1366 px)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.page_checks import DESK, PHONE, problems

TITLE = "某石材厂工人未佩戴防尘口罩"


def test_a_liaison_files_on_a_phone_and_the_office_accepts_it_on_a_laptop(page_as, screenshot):
    liaison = page_as("liaison.wjj", viewport=PHONE)
    liaison.click(".nav-toggle")
    liaison.click("nav.mainnav >> text=信息报送")
    liaison.click("#file-report")
    liaison.check("input[name=kind][value=case_lead]")
    liaison.fill("input[name=title]", TITLE)
    liaison.fill("textarea[name=text]", "群众反映该厂切割车间工人未佩戴防尘口罩，车间粉尘较大。")
    screenshot(liaison, "information-file-phone")
    assert problems(liaison, phone=True) == []  # opens the page's details, the user menu too
    liaison.click("button:has-text('报送')")
    expect(liaison.locator("#report-status")).to_have_text("待审核")
    screenshot(liaison, "information-filed-phone")
    assert problems(liaison, phone=True) == []

    office = page_as("office.staff", viewport=DESK)
    office.click(f"#reports-waiting a:has-text('{TITLE}')")
    office.check("input[name=decision][value=accept]")
    screenshot(office, "information-review-desk")
    office.click("button:has-text('提交审核')")
    expect(office.locator(".flash")).to_have_text("已采用。")
    expect(office.locator("body")).not_to_contain_text(TITLE)  # off the queue
    office.click("nav.segmented >> text=信息报送")
    expect(office.locator("#reports tr", has_text=TITLE)).to_contain_text("已采用")
    screenshot(office, "information-accepted-desk")
    assert problems(office) == []
