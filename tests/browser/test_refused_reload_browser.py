"""In a real browser: what was typed into a refused form survives reloading the page (which is
then a GET of the task's own address), once; the next reload shows the form as the server has it."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.tasks import COMMENT_MAX

PROPOSED_MEETING = "研究部署职业病危害专项治理工作"  # the demo meeting awaiting the director's decision
RESTORED = "已恢复您上次未提交成功的填写内容。"


def decision_task(app) -> str:
    with app.extensions["lianxi"].db.read_session() as session:
        instance = session.scalar(select(ProcessInstance.id).where(ProcessInstance.title == PROPOSED_MEETING))
        query = select(HumanTask.id).where(HumanTask.instance_id == instance, HumanTask.name == "decide_meeting")
        return session.scalar(query)


def refused(page, button: str) -> None:
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click(button)
    assert answer.value.status == 422
    page.wait_for_load_state()


def test_a_refused_task_form_is_refilled_once_after_a_reload(app, page_as, live_server):
    page = page_as("office.director")
    page.goto(f"{live_server}/tasks/{decision_task(app)}")
    page.on("dialog", lambda dialog: dialog.accept())
    page.check("input[name=decision][value=approve]")  # approving needs a chair, left unchosen
    page.fill("textarea[name=director_comments]", "议题材料请于周五前补齐")
    refused(page, "button:has-text('提交办理')")
    notice = page.locator("#task-form [data-restored-notice]")
    assert notice.is_hidden()  # the refused page itself shows what was typed, as the server kept it

    response = page.reload()
    assert response.request.method == "GET"
    assert page.input_value("textarea[name=director_comments]") == "议题材料请于周五前补齐"
    assert page.is_checked("input[name=decision][value=approve]")
    assert notice.is_visible() and notice.inner_text() == RESTORED

    page.reload()
    assert page.input_value("textarea[name=director_comments]") == ""  # no draft was saved
    assert not page.is_checked("input[name=decision][value=approve]")
    assert notice.is_hidden()


def test_a_refused_comment_is_refilled_once_after_a_reload(app, page_as, live_server):
    page = page_as("office.director")
    page.goto(f"{live_server}/tasks/{decision_task(app)}")
    # within the box's maxlength, which counts a line break once; sent, each is CR LF: too long
    too_long = "\n".join(["意" * 249] * 20)
    assert len(too_long) <= COMMENT_MAX < len(too_long.replace("\n", "\r\n"))
    page.fill("#comment-text", too_long)
    refused(page, "#comment-form button[type=submit]")
    expect(page.locator("#comment-error")).to_be_visible()

    page.reload()
    assert page.input_value("#comment-text") == too_long
    expect(page.locator("#comment-form [data-restored-notice]")).to_be_visible()
    assert page.locator("#task-form [data-restored-notice]").is_hidden()  # only the refused form's

    page.reload()
    assert page.input_value("#comment-text") == ""
    assert page.locator("#comment-form [data-restored-notice]").is_hidden()


def test_a_form_sent_again_successfully_is_not_refilled(app, page_as, live_server):
    """Corrected and sent from the refused page: the page it leads to starts from the server's draft."""
    page = page_as("office.director")
    page.goto(f"{live_server}/tasks/{decision_task(app)}")
    page.check("input[name=decision][value=approve]")
    page.fill("textarea[name=director_comments]", "先存草稿")
    page.on("dialog", lambda dialog: dialog.accept())
    refused(page, "button:has-text('提交办理')")
    page.fill("textarea[name=director_comments]", "草稿内容")
    page.click("button:has-text('保存草稿')")
    page.wait_for_url(f"{live_server}/tasks/*")
    assert page.input_value("textarea[name=director_comments]") == "草稿内容"
    assert page.locator("#task-form [data-restored-notice]").is_hidden()
