"""登录记录: the body's administrator sees its people's sign-in events, filtered by outcome and paged;
no one else of the body does, no other body's administrator sees them, and the events of no body
(user names nobody has) are the site administrator's alone."""

from __future__ import annotations

import pytest
from web_helpers import login

from engine.core import audit
from engine.core.uow import UnitOfWork
from engine.dashboard.paging import PER_PAGE
from engine.org import accounts

PAGE = "/admin/sign-ins"


def test_the_administrator_sees_the_bodys_sign_ins_and_failures(client, signed_in):
    assert login(client, "liaison.rsj", "a-wrong-guess", address="10.8.0.1").status_code == 401
    assert login(client, "liaison.rsj", address="10.8.0.2").status_code == 302
    admin = signed_in("office.director")
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert "登录记录" in page.text and "liaison.rsj" in page.text
    assert "10.8.0.1" in page.text and "密码不正确" in page.text and "10.8.0.2" in page.text

    failures = admin.get(f"{PAGE}?outcome=failure").text
    assert "10.8.0.1" in failures and "10.8.0.2" not in failures
    successes = admin.get(f"{PAGE}?outcome=success").text
    assert "10.8.0.2" in successes and "10.8.0.1" not in successes
    assert f'href="{PAGE}"' in admin.get("/admin/reminders").text  # a tab of the settings pages


@pytest.mark.parametrize("username", ["office.staff", "convener", "liaison.wjj", "site.admin"])
def test_no_one_else_of_the_body_sees_them(signed_in, username):
    client = signed_in(username)
    assert client.get(PAGE).status_code == 403


def test_another_bodys_administrator_sees_none_of_them(client, signed_in):
    assert login(client, "liaison.rsj", "a-wrong-guess", address="10.8.0.3").status_code == 401
    page = signed_in("gl.office.director").get(PAGE)
    assert page.status_code == 200
    assert "10.8.0.3" not in page.text and "liaison.rsj" not in page.text


def test_unknown_user_names_are_the_site_administrators_alone(client, signed_in):
    assert login(client, "no.such.person", "a-wrong-guess", address="10.8.0.4").status_code == 401
    assert "no.such.person" not in signed_in("office.director").get(PAGE).text
    site = signed_in("site.admin").get("/site/sign-ins")
    assert site.status_code == 200 and "no.such.person" in site.text and "没有这个用户名" in site.text
    assert "liaison.wjj" not in site.text  # a body's people are their body's
    assert signed_in("office.director").get("/site/sign-ins").status_code == 403


def test_the_list_is_paged(app, clock, signed_in):
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        person = accounts.find(uow.session, "liaison.rsj")
        for n in range(PER_PAGE + 5):
            after = {"address": f"10.9.{n // 250}.{n % 250}", "person_id": person.id}
            audit.record(uow.session, clock.now(), "liaison.rsj", "sign_in", body_id=person.body_id, after=after)
        uow.commit()
    admin = signed_in("office.director")
    first = admin.get(PAGE).text
    assert 'rel="next"' in first and f"{PAGE}?page=2" in first
    second = admin.get(f"{PAGE}?page=2").text
    assert "10.9.0.0" in second and "10.9.0.0<" not in first
