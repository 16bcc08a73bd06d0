"""A unit's page shows how to reach it and who holds its seats since when; its own liaisons keep
its phone and e-mail current, and so may the office and the administrator."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts
from engine.org.models import Unit

COLLEAGUE = "zhang.scjgj"  # of the unit, but not its liaison


def _unit(read, code: str = "scjgj") -> Unit:
    read.rollback()
    return read.scalar(select(Unit).where(Unit.code == code, Unit.body.has(code="qixing")))


def test_the_page_shows_the_seats_since_when(signed_in):
    page = signed_in("liaison.scjgj").get("/units/scjgj").text
    seat_list = page[page.index('class="people seat-list"') :]
    assert seat_list.index("成员") < seat_list.index("联络员") < seat_list.index("备用联络员")
    assert "区市场监督管理局联络员" in seat_list and "自 2026-11-23 起" in seat_list
    assert "（空缺）" in seat_list  # no backup liaison
    assert "成员调整记录" not in page  # for the administrator


def test_the_administrator_is_linked_to_the_units_history(signed_in):
    page = signed_in("office.director").get("/units/scjgj").text
    assert 'href="/roster/units/scjgj/history">成员调整记录</a>' in page


def test_the_units_liaison_saves_its_contacts(signed_in, post, read):
    liaison = signed_in("liaison.scjgj")
    assert "修改联系方式" in liaison.get("/units/scjgj").text
    saved = post(liaison, "/units/scjgj/contacts", {"phone": "0773-5812345", "email": "scjgj@example.cn"})
    assert saved.status_code == 302
    unit = _unit(read)
    assert (unit.phone, unit.email) == ("0773-5812345", "scjgj@example.cn")
    page = liaison.get("/units/scjgj").text
    assert "联系方式已保存。" in page and "0773-5812345" in page and "scjgj@example.cn" in page


def test_the_office_saves_a_units_contacts(signed_in, post, read):
    assert post(signed_in("office.staff"), "/units/zgh/contacts", {"phone": "0773-1234567"}).status_code == 302
    assert _unit(read, "zgh").phone == "0773-1234567"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"phone": "call me", "email": ""}, "请输入有效的电话号码"),
        ({"phone": "", "email": "not-an-address"}, "请输入有效的电子邮箱"),
    ],
)
def test_wrong_contacts_are_refused_and_nothing_is_saved(signed_in, post, read, data, message):
    refused = post(signed_in("liaison.scjgj"), "/units/scjgj/contacts", data)
    assert refused.status_code == 422 and message in refused.text
    assert 'value="call me"' in refused.text or 'value="not-an-address"' in refused.text  # kept to correct
    unit = _unit(read)
    assert (unit.phone, unit.email) == ("", "")


@pytest.mark.parametrize("username", [COLLEAGUE, "convener"])
def test_others_who_see_the_unit_may_not_edit_its_contacts(app, clock, signed_in, post, read, username):
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        accounts.create(uow.session, COLLEAGUE, "scjgj", [], password=DEMO_PASSWORD, now=clock.now())
        uow.commit()
    client = signed_in(username)
    assert "修改联系方式" not in client.get("/units/scjgj").text
    assert post(client, "/units/scjgj/contacts", {"phone": "0773-1234567"}).status_code == 403
    assert _unit(read).phone == ""


def test_another_units_liaison_finds_nothing(signed_in, post, read):
    assert post(signed_in("liaison.wjj"), "/units/scjgj/contacts", {"phone": "0773-1234567"}).status_code == 404
    assert _unit(read).phone == ""
