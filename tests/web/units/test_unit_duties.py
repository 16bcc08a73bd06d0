"""A unit's duties (the joint-meeting rules §三) on its page: written by the body's administrator,
refused for everyone else (403), and offered where the office picks a supervised item's lead unit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.demo.roster import DUTIES
from engine.org.models import Unit

WRITTEN = "负责职业病防治知识的宣传教育，将其纳入学校健康教育。"


def duties_of(read, code: str) -> str:
    read.rollback()
    return read.scalar(select(Unit.duties).where(Unit.code == code, Unit.body.has(code="qixing")))


def test_the_administrator_writes_them_and_the_unit_page_shows_them(signed_in, post, read):
    administrator = signed_in("office.director")
    assert "修改单位职责" in administrator.get("/units/jyj").text
    assert post(administrator, "/units/jyj/duties", {"duties": WRITTEN}).status_code == 302
    assert duties_of(read, "jyj") == WRITTEN
    page = signed_in("liaison.jyj").get("/units/jyj").text
    assert WRITTEN in page and "修改单位职责" not in page


@pytest.mark.parametrize("username", ["office.staff", "liaison.wjj"])
def test_anyone_else_is_refused(signed_in, post, read, username):
    assert post(signed_in(username), "/units/wjj/duties", {"duties": WRITTEN}).status_code == 403
    assert duties_of(read, "wjj") == DUTIES["wjj"]


def test_too_long_is_refused_with_the_text_kept(signed_in, post, read):
    refused = post(signed_in("office.director"), "/units/wjj/duties", {"duties": "职" * 2001})
    assert refused.status_code == 422 and "不能超过 2000 个字。" in refused.text and "职" * 2001 in refused.text
    assert duties_of(read, "wjj") == DUTIES["wjj"]


def test_the_office_picking_a_lead_unit_sees_each_units_duties(signed_in):
    page = signed_in("office.staff").get("/supervision/new").text
    assert f'title="{DUTIES["rsj"]}">区人力资源和社会保障局</option>' in page
    assert "各单位职责（供确定牵头单位参考）" in page and "<dt>区人力资源和社会保障局</dt>" in page
    assert "<dt>区教育局</dt>" not in page  # none written
