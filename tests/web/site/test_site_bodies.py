"""The site administrator's bodies: every body listed, a new one created, and its first unit and
administrator added on its page, so it is kept from then on without the command line."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.org import accounts
from engine.org.models import Body, Person, Unit

SITE_ADMIN = "site.admin"
NEW = {
    "code": "newcity",
    "name": "某市职业病防治工作联席会议",
    "level": "city",
    "government_name": "某市人民政府",
    "body_seal": "市卫生健康委员会",
    "office_seal": "市卫生健康委员会办公室",
    "doc_prefix": "某市职防联",
}


def _body(read, code: str = "newcity") -> Body | None:
    read.rollback()
    return read.scalar(select(Body).where(Body.code == code))


def test_every_body_is_listed_with_its_units_and_people(signed_in):
    page = signed_in(SITE_ADMIN).get("/site/bodies")
    assert page.status_code == 200
    row = page.text[page.text.index("七星区职业病防治工作局际联席会议") :]
    assert "区级" in row and "七星区人民政府" in row
    cells = re.findall(r'<td class="num">(\d+)</td>', row)
    assert cells[:2] == ["22", str(22 * 2 + 2 + 1 + 6)]  # member units; active people of the demo body
    assert 'href="/site/bodies/qixing"' in page.text


def test_the_site_administrator_creates_a_body(signed_in, post, read):
    admin = signed_in(SITE_ADMIN)
    created = post(admin, "/site/bodies", NEW)
    assert created.status_code == 302 and created.location == "/site/bodies/newcity"
    body = _body(read)
    assert (body.name, body.level, body.doc_prefix, body.government_name) == (
        NEW["name"],
        "city",
        "某市职防联",
        "某市人民政府",
    )
    page = admin.get("/site/bodies/newcity").text
    assert "请为其添加第一个成员单位和管理员" in page and "尚无管理员" in page and "请先添加成员单位" in page
    listed = admin.get("/site/bodies").text
    assert NEW["name"] in listed and "市级" in listed


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": "New City"}, "code", "代码须以小写字母开头"),
        ({"code": "qixing"}, "code", "该名称已被使用。"),
        ({"name": ""}, "name", "此项必填。"),
        ({"level": "county"}, "level", "请从选项中选择。"),
        ({"government_name": ""}, "government_name", "此项必填。"),
    ],
)
def test_a_wrong_body_is_refused_and_nothing_is_written(signed_in, post, read, change, field, message):
    refused = post(signed_in(SITE_ADMIN), "/site/bodies", {**NEW, **change})
    assert refused.status_code == 422 and message in refused.text
    assert _body(read) is None and read.scalar(select(Body).where(Body.name == NEW["name"])) is None


def test_a_new_body_gets_its_first_unit_and_administrator(signed_in, post, read):
    admin = signed_in(SITE_ADMIN)
    post(admin, "/site/bodies", NEW)
    unit = {"code": "wjw", "name": "市卫生健康委员会", "phone": "0773-2800000", "email": ""}
    assert post(admin, "/site/bodies/newcity/units", unit).status_code == 302
    refused = post(admin, "/site/bodies/newcity/units", {**unit, "name": "重复"})
    assert refused.status_code == 422 and "该名称已被使用。" in refused.text

    values = {"username": "city.director", "unit": "wjw", "display_name": "市办公室主任", "title": "副主任"}
    shown = post(admin, "/site/bodies/newcity/administrators", values)
    assert shown.status_code == 200 and "临时密码只显示这一次" in shown.text
    password = re.search(r'<code class="secret">([^<]+)</code>', shown.text).group(1)
    assert password not in admin.get("/site/bodies/newcity").text  # shown once
    assert "市办公室主任" in admin.get("/site/bodies/newcity").text

    read.rollback()
    person = read.scalar(select(Person).where(Person.username == "city.director"))
    assert person.roles == {"admin", "office_director"} and person.body.code == "newcity"
    assert person.unit == read.scalar(select(Unit).where(Unit.code == "wjw", Unit.body_id == person.body_id))
    assert accounts.password_matches(person, password)


def test_a_wrong_administrator_is_refused(signed_in, post, read):
    admin = signed_in(SITE_ADMIN)
    post(admin, "/site/bodies", NEW)
    post(admin, "/site/bodies/newcity/units", {"code": "wjw", "name": "市卫生健康委员会"})
    values = {"username": "office.director", "unit": "wjw", "display_name": "", "email": "nope"}
    refused = post(admin, "/site/bodies/newcity/administrators", values)
    assert refused.status_code == 422
    for message in ("该名称已被使用。", "此项必填。", "请输入有效的电子邮箱"):
        assert message in refused.text
    read.rollback()
    assert read.scalar(select(Person).where(Person.body_id == _body(read).id)) is None


def test_an_unknown_body_is_not_found(signed_in, post):
    admin = signed_in(SITE_ADMIN)
    assert admin.get("/site/bodies/nobody").status_code == 404
    assert post(admin, "/site/bodies/nobody/units", {"code": "x1", "name": "某单位"}).status_code == 404


@pytest.mark.parametrize("username", ["office.director", "office.staff", "liaison.wjj"])
def test_no_one_else_opens_the_site_area(signed_in, post, read, username):
    client = signed_in(username)
    assert client.get("/site/bodies").status_code == 403
    assert client.get("/site/bodies/qixing").status_code == 403
    assert post(client, "/site/bodies", NEW).status_code == 403
    assert post(client, "/site/bodies/qixing/units", {"code": "x1", "name": "某单位"}).status_code == 403
    values = {"username": "intruder", "unit": "wjj", "display_name": "某人"}
    assert post(client, "/site/bodies/qixing/administrators", values).status_code == 403
    assert "站点管理" not in client.get("/").text
    assert _body(read) is None and read.scalar(select(Person).where(Person.username == "intruder")) is None


def test_the_menu_links_the_site_area_for_the_site_administrator(signed_in):
    home = signed_in(SITE_ADMIN).get("/").text
    assert 'href="/site/bodies"' in home and "站点管理" in home and 'href="/site/calendar"' in home
