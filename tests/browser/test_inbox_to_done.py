"""In a real browser: a liaison answers an overdue task; the director decides a meeting."""

from __future__ import annotations


def accept_confirmations(page) -> list[str]:
    asked = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return asked


def test_liaison_acknowledges_overdue_minutes(page_as, screenshot):
    page = page_as("liaison.scjgj")
    row = page.locator("tr", has_text="签收会议纪要")
    assert "已逾期" in row.inner_text()
    screenshot(page, "liaison-inbox")
    row.locator("a", has_text="签收会议纪要").click()
    page.check("input[name=acknowledged]")
    asked = accept_confirmations(page)
    page.click("button:has-text('提交办理')")
    page.wait_for_url("**/")
    assert asked and "确认提交" in asked[0]
    assert page.locator("tr", has_text="签收会议纪要").count() == 0
    screenshot(page, "liaison-done")


def test_refusing_the_confirmation_submits_nothing(page_as):
    page = page_as("liaison.scjgj")
    page.locator("a", has_text="签收会议纪要").first.click()
    task_url = page.url
    page.check("input[name=acknowledged]")
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.click("button:has-text('提交办理')")
    assert page.url == task_url
    page.goto(task_url.rsplit("/tasks/", 1)[0] + "/")
    assert page.locator("tr", has_text="签收会议纪要").count() == 1


def director_inbox(page_as, **kwargs):
    """The director's own inbox: their home (`/`) is the body's overview."""
    page = page_as("office.director", **kwargs)
    page.goto(page.url + "inbox")
    return page


def test_director_approves_a_meeting_with_a_delegated_chair(page_as, screenshot):
    page = director_inbox(page_as)
    page.locator("a", has_text="审定会议").first.click()
    screenshot(page, "director-decision")
    page.check("input[name=decision][value=approve]")
    page.select_option("select[name=chair]", "office.deputy")
    accept_confirmations(page)
    page.click("button:has-text('提交办理')")
    page.wait_for_url("**/")
    page.goto(page.url + "inbox")
    assert page.locator("a", has_text="审定会议").count() == 0


def test_missing_comments_are_shown_beside_the_field(page_as, screenshot):
    page = director_inbox(page_as)
    page.locator("a", has_text="审定会议").first.click()
    page.check("input[name=decision][value=return]")
    accept_confirmations(page)
    page.click("button:has-text('提交办理')")
    assert "此项必填" in page.locator(".has-error").first.inner_text()
    screenshot(page, "director-422")


def test_the_inbox_speaks_english(page_as, screenshot):
    page = director_inbox(page_as, locale="en-US")
    assert "Decide the meeting" in page.content()
    screenshot(page, "director-inbox-en")
