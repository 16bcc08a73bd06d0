"""The task page: what it shows, who may act, and what acting does (or refuses to do)."""

from __future__ import annotations

import re


def test_decision_page_shows_the_proposal_readably(signed_in, open_task, proposed):
    task = open_task(proposed, "decide_meeting")
    page = signed_in("office.director").get(f"/tasks/{task.id}")
    assert page.status_code == 200
    assert "审定会议" in page.text
    assert f'href="/instances/{proposed}"' in page.text
    # a units dict reads as unit names, an ISO instant as a local date with its weekday
    assert "<li>区卫生健康局</li>" in page.text and "<li>区总工会</li>" in page.text
    assert '"code"' not in page.text
    assert "周一" in page.text and "+08:00" not in page.text
    # the form: radio buttons for the choice, a select of eligible chairs, a textarea
    assert 'type="radio" name="decision" value="approve"' in page.text
    assert '<option value="office.deputy">' in page.text
    assert '<option value="liaison.wjj">' not in page.text  # not eligible to chair
    assert 'name="director_comments"' in page.text
    assert "提交办理" in page.text


def test_another_units_task_is_not_found_and_leaks_nothing(signed_in, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    response = signed_in("liaison.wjj").get(f"/tasks/{task.id}")
    assert response.status_code == 404
    assert "签收会议纪要" not in response.text
    assert "筹备联席会议全体会议" not in response.text


def test_unknown_task_is_not_found(signed_in):
    assert signed_in("liaison.wjj").get("/tasks/no-such-task").status_code == 404


def test_liaison_cannot_complete_the_offices_task(signed_in, post, open_task, proposed, status_of):
    task = open_task(proposed, "decide_meeting")
    response = post(signed_in("liaison.wjj"), f"/tasks/{task.id}/complete", {"decision": "approve"})
    # the office's task is not the liaison's to see, so it is reported as not there at all
    assert response.status_code == 404
    assert status_of(task.id) == "open"


def test_reader_who_may_not_complete_gets_403(signed_in, post, open_task, proposed, status_of):
    """The office and the convener see the director's task, but it is the director's."""
    task = open_task(proposed, "decide_meeting")
    staff = signed_in("office.staff")
    page = staff.get(f"/tasks/{task.id}")
    assert "待他人办理" in page.text and "办公室主任" in page.text
    assert f"/tasks/{task.id}/complete" not in page.text
    data = {"decision": "approve", "chair": "office.deputy"}
    assert post(staff, f"/tasks/{task.id}/complete", data).status_code == 403
    assert post(signed_in("convener"), f"/tasks/{task.id}/complete", data).status_code == 403
    assert status_of(task.id) == "open"


def test_return_without_comments_is_refused_field_by_field(signed_in, post, open_task, proposed, status_of):
    task = open_task(proposed, "decide_meeting")
    response = post(signed_in("office.director"), f"/tasks/{task.id}/complete", {"decision": "return"})
    assert response.status_code == 422
    assert 'id="error-director_comments"' in response.text
    assert "请检查填写的内容。" in response.text
    assert "此项必填。" in response.text
    assert 'value="return" checked' in response.text  # what was chosen is kept
    assert status_of(task.id) == "open"


def test_field_errors_in_english(signed_in, post, open_task, proposed):
    task = open_task(proposed, "decide_meeting")
    director = signed_in("office.director")
    director.get("/?lang=en")
    response = post(director, f"/tasks/{task.id}/complete", {"decision": "return"})
    assert response.status_code == 422
    assert "This field is required." in response.text
    assert "Decide the meeting" in response.text


def test_completing_leads_back_to_the_inbox(signed_in, post, open_task, held, status_of):
    task = open_task(held, "receive_minutes", unit="sthjj")  # its last open task: it has co-signed
    liaison = signed_in("liaison.sthjj")
    response = post(liaison, f"/tasks/{task.id}/complete", {"acknowledged": "on", "note": "已传达"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert status_of(task.id) == "completed"
    inbox = liaison.get("/")
    assert "已办理：签收会议纪要" in inbox.text
    assert "暂无待办事项" in inbox.text


def test_completing_twice_is_a_conflict(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    liaison = signed_in("liaison.scjgj")
    assert post(liaison, f"/tasks/{task.id}/complete", {"acknowledged": "on"}).status_code == 302
    again = post(liaison, f"/tasks/{task.id}/complete", {"acknowledged": "on"})
    assert again.status_code == 409
    # the one who did it is told it was them, not that someone else did
    assert "您已于 2026-11-23 周一 10:00 办理此事项，无需再次提交。" in again.text
    assert "已由他人办理" not in again.text and "已由" not in again.text
    page = liaison.get(f"/tasks/{task.id}")  # the finished task still reads, without a form
    assert "已办" in page.text and "已办结" not in page.text and f"/tasks/{task.id}/complete" not in page.text


def test_a_conflict_names_who_did_it_to_someone_else(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    assert post(signed_in("liaison.scjgj"), f"/tasks/{task.id}/complete", {"acknowledged": "on"}).status_code == 302
    data = {"acknowledged": "on", "reason": "联络员出差"}
    late = post(signed_in("office.staff"), f"/tasks/{task.id}/on-behalf", data)
    assert late.status_code == 409
    assert "此事项已由" in late.text and "于 2026-11-23 周一 10:00 办理，无需再次提交。" in late.text


def test_unticked_required_box_is_refused(signed_in, post, open_task, held, status_of):
    task = open_task(held, "receive_minutes", unit="scjgj")
    response = post(signed_in("liaison.scjgj"), f"/tasks/{task.id}/complete", {"note": "稍后"})
    assert response.status_code == 422
    assert 'id="error-acknowledged"' in response.text
    assert "稍后" in response.text  # the note typed is still there
    assert status_of(task.id) == "open"


def test_draft_is_saved_and_prefilled(signed_in, post, open_task, proposed, status_of):
    task = open_task(proposed, "decide_meeting")
    director = signed_in("office.director")
    draft = {
        "decision": "approve",
        "chair": "office.deputy2",
        "director_comments": "请补充议题材料",
    }
    response = post(director, f"/tasks/{task.id}/draft", draft)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/tasks/{task.id}"
    page = director.get(f"/tasks/{task.id}")
    assert "草稿已保存 10:00" in page.text
    assert 'value="approve" checked' in page.text
    assert '<option value="office.deputy2" selected>' in page.text
    assert "请补充议题材料</textarea>" in page.text
    assert status_of(task.id) == "open"
    # the draft is the director's own: a colleague reading the task sees none of it
    assert "请补充议题材料" not in signed_in("office.staff").get(f"/tasks/{task.id}").text


def test_comments_thread_escapes_what_people_type(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    liaison = signed_in("liaison.scjgj")
    text = '<script>alert("x")</script>\n第二行'
    response = post(liaison, f"/tasks/{task.id}/comments", {"text": text})
    assert response.status_code == 302
    page = liaison.get(f"/tasks/{task.id}")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "区市场监督管理局联络员" in page.text and ">意见<" in page.text


def test_director_comments_are_instructions(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    post(signed_in("office.director"), f"/tasks/{task.id}/comments", {"text": "请抓紧签收"})
    post(signed_in("liaison.scjgj"), f"/tasks/{task.id}/comments", {"text": "今日办理"})
    page = signed_in("office.staff").get(f"/tasks/{task.id}")
    assert page.text.index("请抓紧签收") < page.text.index("今日办理")  # newest last
    assert ">批示<" in page.text


def test_empty_comment_is_refused(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    liaison = signed_in("liaison.scjgj")
    response = post(liaison, f"/tasks/{task.id}/comments", {"text": "   "}, follow_redirects=True)
    assert "此项必填。" in response.text
    assert "暂无批示或意见" in response.text


def test_overlong_comment_is_refused_with_its_limit(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    liaison = signed_in("liaison.scjgj")
    typed = "意" * 5001
    response = post(liaison, f"/tasks/{task.id}/comments", {"text": typed})
    assert response.status_code == 422
    assert "暂无批示或意见" in response.text  # nothing saved
    # what was typed is kept, the reason is beside the box, and the page opens at the box
    box = re.search(r'id="comment-text"[^>]*>([^<]*)</textarea>\s*<p class="error"[^>]*>([^<]*)<', response.text)
    assert box and box.groups() == (typed, "不能超过 5000 个字。")
    # and a reload does not post it again: the page puts its own address, at the box, in the history
    script = f'src="/static/js/refused.js[^"]*" data-page-url="/tasks/{task.id}"\\s+data-anchor="comment-form"'
    assert re.search(script, response.text)


def test_unit_task_names_the_units_liaisons(signed_in, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    page = signed_in("office.staff").get(f"/tasks/{task.id}")
    assert "区市场监督管理局联络员" in page.text
    assert "代办理由" in page.text  # the office may act for the unit


def test_office_acts_on_behalf_of_a_unit_with_a_reason(signed_in, post, open_task, held, status_of):
    task = open_task(held, "receive_minutes", unit="scjgj")
    staff = signed_in("office.staff")
    # a unit's task is its liaisons' to complete: the office goes through 代办
    assert post(staff, f"/tasks/{task.id}/complete", {"acknowledged": "on"}).status_code == 403
    refused = post(staff, f"/tasks/{task.id}/on-behalf", {"acknowledged": "on", "reason": " "})
    assert refused.status_code == 422 and "请填写代办理由。" in refused.text
    assert status_of(task.id) == "open"

    reason = "联络员出差，电话确认已阅知"
    done = post(staff, f"/tasks/{task.id}/on-behalf", {"acknowledged": "on", "reason": reason})
    assert done.status_code == 302
    assert status_of(task.id) == "completed"
    history = staff.get(f"/instances/{held}").text
    assert "代办" in history and reason in history


def test_liaison_cannot_act_on_behalf(signed_in, post, open_task, held, status_of):
    task = open_task(held, "receive_minutes", unit="scjgj")
    liaison = signed_in("liaison.scjgj")
    assert "代办理由" not in liaison.get(f"/tasks/{task.id}").text
    data = {"acknowledged": "on", "reason": "试试"}
    assert post(liaison, f"/tasks/{task.id}/on-behalf", data).status_code == 403
    assert status_of(task.id) == "open"


def test_office_reassigns_a_task_to_another_unit(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    staff = signed_in("office.staff")
    no_reason = post(staff, f"/tasks/{task.id}/reassign", {"assignee": "unit:yjj", "reason": ""})
    assert no_reason.status_code == 422 and "请填写改派理由。" in no_reason.text
    unknown = post(staff, f"/tasks/{task.id}/reassign", {"assignee": "unit:nope", "reason": "x"})
    assert unknown.status_code == 422 and "找不到该单位或人员。" in unknown.text

    reason = "该事项由应急管理局负责"
    moved = post(staff, f"/tasks/{task.id}/reassign", {"assignee": "unit:yjj", "reason": reason})
    assert moved.status_code == 302
    assert "签收会议纪要" in signed_in("liaison.yjj").get("/").text
    assert signed_in("liaison.scjgj").get(f"/tasks/{task.id}").status_code == 404
    history = staff.get(f"/instances/{held}").text
    assert "改派" in history and reason in history


def test_only_the_office_reassigns(signed_in, post, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    liaison = signed_in("liaison.scjgj")
    assert "改派理由" not in liaison.get(f"/tasks/{task.id}").text
    data = {"assignee": "unit:yjj", "reason": "不归我们管"}
    assert post(liaison, f"/tasks/{task.id}/reassign", data).status_code == 403


def test_irreversible_forms_ask_for_confirmation(signed_in, open_task, held):
    task = open_task(held, "receive_minutes", unit="scjgj")
    page = signed_in("office.staff").get(f"/tasks/{task.id}")
    assert page.text.count("data-confirm=") == 2  # 代办 and 改派
    assert '<script src="/static/js/confirm.js"' in page.text
    assert "<script>" not in page.text  # the CSP allows no inline script
    assert "style=" not in page.text
