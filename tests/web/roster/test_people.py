"""The body's people on the roster pages: added with a temporary password shown once, edited,
given roles, locked, given a new password and deactivated; each refusal changes nothing."""

from __future__ import annotations

import re

import pytest

from engine.demo import DEMO_PASSWORD
from tests.conftest import csrf_token

NEW = {
    "username": "liaison2.mzj",
    "display_name": "王晓明",
    "unit": "mzj",
    "title": "区民政局办公室主任",
    "email": "wxm@qixing.gov.cn",
    "phone": "0773-5811111",
}


def shown_password(html: str) -> str:
    found = re.search(r'<p class="roster-password"><code>([^<]+)</code>', html)
    assert found, "no temporary password on the page"
    return found.group(1)


def log_in(app, username: str, password: str):
    client = app.test_client()
    token = csrf_token(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def test_the_list_shows_people_with_their_roles_and_status_and_filters_by_unit(admin):
    page = admin.get("/roster/people").text
    assert "office.director" in page and "liaison.mzj" in page
    assert "办公室主任" in page and "管理员" in page and "在职" in page
    mzj = admin.get("/roster/people?unit=mzj").text
    assert "liaison.mzj" in mzj and "member.mzj" in mzj and "office.director" not in mzj


def test_a_person_is_added_and_their_temporary_password_shown_once(app, admin, post, person_row, audited):
    response = post(admin, "/roster/people", NEW | {"roles": ["office_staff"]})
    assert response.status_code == 200
    password = shown_password(response.text)
    assert "只显示这一次" in response.text
    person = person_row("liaison2.mzj")
    assert (person.display_name, person.unit.code, person.email, person.roles) == (
        "王晓明", "mzj", "wxm@qixing.gov.cn", {"office_staff"},
    )  # fmt: skip
    assert audited("person_added")[-1].summary == "liaison2.mzj"
    assert password not in admin.get("/roster/people/liaison2.mzj").text
    assert log_in(app, "liaison2.mzj", password).status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "wxm@"}, "请输入有效的电子邮箱"),
        ({"phone": "call me"}, "请输入有效的电话号码"),
        ({"username": "2mzj"}, "用户名须以字母开头"),
        ({"username": "liaison.mzj"}, "该名称已被使用。"),
        ({"display_name": ""}, "此项必填。"),
        ({"unit": "nosuch"}, "请从选项中选择。"),
        ({"roles": ["site_admin"]}, "请从选项中选择。"),
    ],
)
def test_a_bad_person_is_refused_and_nothing_saved(admin, post, roster_state, change, message):
    before = roster_state()
    response = post(admin, "/roster/people", NEW | change)
    assert response.status_code == 422 and message in response.text
    assert "roster-password" not in response.text
    assert roster_state() == before


def test_a_profile_is_edited(admin, post, person_row, audited):
    data = {"display_name": "李民", "title": "区民政局副局长", "email": "lm@qixing.gov.cn", "phone": "13800000000"}
    assert post(admin, "/roster/people/liaison.mzj", data).status_code == 302
    person = person_row("liaison.mzj")
    assert (person.display_name, person.title, person.email, person.phone) == tuple(data.values())
    assert audited("person_changed")[-1].summary == "liaison.mzj"


def test_a_bad_profile_is_refused(admin, post, roster_state):
    before = roster_state()
    response = post(admin, "/roster/people/liaison.mzj", {"display_name": "李民", "phone": "电话"})
    assert response.status_code == 422 and "请输入有效的电话号码" in response.text
    assert roster_state() == before


def test_roles_are_given_and_seats_stay(admin, post, person_row, audited):
    assert post(admin, "/roster/people/liaison.mzj/roles", {"roles": ["office_deputy"]}).status_code == 302
    assert person_row("liaison.mzj").roles == {"office_deputy", "liaison"}
    assert audited("roles")[-1].after == {"roles": ["liaison", "office_deputy"]}
    page = admin.get("/roster/people/liaison.mzj").text
    assert 'value="office_deputy" checked' in page and 'value="liaison"' not in page


def test_the_only_convener_keeps_the_role(admin, post, roster_state):
    before = roster_state()
    response = post(admin, "/roster/people/convener/roles", {"roles": []})
    assert response.status_code == 422 and "本联席会议只有这一位召集人" in response.text
    assert roster_state() == before


def test_a_new_password_is_shown_once_and_the_old_one_stops(app, admin, post, audited):
    page = admin.get("/roster/people/liaison.mzj").text
    assert "data-confirm=" in page[page.index('action="/roster/people/liaison.mzj/password"') - 10 :][:400]
    response = post(admin, "/roster/people/liaison.mzj/password")
    assert response.status_code == 200
    password = shown_password(response.text)
    assert audited("password_reset")[-1].summary == "liaison.mzj"
    assert log_in(app, "liaison.mzj", password).status_code == 302


def test_a_locked_person_cannot_sign_in_until_unlocked(app, admin, post, person_row, audited):
    assert post(admin, "/roster/people/liaison.mzj/lock", {"locked": "1"}).status_code == 302
    assert person_row("liaison.mzj").locked and audited("locked")[-1].summary == "liaison.mzj"
    assert log_in(app, "liaison.mzj", DEMO_PASSWORD).status_code == 401
    assert "已锁定" in admin.get("/roster/people").text
    assert post(admin, "/roster/people/liaison.mzj/lock", {"locked": "0"}).status_code == 302
    assert not person_row("liaison.mzj").locked and audited("unlocked")
    assert log_in(app, "liaison.mzj", DEMO_PASSWORD).status_code == 302


def test_a_person_is_deactivated(admin, post, person_row, audited):
    page = admin.get("/roster/people/member.mzj").text
    assert "data-confirm=" in page[page.index('action="/roster/people/member.mzj/deactivate"') :][:400]
    assert post(admin, "/roster/people/member.mzj/deactivate").status_code == 302
    person = person_row("member.mzj")
    assert not person.active and "member" not in person.roles
    assert audited("deactivated")[-1].summary == "member.mzj"
    assert "已停用" in admin.get("/roster/people?unit=mzj").text


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("convener", "本联席会议只有这一位召集人"),
        ("liaison.scjgj", "该单位还有在办事项，不能没有联络员。"),
    ],
)
def test_who_cannot_leave_is_not_deactivated(admin, post, roster_state, username, message):
    before = roster_state()
    response = post(admin, f"/roster/people/{username}/deactivate", {"hand_over_to": ""})
    assert response.status_code == 422 and message in response.text
    assert roster_state() == before


def test_the_administrator_does_not_deactivate_themselves(admin, post, roster_state):
    assert 'action="/roster/people/office.director/deactivate"' not in admin.get("/roster/people/office.director").text
    before = roster_state()
    assert post(admin, "/roster/people/office.director/deactivate").status_code == 403
    assert roster_state() == before
