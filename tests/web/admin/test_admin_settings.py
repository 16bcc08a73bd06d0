"""The body's settings pages: its reminder rules, its robot and its regular full meetings, for
its administrator and its office director."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.org.models import Body


def _body(read) -> Body:
    read.rollback()
    return read.scalar(select(Body).where(Body.code == "qixing"))


def test_the_body_sets_its_reminder_rules(signed_in, post, read):
    director = signed_in("office.director")
    page = director.get("/admin/reminders")
    assert page.status_code == 200 and "当前生效：默认规则" in page.text
    assert 'name="before" id="f-before" value="5,2"' in page.text and 'name="at" id="f-at" value="09:00"' in page.text
    rules = {"before": "7，3", "due_day": "yes", "overdue_every": "2", "overdue_max": "3", "at": "09:00"}
    response = post(director, "/admin/reminders", rules)
    assert response.status_code == 302
    assert _body(read).reminder_policy == "before=7,3; overdue_max=3"  # only what differs from the defaults
    page = director.get("/admin/reminders").text
    assert "到期前第 7、3 个工作日提醒" in page and "最多 3 次" in page
    assert 'name="before" id="f-before" value="7,3"' in page


def test_a_setting_left_out_of_the_post_stays_and_a_blank_before_means_none(signed_in, post, read):
    director = signed_in("office.director")
    assert post(director, "/admin/reminders", {"overdue_max": "3"}).status_code == 302
    assert post(director, "/admin/reminders", {"due_day": "no", "before": ""}).status_code == 302
    assert _body(read).reminder_policy == "before=; due_day=no; overdue_max=3"
    assert "到期前不提醒" in director.get("/admin/reminders").text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("before", "abc", "「到期前提醒」请填写 1 至 30 之间的工作日数，多个用逗号分隔，如 5,2。"),
        ("before", "40", "「到期前提醒」请填写 1 至 30 之间的工作日数"),
        ("due_day", "maybe", "「到期当日」请选择提醒或不提醒。"),
        ("overdue_every", "0", "「逾期催办间隔」请填写 1 至 30 之间的工作日数。"),
        ("overdue_max", "many", "「逾期催办次数」请填写 0 至 20 之间的整数。"),
        ("at", "25:00", "「提醒时间」请填写时间，如 09:00。"),
    ],
)
def test_a_wrong_setting_is_refused_in_chinese_naming_its_field(signed_in, post, read, field, value, message):
    response = post(signed_in("office.director"), "/admin/reminders", {field: value})
    assert response.status_code == 422
    assert message in response.text
    assert "reminders:" not in response.text and "is not valid" not in response.text
    assert field == "due_day" or f'value="{value}"' in response.text  # what was typed is kept
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

    assert post(director, "/admin/reminders", {"overdue_max": "3"}).status_code == 302
    assert _body(read).webhook_url == url  # left empty: kept
    assert post(director, "/admin/reminders", {"clear_webhook": "on"}).status_code == 302
    assert _body(read).webhook_url is None


@pytest.mark.parametrize("username", ["liaison.wjj", "office.staff", "convener", "site.admin"])
def test_only_the_administrator_and_the_director_set_the_rules(signed_in, post, read, username):
    client = signed_in(username)
    assert client.get("/admin/reminders").status_code == 403
    assert post(client, "/admin/reminders", {"before": "7"}).status_code == 403
    assert client.get("/admin/annual").status_code == 403
    assert "/admin/reminders" not in client.get("/").text
    assert _body(read).reminder_policy == ""


def test_admin_pages_speak_english(signed_in):
    director = signed_in("office.director")
    rules = director.get("/admin/reminders?lang=en").text
    assert "Reminder rules" in rules and "Group chat robot" in rules and "催办规则" not in rules
    home = director.get("/?lang=en").text
    assert "Reminder rules" in home and "Working-day calendar" not in home  # the calendar is the site's


def test_the_director_sets_regular_full_meetings(app, signed_in, post):
    director = signed_in("office.director")
    refused = post(director, "/admin/reminders", {"meeting_every": "36"})
    assert refused.status_code == 422 and "1 至 24" in refused.text
    assert post(director, "/admin/reminders", {"meeting_every": "6"}).status_code == 302
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalar(select(Body.full_meeting_every_months).where(Body.code == "qixing")) == 6
    assert 'value="6"' in director.get("/admin/reminders").text
    assert post(director, "/admin/reminders", {"meeting_every": ""}).status_code == 302
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalar(select(Body.full_meeting_every_months).where(Body.code == "qixing")) is None


def test_the_menu_links_the_roster_for_the_bodys_administrator(signed_in):
    home = signed_in("office.director").get("/").text
    assert 'href="/roster"' in home and "名册管理" in home
    for username in ("office.staff", "site.admin"):
        assert 'href="/roster"' not in signed_in(username).get("/").text
