"""On a phone: a liaison co-signs a meeting's minutes from the inbox in at most four taps, reading
the decided items (议定事项) on the way, each a card as wide as the screen."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.page_checks import PHONE, keep, problems

MOST_TAPS = 4


def test_a_liaison_cosigns_the_minutes_on_a_phone_in_four_taps(page_as):
    page = page_as("liaison.yjj", viewport=PHONE)
    taps = []

    def tap(locator):
        taps.append(locator)
        locator.click()

    page.on("dialog", lambda dialog: (taps.append("确定"), dialog.accept()))
    tap(page.locator("a.task-link", has_text="会签会议纪要").first)
    items = page.locator(".items-table tbody tr")
    expect(items.first).to_be_visible()  # the task page has loaded
    for number in range(items.count()):
        head = items.nth(number).locator("td").first
        # Readable: a line of text wide, not a column one character wide, and on the screen.
        assert head.bounding_box()["width"] > PHONE["width"] * 0.7, head.inner_text()
        assert head.bounding_box()["x"] >= 0
    keep(page, "cosign-phone-task")
    assert problems(page) == []
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = false; })")

    tap(page.locator("input[name=decision][value=agree]"))
    tap(page.locator("button", has_text="提交办理"))
    page.wait_for_url(lambda url: "/tasks/" not in url)
    assert page.locator("a.task-link", has_text="会签会议纪要").count() == 0
    keep(page, "cosign-phone-done")
    assert len(taps) <= MOST_TAPS, taps
