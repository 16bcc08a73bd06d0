"""In a real browser: a full meeting (全体会议) from start to issue, on the demo data, as the
real roles. The steps the test is not about (most units' suggestions and co-signatures) go
through engine.demo.walkthrough for speed; the scheduler's steps (closing the silent units at the
deadline, the meeting-day timer) are called as the scheduler calls them, with the clock moved."""

from __future__ import annotations

from datetime import datetime, timedelta

from playwright.sync_api import expect

from engine.demo import walkthrough
from engine.workflow import closing, timers
from tests.web import meeting_setup as setup

TITLE = "2026年第二次联席会议全体会议"
ITEM = "起草年度工作要点｜wjj｜rsj｜2027-01-31"
ABSENT = "hqlyq"  # a member unit that does not come to the meeting
BROWSER_SUGGESTERS = {"rsj": "研究用人单位职业健康监护落实情况", "yjj": "研究尾矿库作业场所粉尘治理"}
SILENT = tuple(setup.MEMBERS[-2:])  # never answer: closed at the deadline
BROWSER_COSIGNERS = ("sfj", "rsj")  # sfj: the invited unit
ATTENDED = [u for u in setup.MEMBERS if u != ABSENT] + ["sfj"]


def local(at: datetime) -> str:
    """What a datetime-local input takes."""
    return f"{at:%Y-%m-%dT%H:%M}"


def suggest_in_engine(db, instance_id: int, now: datetime) -> None:
    """The member units not in the browser and not silent suggest nothing (engine, for speed)."""
    for unit in setup.MEMBERS:
        if unit not in (*BROWSER_SUGGESTERS, *SILENT):
            walkthrough.act(db, f"liaison.{unit}", instance_id, "suggest_topics", {"topics": ""}, now, unit=unit)


def cosign_in_engine(db, instance_id: int, now: datetime) -> None:
    """The attending units not in the browser agree (engine, for speed)."""
    for unit in ATTENDED:
        if unit not in BROWSER_COSIGNERS:
            walkthrough.act(db, f"liaison.{unit}", instance_id, "cosign_minutes", {"decision": "agree"}, now, unit=unit)


def test_a_full_meeting_from_start_to_issue(db, clock, live_server, page_as, screenshot):
    def as_user(username: str):
        page = page_as(username)
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    def open_task(page, name: str, unit: str | None = None):
        # The demo holds another full meeting in co-signing: open tasks by id, not by link text.
        task = walkthrough.open_task(db, instance_id, name, unit)
        page.goto(f"{live_server}/tasks/{task.id}")
        return task

    def submit(page) -> None:
        page.click("button:has-text('提交办理')")
        page.wait_for_url(f"{live_server}/")

    # The office starts the meeting and opens the round of topics, due in three days.
    office = as_user("office.staff")
    office.goto(f"{live_server}/instances/new")
    office.check("input[name=process_id][value=full_meeting]")
    office.fill("input[name=title]", TITLE)
    office.click("button:has-text('发起')")
    office.wait_for_url("**/tasks/*")
    assert "拟定会议并征集议题" in office.locator("h1").inner_text()
    instance_id = int(office.locator(".crumbs a[href^='/instances/']").get_attribute("href").rsplit("/", 1)[1])
    deadline = clock.now().replace(hour=17, minute=0) + timedelta(days=3)
    office.fill("input[name=title]", TITLE)
    office.fill("input[name=topic_deadline]", local(deadline))
    office.fill("textarea[name=note]", "请各成员单位结合本单位职责提出议题建议。")
    screenshot(office, "full-01-open-round")
    submit(office)

    # Two liaisons suggest topics in the browser; the others through the engine, two stay silent.
    for unit, topic in BROWSER_SUGGESTERS.items():
        liaison = as_user(f"liaison.{unit}")
        open_task(liaison, "suggest_topics", unit)
        assert TITLE in liaison.locator("#content, main").first.inner_text()
        liaison.fill("textarea[name=topics]", topic)
        screenshot(liaison, f"full-02-suggest-topics-{unit}")
        submit(liaison)
    suggest_in_engine(db, instance_id, clock.now())

    # Past the deadline the scheduler closes the silent units' tasks as "no suggestion".
    clock.set(deadline + timedelta(hours=1))
    assert closing.close_overdue(db, clock.now()) >= len(SILENT)

    # The office compiles the proposal: a week ahead, inviting 区司法局.
    # (Days have passed and the sessions have lapsed: each person signs in again.)
    meeting_at = (clock.now() + timedelta(days=7)).replace(hour=9, minute=30)
    office = as_user("office.staff")
    open_task(office, "compile_proposal")
    answers = office.locator("table.shown-answers")
    assert "研究尾矿库作业场所粉尘治理" in answers.locator("tr", has_text="区应急管理局").inner_text()
    assert answers.locator(".badge-state-closed").count() == len(SILENT)
    office.fill("input[name=title]", TITLE)
    office.fill("textarea[name=topics]", "1. 通报年度职业病防治工作\n2. 研究下一年度工作要点")
    office.fill("input[name=meeting_at]", local(meeting_at))
    office.fill("input[name=place]", "区卫生健康局三楼会议室")
    office.check("input[name=invited_units][value=sfj]")
    screenshot(office, "full-03-compile-proposal")
    submit(office)

    # The convener returns it once with a comment ...
    convener = as_user("convener")
    open_task(convener, "decide_meeting")
    assert "区司法局" in convener.locator(".datalist").inner_text()
    screenshot(convener, "full-04-decide")
    convener.check("input[name=decision][value=return]")
    convener.fill("textarea[name=convener_comments]", "请增加议题：通报尘肺病患者救治救助情况")
    submit(convener)

    # ... the office revises it, seeing the comment ...
    open_task(office, "compile_proposal")
    assert "请增加议题" in office.locator(".datalist").inner_text()
    assert office.input_value("input[name=place]") == "区卫生健康局三楼会议室"  # the last proposal, kept
    office.fill(
        "textarea[name=topics]", "1. 通报年度职业病防治工作\n2. 通报尘肺病患者救治救助情况\n3. 研究下一年度工作要点"
    )
    screenshot(office, "full-05-compile-again")
    submit(office)

    # ... and the convener approves.
    open_task(convener, "decide_meeting")
    convener.check("input[name=decision][value=approve]")
    submit(convener)

    # The meeting is held: the timer fires, the office records who came and drafts the minutes.
    clock.set(meeting_at + timedelta(hours=3))
    assert timers.fire_due_timers(db, clock.now()) >= 1
    office = as_user("office.staff")
    open_task(office, "record_attendance")
    assert office.is_checked("input[name=attended_units][value=sfj]")  # the invited unit, preselected
    office.uncheck(f"input[name=attended_units][value={ABSENT}]")
    office.fill("textarea[name=absence_note]", "华侨旅游经济区管委会因公请假。")
    screenshot(office, "full-06-attendance")
    submit(office)

    open_task(office, "draft_minutes")
    office.fill("textarea[name=minutes_text]", "会议通报了年度职业病防治工作，研究了下一年度工作要点。")
    office.fill("textarea[name=decided_items]", ITEM)
    screenshot(office, "full-07-draft-minutes")
    submit(office)

    # Co-signing: the invited unit and one member in the browser, the rest through the engine.
    for unit in BROWSER_COSIGNERS:
        liaison = as_user(f"liaison.{unit}")
        open_task(liaison, "cosign_minutes", unit)
        items = liaison.locator("table.shown-items")
        expect(items.locator("td", has_text="起草年度工作要点")).to_be_visible()
        assert "区卫生健康局" in items.inner_text() and "区人力资源和社会保障局" in items.inner_text()
        assert "｜" not in items.inner_text()
        screenshot(liaison, f"full-08-cosign-{unit}")
        liaison.check("input[name=decision][value=agree]")
        submit(liaison)
    cosign_in_engine(db, instance_id, clock.now())

    # The convener signs; the minutes go out.
    convener = as_user("convener")
    open_task(convener, "sign_minutes")
    expect(convener.locator("table.shown-items td", has_text="起草年度工作要点")).to_be_visible()
    screenshot(convener, "full-09-sign")
    assert convener.locator("table.shown-answers .badge-decision-agree").count() == len(ATTENDED)
    convener.check("input[name=signature][value=sign]")
    submit(convener)

    # The government (抄报) finds its copy under 收文 in its inbox and opens it under the seal:
    # that is its receipt.
    meeting_id = setup.meeting_id(db, instance_id)
    government = as_user("liaison.qzf")
    copy_row = government.locator("#copies-to-read tr", has_text=f"{TITLE}纪要")
    assert "抄报" in copy_row.inner_text()
    screenshot(government, "full-10-government-inbox")
    copy_row.locator("a").click()
    government.wait_for_url(f"{live_server}/meetings/{meeting_id}/copy")
    assert f"{TITLE}纪要" in government.locator("h1").inner_text()
    assert "代章" in government.locator(".seal-line").inner_text()
    assert "起草年度工作要点" in government.locator(".items-table").inner_text()
    assert "已签收" in government.locator(".receipt-bar").inner_text()
    screenshot(government, "full-10-government-copy")

    # The office sees the meeting issued and the government's receipt.
    office.goto(f"{live_server}/meetings/{meeting_id}")
    assert "已印发" in office.locator("h1").inner_text()
    row = office.locator("#copies tr[data-unit=qzf]")
    assert "抄报" in row.inner_text() and "已签收" in row.inner_text()
    story = office.locator("#timeline").inner_text()
    assert "退回会议方案修改（意见：请增加议题" in story and "已签收 1 / 24 份" in story
    screenshot(office, "full-11-office-meeting")
