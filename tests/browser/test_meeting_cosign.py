"""In a real browser: a liaison whose unit disagreed with the first draft co-signs the second,
seeing what changed since it last signed."""

from __future__ import annotations

from playwright.sync_api import expect

from engine.demo import walkthrough
from tests.web import meeting_setup as setup


def test_liaison_cosigns_the_second_draft_seeing_the_changes(db, clock, page_as, screenshot):
    instance = setup.cosigning(db, clock)
    dissent = {"decision": "disagree", "comment": "第二项时限过紧"}
    walkthrough.act(db, "liaison.yjj", instance, "cosign_minutes", dissent, clock.now(), unit="yjj")
    setup.cosign_rest(db, instance, clock.now())
    setup.revise(db, instance, clock.now())

    page = page_as("liaison.yjj")
    task = walkthrough.open_task(db, instance, "cosign_minutes", "yjj")
    page.locator(f"a[href='/tasks/{task.id}']").click()
    changes = page.locator("#changes")
    expect(changes).to_be_visible()
    assert "本单位上次会签第 1 稿，现为第 2 稿" in changes.inner_text()
    expect(page.locator(".diff-add", has_text="2027-03-31")).to_be_visible()
    expect(page.locator(".diff-del", has_text="2027-01-31")).to_be_visible()
    screenshot(page, "liaison-cosign-round2")

    page.check("input[name=decision][value=agree]")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('提交办理')")
    page.wait_for_url("**/")
    assert page.locator(f"a[href='/tasks/{task.id}']").count() == 0
