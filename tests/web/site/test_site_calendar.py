"""The working-day calendar, shared by every body: only the site administrator keeps it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from engine.core.models import CalendarDay
from engine.core.workdays import last_official_year, work_calendar

BEYOND = last_official_year() + 1  # the first year the official data does not cover
SITE_ADMIN = "site.admin"


def _days(read) -> dict[date, CalendarDay]:
    read.rollback()
    return {row.day: row for row in read.scalars(select(CalendarDay))}


def test_the_page_says_which_years_the_official_data_covers(signed_in, clock):
    clock.set(clock.now().replace(year=BEYOND - 1))  # next year falls back to Monday–Friday
    page = signed_in(SITE_ADMIN).get("/site/calendar")
    assert page.status_code == 200
    assert f"内置官方数据覆盖至 {last_official_year()} 年" in page.text
    assert f"{BEYOND} 年尚无官方放假安排数据，工作日暂按周一至周五计算" in page.text
    assert "按周一至周五计算" in page.text and "官方数据" in page.text


def test_the_site_administrator_adds_and_deletes_an_override(signed_in, post, read):
    admin = signed_in(SITE_ADMIN)
    day = f"{BEYOND}-02-07"
    data = {"day": day, "working": "1", "note": f"{BEYOND}年春节调休上班"}
    response = post(admin, "/site/calendar", data)
    assert response.status_code == 302
    row = _days(read)[date.fromisoformat(day)]
    assert row.working is True and row.note == f"{BEYOND}年春节调休上班" and row.entered_by == SITE_ADMIN
    assert work_calendar(read).is_working_day(date.fromisoformat(day))  # a Sunday, now worked

    page = admin.get(f"/site/calendar?year={BEYOND}")
    assert f"{BEYOND}年春节调休上班" in page.text and "管理员录入" in page.text
    assert f"{BEYOND} 年尚无官方放假安排数据" not in page.text  # the entries now cover the year
    assert f'action="/site/calendar/{day}/delete"' in page.text
    assert "data-confirm=" in page.text[page.text.index(f"/site/calendar/{day}/delete") - 200 :]

    assert post(admin, f"/site/calendar/{day}/delete").status_code == 302
    assert _days(read) == {}
    assert post(admin, f"/site/calendar/{day}/delete").status_code == 404


def test_a_holiday_is_entered_as_a_range(signed_in, post, read):
    data = {"day": f"{BEYOND}-02-10", "until": f"{BEYOND}-02-16", "working": "0", "note": "春节"}
    assert post(signed_in(SITE_ADMIN), "/site/calendar", data).status_code == 302
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
    response = post(signed_in(SITE_ADMIN), "/site/calendar", data)
    assert response.status_code == 422
    assert message in response.text
    assert _days(read) == {}


@pytest.mark.parametrize("username", ["office.director", "liaison.wjj", "office.staff", "convener"])
def test_no_one_else_keeps_the_calendar_a_bodys_administrator_neither(signed_in, post, read, username):
    client = signed_in(username)
    assert client.get("/site/calendar").status_code == 403
    assert post(client, "/site/calendar", {"day": "2027-02-07", "working": "1"}).status_code == 403
    assert "/site/calendar" not in client.get("/").text
    assert _days(read) == {}


def test_deleting_is_refused_to_a_bodys_administrator(signed_in, post, read):
    assert post(signed_in(SITE_ADMIN), "/site/calendar", {"day": "2027-02-07", "working": "1"}).status_code == 302
    assert post(signed_in("office.director"), "/site/calendar/2027-02-07/delete").status_code == 403
    assert len(_days(read)) == 1


def test_calendar_forms_need_the_csrf_token(signed_in, read):
    admin = signed_in(SITE_ADMIN)
    assert admin.post("/site/calendar", data={"day": "2027-02-07", "working": "1"}).status_code == 400
    assert _days(read) == {}


def test_the_calendar_page_speaks_english(signed_in):
    admin = signed_in(SITE_ADMIN)
    cal = admin.get("/site/calendar?lang=en").text
    assert "Working-day calendar" in cal and "Enter a date" in cal and "工作日历" not in cal
    assert "Working-day calendar" in admin.get("/?lang=en").text  # the user menu links it
