"""The body's profile and its units, kept by the administrator on the roster pages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.org.models import Body, Person


def test_the_administrator_saves_the_body_profile(admin, post, read, audited):
    data = {
        "name": "七星区职业病防治工作联席会议",
        "level": "district",
        "government_name": "桂林市七星区人民政府",
        "convener_unit": "wjj",
        "office_unit": "rsj",
        "body_seal": "区卫生健康局",
        "office_seal": "区人社局办公室",
        "doc_prefix": "七星职防",
    }
    response = post(admin, "/roster/body", data)
    assert response.status_code == 302 and response.location == "/roster"
    read.rollback()
    body = read.scalar(select(Body).where(Body.code == "qixing"))
    assert (body.name, body.office_unit, body.office_seal, body.doc_prefix) == (
        data["name"], "rsj", "区人社局办公室", "七星职防",
    )  # fmt: skip
    assert body.government_name == "桂林市七星区人民政府"
    event = audited("body_profile")[-1]
    assert event.actor == "office.director" and event.after["office_unit"] == "rsj"
    page = admin.get("/roster").text
    assert "桂林市七星区人民政府" in page and "区人力资源和社会保障局" in page


def test_the_settings_page_offers_the_member_units_and_links_the_other_settings(admin):
    page = admin.get("/roster/body").text
    assert '<option value="wjj" selected>区卫生健康局</option>' in page
    assert 'value="sfj"' not in page  # a guest neither convenes nor hosts the office
    assert 'href="/admin/reminders"' in page and 'href="/admin/annual"' in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "此项必填。"),
        ({"level": "county"}, "level", "请从选项中选择。"),
        ({"office_unit": "sfj"}, "office_unit", "请从选项中选择。"),
        ({"doc_prefix": "号" * 41}, "doc_prefix", "不能超过 40 个字。"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_saved(admin, post, roster_state, change, field, message):
    data = {
        "name": "七星区联席会议",
        "level": "district",
        "government_name": "七星区人民政府",
        "body_seal": "区卫生健康局",
        "office_seal": "区卫生健康局办公室",
    } | change
    before = roster_state()
    response = post(admin, "/roster/body", data)
    assert response.status_code == 422
    assert message in response.text and f'id="e-{field}"' in response.text
    assert roster_state() == before


def test_the_units_table_names_who_holds_each_seat(admin):
    page = admin.get("/roster/units").text
    row = page[page.index("<code>mzj</code>") :]
    row = row[: row.index("</tr>")]
    assert "区民政局" in row and "成员单位" in row
    assert 'href="/roster/units/mzj/history"' in row and 'data-label="联络员"' in row


def test_the_administrator_adds_and_edits_a_unit(admin, post, unit_row, audited):
    data = {"code": "tyj", "name": "区文化广电和旅游体育局", "kind": "member", "phone": "0773-5812345", "email": ""}
    assert post(admin, "/roster/units", data).status_code == 302
    unit = unit_row("tyj")
    assert (unit.name, unit.kind, unit.phone) == ("区文化广电和旅游体育局", "member", "0773-5812345")
    assert audited("unit_added")[-1].summary == "区文化广电和旅游体育局"
    assert "区文化广电和旅游体育局" in admin.get("/roster/units").text

    edit = {"name": "区文化旅游局", "kind": "guest", "phone": "", "email": "wlj@qixing.gov.cn"}
    assert post(admin, "/roster/units/tyj", edit).status_code == 302
    unit = unit_row("tyj")
    assert (unit.name, unit.kind, unit.email) == ("区文化旅游局", "guest", "wlj@qixing.gov.cn")
    assert audited("unit_changed")[-1].before["name"] == "区文化广电和旅游体育局"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "Tyj"}, "代码须以小写字母开头"),
        ({"code": "mzj"}, "该名称已被使用。"),
        ({"email": "wlj@qixing"}, "请输入有效的电子邮箱"),
        ({"phone": "电话0773"}, "请输入有效的电话号码"),
        ({"kind": "former"}, "请从选项中选择。"),
    ],
)
def test_a_bad_unit_is_refused_and_nothing_saved(admin, post, roster_state, data, message):
    before = roster_state()
    response = post(admin, "/roster/units", {"code": "tyj", "name": "区文旅局", "kind": "member"} | data)
    assert response.status_code == 422 and message in response.text
    assert 'value="区文旅局"' in response.text  # what was typed is kept
    assert roster_state() == before


def test_a_bad_edit_is_refused(admin, post, roster_state):
    before = roster_state()
    response = post(admin, "/roster/units/mzj", {"name": "区民政局", "kind": "member", "email": "民政局"})
    assert response.status_code == 422 and "请输入有效的电子邮箱" in response.text
    assert roster_state() == before


def test_a_unit_with_nothing_open_retires(admin, post, unit_row, person_row, audited, clock):
    page = admin.get("/roster/units/mzj").text
    assert "data-confirm=" in page[page.index('action="/roster/units/mzj/retire"') - 300 :]
    response = post(admin, "/roster/units/mzj/retire", {"on_day": "2026-11-20", "handover_to": ""})
    assert response.status_code == 302
    unit = unit_row("mzj")
    assert unit.kind == "former" and unit.left_on.isoformat() == "2026-11-20"
    assert not person_row("liaison.mzj").active and not person_row("member.mzj").active
    assert audited("unit_retired")[-1].summary == "区民政局"
    units = admin.get("/roster/units").text
    former = units[units.index("已退出的单位") :]
    assert "区民政局" in former and "2026-11-20" in former


def test_a_unit_with_open_tasks_does_not_retire_and_they_are_named(admin, post, roster_state):
    before = roster_state()
    response = post(admin, "/roster/units/scjgj/retire", {"on_day": "2026-11-23", "handover_to": "wjj"})
    assert response.status_code == 422
    assert "在办事项未移交" in response.text and "区市场监督管理局还有在办事项：" in response.text
    assert roster_state() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on_day": "2026-12-01"}, "生效日期不能晚于今天。"),
        ({"on_day": "2026-13-01"}, "请输入有效日期"),
        ({"on_day": ""}, "此项必填。"),
        ({"on_day": "2026-11-20", "handover_to": "sfj"}, "没有这些单位：sfj。"),
    ],
)
def test_a_bad_retirement_is_refused(admin, post, roster_state, read, data, message):
    before = roster_state()
    response = post(admin, "/roster/units/mzj/retire", data)
    assert response.status_code == 422 and message in response.text
    assert roster_state() == before
    read.rollback()
    assert read.scalar(select(Person.active).where(Person.username == "liaison.mzj"))
