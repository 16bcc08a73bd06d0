"""The notification centre, the bell in the page header, and the person's notification settings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from engine.org.models import Person
from engine.reminders.models import Notification


def _person(session, username: str) -> Person:
    return session.scalar(select(Person).where(Person.username == username))


@pytest.fixture
def notify(app, clock, open_task, held):
    """notify("liaison.scjgj", "title", read=False) → the id of a new in-app notification about
    the unit's overdue receipt, made `minutes_ago` before now. The demo's meeting notices are
    cleared first, so each test counts only the notifications it made."""
    with app.extensions["lianxi"].db.write_session() as session:
        session.execute(delete(Notification))
        session.commit()

    def add(username: str, title: str, read: bool = False, minutes_ago: int = 0) -> int:
        task = open_task(held, "receive_minutes", unit="scjgj")
        with app.extensions["lianxi"].db.write_session() as session:
            at = clock.now() - timedelta(minutes=minutes_ago)
            row = Notification(
                person_id=_person(session, username).id,
                task_id=task.id,
                title=title,
                text=f"{title}：请尽快签收会议纪要。",
                created_at=at,
                read_at=at if read else None,
            )
            session.add(row)
            session.commit()
            return row.id

    return add


def _badge(html: str) -> str | None:
    found = re.search(r'<span class="bell-count">([^<]+)</span>', html)
    return found.group(1) if found else None


def _read_at(app, notification_id: int):
    with app.extensions["lianxi"].db.read_session() as session:
        return session.get(Notification, notification_id).read_at


def test_the_header_counts_only_ones_own_unread_notifications(client, signed_in, notify):
    notify("liaison.scjgj", "逾期催办：签收会议纪要")
    notify("liaison.scjgj", "到期提醒：签收会议纪要", minutes_ago=60)
    notify("liaison.scjgj", "到期前提醒：签收会议纪要", read=True, minutes_ago=120)
    notify("liaison.zgh", "逾期催办：签收会议纪要")

    page = signed_in("liaison.scjgj").get("/")
    assert _badge(page.text) == "2"
    assert 'aria-label="2 条未读通知"' in page.text
    assert _badge(signed_in("liaison.wjj").get("/").text) is None  # nothing unread: no badge
    assert 'class="bell' not in client.get("/login").text  # signed out: no bell at all


def test_the_centre_lists_newest_first_with_the_unread_highlighted(signed_in, notify):
    notify("liaison.scjgj", "较早的提醒", read=True, minutes_ago=90)
    notify("liaison.scjgj", "最新的催办")
    notify("liaison.zgh", "别人的催办")

    page = signed_in("liaison.scjgj").get("/notifications")
    assert page.status_code == 200
    assert page.text.index("最新的催办") < page.text.index("较早的提醒")
    assert "别人的催办" not in page.text
    assert page.text.count("notice-item notice-unread") == 1
    assert "/tasks/" in page.text  # each links to its task
    unread_only = signed_in("liaison.scjgj").get("/notifications?show=unread")
    assert "最新的催办" in unread_only.text and "较早的提醒" not in unread_only.text


def test_marking_one_read(app, signed_in, post, notify):
    first = notify("liaison.scjgj", "逾期催办")
    notify("liaison.scjgj", "到期提醒")
    liaison = signed_in("liaison.scjgj")

    response = post(liaison, f"/notifications/{first}/read")
    assert response.status_code == 302 and response.headers["Location"].startswith("/notifications")
    assert _read_at(app, first) is not None
    assert _badge(liaison.get("/").text) == "1"


def test_marking_all_read(app, signed_in, post, notify):
    notify("liaison.scjgj", "逾期催办")
    notify("liaison.scjgj", "到期提醒")
    other = notify("liaison.zgh", "别人的")
    liaison = signed_in("liaison.scjgj")

    page = post(liaison, "/notifications/read-all", follow_redirects=True)
    assert "已将 2 条通知标为已读。" in page.text
    assert _badge(page.text) is None
    assert _badge(signed_in("liaison.zgh").get("/").text) == "1"
    assert _read_at(app, other) is None


def test_someone_elses_notification_is_not_found(app, signed_in, post, notify):
    theirs = notify("liaison.zgh", "区总工会的催办")
    response = post(signed_in("liaison.scjgj"), f"/notifications/{theirs}/read")
    assert response.status_code == 404
    assert _read_at(app, theirs) is None
    assert post(signed_in("liaison.scjgj"), "/notifications/999999/read").status_code == 404


def test_marking_read_needs_the_csrf_token(app, signed_in, notify):
    mine = notify("liaison.scjgj", "逾期催办")
    assert signed_in("liaison.scjgj").post(f"/notifications/{mine}/read").status_code == 400
    assert _read_at(app, mine) is None


def test_notifications_escape_what_they_say(signed_in, notify):
    notify("liaison.scjgj", "<script>alert(1)</script>")
    page = signed_in("liaison.scjgj").get("/notifications")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def _saved(app, username: str) -> Person:
    with app.extensions["lianxi"].db.read_session() as session:
        person = _person(session, username)
        session.expunge(person)
        return person


def test_preferences_save_channels_address_and_digest(app, signed_in, post):
    liaison = signed_in("liaison.scjgj")
    page = liaison.get("/preferences")
    assert page.status_code == 200
    assert "站内通知" in page.text and "电子邮件" in page.text and "每日汇总" in page.text
    assert "工作群机器人由办公室设置" in page.text

    data = {"email_channel": "on", "email": "scjgj@qixing.gov.cn", "digest": "on"}
    response = post(liaison, "/preferences", data)
    assert response.status_code == 302
    person = _saved(app, "liaison.scjgj")
    assert person.channels == ["in_app", "email"]
    assert person.email == "scjgj@qixing.gov.cn" and person.digest is True
    assert 'value="scjgj@qixing.gov.cn"' in liaison.get("/preferences").text

    assert post(liaison, "/preferences", {"email": "scjgj@qixing.gov.cn"}).status_code == 302
    person = _saved(app, "liaison.scjgj")
    assert person.channels == ["in_app"] and person.digest is False  # in-app stays, always


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email_channel": "on", "email": ""}, "选择电子邮件通知时，请填写电子邮件地址。"),
        ({"email_channel": "on", "email": "not-an-address"}, "请输入有效的电子邮件地址"),
        ({"email": "a b@qixing.gov.cn"}, "请输入有效的电子邮件地址"),
        ({"email": "x" * 200 + "@qixing.gov.cn"}, "不能超过 200 个字。"),
        ({"digest": "on", "email": "scjgj@qixing.gov.cn"}, "每日汇总通过电子邮件发送"),
    ],
)
def test_preferences_refuse_what_cannot_work(app, signed_in, post, data, message):
    response = post(signed_in("liaison.scjgj"), "/preferences", data)
    assert response.status_code == 422
    assert message in response.text
    assert 'class="error"' in response.text
    person = _saved(app, "liaison.scjgj")
    assert person.channels is None and person.email is None and person.digest is False  # nothing saved


def test_notification_pages_speak_english(signed_in, notify):
    notify("liaison.scjgj", "逾期催办")
    client = signed_in("liaison.scjgj")
    centre = client.get("/notifications?lang=en")
    assert "Notifications" in centre.text and "Mark all as read" in centre.text and "Unread" in centre.text
    assert "通知中心" not in centre.text and "全部标为已读" not in centre.text
    settings = client.get("/preferences?lang=en")
    assert "In-app notifications" in settings.text and "Daily digest" in settings.text
    assert "每日汇总" not in settings.text
