"""Each unit's duties (the joint-meeting rules §三): written by the body's administrator and
audited; refused, changing nothing, for anyone else and when too long."""

from __future__ import annotations

import pytest
from conftest import DEMO_NOW
from sqlalchemy import select

from engine.core.errors import Forbidden, InvalidData
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.demo.roster import DUTIES
from engine.org import accounts
from engine.org.models import Body
from engine.roster import duties

WRITTEN = "负责职业病防治的宣传教育。  \r\n将职业病防治知识纳入学校健康教育。\n"


def save(db, username: str, code: str, text: str) -> None:
    with UnitOfWork(db) as uow:
        duties.save(uow.session, accounts.find(uow.session, username), code, text, DEMO_NOW)
        uow.commit()


def of_body(db) -> dict[str, str]:
    with db.read_session() as session:
        return duties.of_body(session, session.scalar(select(Body.id).where(Body.code == "qixing")))


def test_the_administrator_writes_a_units_duties_on_record(db):
    save(db, "office.director", "jyj", WRITTEN)
    assert of_body(db)["jyj"] == "负责职业病防治的宣传教育。\n将职业病防治知识纳入学校健康教育。"
    with db.read_session() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "unit_duties_changed"))
    assert (event.actor, event.before, event.summary) == ("office.director", {"duties": ""}, "区教育局")


@pytest.mark.parametrize("username", ["office.staff", "convener", "liaison.wjj"])
def test_no_one_else_writes_them(db, username):
    with pytest.raises(Forbidden):
        save(db, username, "wjj", WRITTEN)
    assert of_body(db)["wjj"] == DUTIES["wjj"]


def test_a_text_too_long_is_refused_and_nothing_changes(db):
    with pytest.raises(InvalidData) as refused:
        save(db, "office.director", "wjj", "职" * (duties.DUTIES_MAX + 1))
    assert refused.value.errors["duties"].code == "too_long"
    assert of_body(db)["wjj"] == DUTIES["wjj"]
