"""The administrator's pages: the working-day calendar's overrides and the body's reminder rules."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from engine.core.models import CalendarDay
from engine.core.workdays import last_official_year, work_calendar
from engine.org.models import Body

BEYOND = last_official_year() + 1  # the first year the official data does not cover


def _days(read) -> dict[date, CalendarDay]:
    read.rollback()
    return {row.day: row for row in read.scalars(select(CalendarDay))}


def _body(read) -> Body:
    read.rollback()
    return read.scalar(select(Body))


def test_the_page_says_which_years_the_official_data_covers(signed_in, clock):
    clock.set(clock.now().replace(year=BEYOND - 1))  # next year falls back to Monday–Friday
    page = signed_in("office.director").get("/admin/calendar")
    assert page.status_code == 200
    assert f"内置官方数据覆盖至 {last_official_year()} 年" in page.text
    assert f"{BEYOND} 年尚无官方放假安排数据，工作日暂按周一至周五计算" in page.text
    assert "按周一至周五计算" in page.text and "官方数据" in page.text


def test_the_director_adds_and_deletes_an_override(signed_in, post, read):
    director = signed_in("office.director")
    day = f"{BEYOND}-02-07"
    data = {"day": day, "working": "1", "note": f"{BEYOND}年春节调休上班"}
    response = post(director, "/admin/calendar", data)
    assert response.status_code == 302
    row = _days(read)[date.fromisoformat(day)]
    assert row.working is True and row.note == f"{BEYOND}年春节调休上班" and row.entered_by == "office.director"
    assert work_calendar(read).is_working_day(date.fromisoformat(day))  # a Sunday, now worked

    page = director.get(f"/admin/calendar?year={BEYOND}")
    assert f"{BEYOND}年春节调休上班" in page.text and "管理员录入" in page.text
    assert f"{BEYOND} 年尚无官方放假安排数据" not in page.text  # the entries now cover the year
    assert f'action="/admin/calendar/{day}/delete"' in page.text
    assert "data-confirm=" in page.text[page.text.index(f"/admin/calendar/{day}/delete") - 200 :]

    assert post(director, f"/admin/calendar/{day}/delete").status_code == 302
    assert _days(read) == {}
    assert post(director, f"/admin/calendar/{day}/delete").status_code == 404


def test_a_holiday_is_entered_as_a_range(signed_in, post, read):
    data = {"day": f"{BEYOND}-02-10", "until": f"{BEYOND}-02-16", "working": "0", "note": "春节"}
    assert post(signed_in("office.director"), "/admin/calendar", data).status_code == 302
    days = _days(read)
    assert len(days) == 7 and not any(row.working for row in days.values())
    assert not work_calendar(read).is_working_day(date(BEYOND, 2, 11))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day": "2027-02-30", "working": "1"}, "请输入有效日期"),
        ({"day": "", "working": "1"}, "请输入有效日期"),
        ({"day": "2027-02-10", "until": "2027-02-01", "working": "0"}, "结束日期须在开始日期之后"),
        ({"day": "2027-01-01", "until": "2027-03-01", "working": "0"}, "不超过 31 天"),
        ({"day": "2027-02-10", "working": "maybe"}, "请从选项中选择。"),
        ({"day": "2027-02-10", "working": "0", "note": "节" * 201}, "不能超过 200 个字。"),
    ],
)
def test_a_wrong_entry_is_refused(signed_in, post, read, data, message):
    response = post(signed_in("office.director"), "/admin/calendar", data)
    assert response.status_code == 422
    assert message in response.text
    assert _days(read) == {}


@pytest.mark.parametrize("username", ["liaison.wjj", "office.staff", "convener"])
def test_only_the_administrator_and_the_director_manage_the_calendar(signed_in, post, read, username):
    client = signed_in(username)
    assert client.get("/admin/calendar").status_code == 403
    assert post(client, "/admin/calendar", {"day": "2027-02-07", "working": "1"}).status_code == 403
    assert client.get("/admin/reminders").status_code == 403
    assert post(client, "/admin/reminders", {"policy": "before=7"}).status_code == 403
    assert "/admin/calendar" not in client.get("/").text
    assert _days(read) == {} and _body(read).reminder_policy == ""


def test_deleting_is_refused_to_a_liaison(signed_in, post, read):
    assert (
        post(signed_in("office.director"), "/admin/calendar", {"day": "2027-02-07", "working": "1"}).status_code == 302
    )
    assert post(signed_in("liaison.wjj"), "/admin/calendar/2027-02-07/delete").status_code == 403
    assert len(_days(read)) == 1


def test_calendar_forms_need_the_csrf_token(signed_in, read):
    director = signed_in("office.director")
    assert director.post("/admin/calendar", data={"day": "2027-02-07", "working": "1"}).status_code == 400
    assert _days(read) == {}


def test_the_body_sets_its_reminder_rules(signed_in, post, read):
    director = signed_in("office.director")
    page = director.get("/admin/reminders")
    assert page.status_code == 200 and "当前生效：默认规则" in page.text
    response = post(director, "/admin/reminders", {"policy": "before=7,3; overdue_max=3"})
    assert response.status_code == 302
    assert _body(read).reminder_policy == "before=7,3; overdue_max=3"
    page = director.get("/admin/reminders").text
    assert "到期前第 7、3 个工作日提醒" in page and "最多 3 次" in page


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ("before=soon", "before=&#39;soon&#39; is not valid"),
        ("often=3", "unknown setting"),
        ("at=25:00", "at=&#39;25:00&#39; is not valid"),
        ("before=" + "1," * 120, "不能超过 200 个字。"),
    ],
)
def test_reminder_rules_the_engine_cannot_read_are_refused(signed_in, post, read, policy, message):
    response = post(signed_in("office.director"), "/admin/reminders", {"policy": policy})
    assert response.status_code == 422
    assert "催办规则有误" in response.text or "不能超过" in response.text
    assert message in response.text
    assert _body(read).reminder_policy == ""


def test_the_webhook_must_be_https_and_is_never_shown_back(signed_in, post, read):
    director = signed_in("office.director")
    refused = post(director, "/admin/reminders", {"webhook_url": "http://qyapi.weixin.qq.com/send?key=abc"})
    assert refused.status_code == 422 and "请输入以 https:// 开头的有效地址。" in refused.text
    assert _body(read).webhook_url is None

    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key-123"
    assert post(director, "/admin/reminders", {"webhook_url": url}).status_code == 302
    assert _body(read).webhook_url == url
    page = director.get("/admin/reminders").text
    assert "已设置（qyapi.weixin.qq.com）" in page and "secret-key-123" not in page

    assert post(director, "/admin/reminders", {"policy": ""}).status_code == 302
    assert _body(read).webhook_url == url  # left empty: kept
    assert post(director, "/admin/reminders", {"clear_webhook": "on"}).status_code == 302
    assert _body(read).webhook_url is None


def test_admin_pages_speak_english(signed_in):
    director = signed_in("office.director")
    cal = director.get("/admin/calendar?lang=en").text
    assert "Working-day calendar" in cal and "Enter a date" in cal and "工作日历" not in cal
    rules = director.get("/admin/reminders?lang=en").text
    assert "Reminder rules" in rules and "Group chat robot" in rules and "催办规则" not in rules
    assert "Working-day calendar" in director.get("/?lang=en").text  # the user menu links them


def test_the_director_sets_regular_full_meetings(app, signed_in, post):
    director = signed_in("office.director")
    refused = post(director, "/admin/reminders", {"policy": "", "meeting_every": "36"})
    assert refused.status_code == 422 and "1 至 24" in refused.text
    assert post(director, "/admin/reminders", {"policy": "", "meeting_every": "6"}).status_code == 302
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalar(select(Body.full_meeting_every_months).where(Body.code == "qixing")) == 6
    assert 'value="6"' in director.get("/admin/reminders").text
    assert post(director, "/admin/reminders", {"policy": "", "meeting_every": ""}).status_code == 302
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalar(select(Body.full_meeting_every_months).where(Body.code == "qixing")) is None
