"""What people type is shown as text, never as markup: a proposal's title and topics and the
director's words, entered through the pages, come back escaped on every page that shows them."""

from __future__ import annotations

SCRIPT, BOLD = "<script>alert(1)</script>", "<b>x</b>"
SCRIPT_SHOWN, BOLD_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;x&lt;/b&gt;"
TITLE = f"{SCRIPT}{BOLD}职业健康会议"


def assert_escaped(pages: dict, *expected: str) -> None:
    raw = [name for name, page in pages.items() if SCRIPT in page.text or BOLD in page.text]
    assert raw == [], f"raw markup on {raw}"
    for text in expected:
        missing = [name for name, page in pages.items() if text not in page.text]
        assert missing == [], f"{text} not shown on {missing}"


def propose(staff, post, open_task, instance_id) -> None:
    task = open_task(instance_id, "propose_meeting")
    proposal = {
        "title": TITLE,
        "topics": f"1. {SCRIPT}\n2. {BOLD}",
        "meeting_at": "2026-11-30T09:00",
        "place": "区卫生健康局三楼会议室",
        "attending_units": ["wjj", "rsj"],
    }
    assert post(staff, f"/tasks/{task.id}/complete", proposal).status_code == 302


def test_a_proposal_and_the_directors_words_are_shown_escaped(signed_in, post, open_task, instance_id):
    staff, director = signed_in("office.staff"), signed_in("office.director")
    started = post(staff, "/instances/new", {"process_id": "office_meeting", "title": TITLE})
    assert started.status_code == 302
    meeting = instance_id(TITLE)
    propose(staff, post, open_task, meeting)

    decide = open_task(meeting, "decide_meeting")
    assert post(director, f"/tasks/{decide.id}/comments", {"text": f"批示：{SCRIPT}"}).status_code == 302
    pages = {
        "inbox": director.get("/"),
        "task": director.get(f"/tasks/{decide.id}"),
        "instance": director.get(f"/instances/{meeting}"),
    }
    assert all(page.status_code == 200 for page in pages.values())
    assert_escaped(pages, SCRIPT_SHOWN, BOLD_SHOWN)
    assert f"批示：{SCRIPT_SHOWN}" in pages["task"].text

    returned = {"decision": "return", "director_comments": f"{SCRIPT}请补充{BOLD}"}
    assert post(director, f"/tasks/{decide.id}/complete", returned).status_code == 302
    again = open_task(meeting, "propose_meeting")
    pages = {
        "inbox": staff.get("/"),
        "task": staff.get(f"/tasks/{again.id}"),
        "decided task": staff.get(f"/tasks/{decide.id}"),
        "instance": staff.get(f"/instances/{meeting}"),
    }
    assert all(page.status_code == 200 for page in pages.values())
    assert_escaped(pages, SCRIPT_SHOWN, BOLD_SHOWN)
    assert f"{SCRIPT_SHOWN}请补充{BOLD_SHOWN}" in pages["task"].text
