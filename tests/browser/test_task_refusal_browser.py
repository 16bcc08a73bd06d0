"""In a real browser: a refused submission shows the task page again, and reloading it neither
posts again nor loses the page."""

from __future__ import annotations

from sqlalchemy import select

from engine.workflow.models import HumanTask, ProcessInstance

PROPOSED_MEETING = "研究部署职业病危害专项治理工作"  # the demo meeting awaiting the director's decision


def decision_task(app) -> str:
    with app.extensions["lianxi"].db.read_session() as session:
        instance = session.scalar(select(ProcessInstance.id).where(ProcessInstance.title == PROPOSED_MEETING))
        query = select(HumanTask.id).where(HumanTask.instance_id == instance, HumanTask.name == "decide_meeting")
        return session.scalar(query)


def test_reloading_a_refused_submission_does_not_post_it_again(app, page_as, live_server):
    task_url = f"{live_server}/tasks/{decision_task(app)}"
    page = page_as("office.director")
    page.goto(task_url)
    page.check("input[name=decision][value=return]")  # returning needs the director's comments
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("button:has-text('提交办理')")
    assert answer.value.status == 422
    page.wait_for_load_state()
    assert page.url == f"{task_url}#action"  # the page's own address, at the form
    assert page.locator("#action .error").count() >= 1
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    response = page.reload()
    assert response.status == 200 and response.request.method == "GET"
    assert posts == []
