"""A body as data: created with its government, and its profile checked field by field before
anything is written (on PostgreSQL, where an over-long value would otherwise fail in the database)."""

from __future__ import annotations

import pytest
from conftest import DEMO_NOW
from sqlalchemy import select

from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.roster import bodies

CITY = {"code": "hubin", "name": "湖滨市职业病防治工作联席会议", "level": "city", "government_name": "湖滨市人民政府"}


def test_a_new_body_reports_to_its_government(pg_demo):
    with UnitOfWork(pg_demo) as uow:
        bodies.create(uow.session, {**CITY, "body_seal": "湖滨市卫生健康委员会"}, "site.admin", DEMO_NOW)
        uow.commit()
    with pg_demo.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "hubin"))
        assert (body.level, body.government_name, body.body_seal) == ("city", "湖滨市人民政府", "湖滨市卫生健康委员会")


def test_over_long_seals_and_prefixes_are_refused_by_field(pg_demo):
    values = {**CITY, "body_seal": "局" * 101, "office_seal": "办" * 101, "doc_prefix": "号" * 41, "level": "town"}
    with UnitOfWork(pg_demo) as uow, pytest.raises(InvalidData) as refused:
        bodies.create(uow.session, values, "site.admin", DEMO_NOW)
    codes = {k: e.code for k, e in refused.value.errors.items()}
    assert codes == {
        "body_seal": "too_long",
        "office_seal": "too_long",
        "doc_prefix": "too_long",
        "level": "not_a_choice",
    }
    with UnitOfWork(pg_demo) as uow, pytest.raises(InvalidData) as refused:
        qixing = uow.session.scalar(select(Body.id).where(Body.code == "qixing"))
        bodies.save_profile(
            uow.session,
            qixing,
            {**CITY, "body_seal": "局", "office_seal": "办", "convener_unit": "qzf"},
            "office.director",
            DEMO_NOW,
        )
    assert {k: e.code for k, e in refused.value.errors.items()} == {"convener_unit": "not_a_choice"}
    with pg_demo.read_session() as session:
        assert session.scalar(select(Body.id).where(Body.code == "hubin")) is None
