"""Units come and go: a unit that leaves keeps its history, and its open tasks are handed to
another member unit or the leaving is refused, naming them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import DEMO_NOW
from sqlalchemy import select

from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body, Person, SeatHolding, Unit
from engine.roster import units
from engine.workflow.models import HumanTask

TODAY = DEMO_NOW.date()


def retire(db, code: str, handover_to: str | None = None, on_day=TODAY) -> None:
    with UnitOfWork(db) as uow:
        units.retire(uow, accounts.find(uow.session, "office.director"), code, on_day, handover_to, DEMO_NOW)
        uow.commit()


def open_of(db, code: str) -> list[HumanTask]:
    with db.read_session() as session:
        query = select(HumanTask).where(HumanTask.status == "open", HumanTask.assignee_kind == "unit")
        return session.scalars(query.where(HumanTask.assignee == code)).all()


def test_a_unit_with_open_tasks_may_not_leave_until_someone_takes_them(db):
    owed = open_of(db, "scjgj")
    assert owed
    with pytest.raises(InvalidData) as refused:
        retire(db, "scjgj")
    assert refused.value.errors["code"].code == "open_tasks" and owed[0].title in refused.value.message
    assert [t.id for t in open_of(db, "scjgj")] == [t.id for t in owed]


def test_own_consent_is_never_handed_over_so_the_unit_stays(db):
    assert {t.name: t.proxy_allowed for t in open_of(db, "scjgj")} == {"receive_minutes": True, "cosign_minutes": False}
    with pytest.raises(InvalidData) as refused:
        retire(db, "scjgj", handover_to="wjj")
    assert "cosign" not in refused.value.message and len(open_of(db, "scjgj")) == 2


def test_handed_over_tasks_go_to_the_other_unit(db):
    moving = [t.id for t in open_of(db, "kjyq")]  # its plan task: the office may reassign it
    assert moving
    retire(db, "kjyq", handover_to="wjj")
    assert set(moving) <= {t.id for t in open_of(db, "wjj")} and open_of(db, "kjyq") == []


def test_a_unit_without_open_tasks_leaves_its_history_behind(db):
    assert open_of(db, "mzj") == []
    retire(db, "mzj")
    with db.read_session() as session:
        unit = session.scalar(select(Unit).where(Unit.code == "mzj"))
        assert (unit.kind, unit.left_on) == ("former", TODAY)
        held = session.scalars(select(SeatHolding).where(SeatHolding.unit_id == unit.id)).all()
        assert held and all(h.until_day == TODAY for h in held)
        assert not any(p.active for p in session.scalars(select(Person).where(Person.unit_id == unit.id)))


def test_a_future_day_or_an_unknown_handover_unit_is_refused(db):
    with pytest.raises(InvalidData) as refused:
        retire(db, "mzj", on_day=TODAY + timedelta(days=3))
    assert refused.value.errors["on_day"].code == "in_future"
    with pytest.raises(InvalidData) as refused:
        retire(db, "mzj", handover_to="nowhere")
    assert refused.value.errors["code"].code == "unknown_unit"


def test_a_unit_code_is_the_bodys_own(db):
    with UnitOfWork(db) as uow:
        body = Body(code="other", name="另一联席会议", level="city")
        uow.session.add(body)
        uow.session.flush()
        units.add(uow.session, body.id, {"code": "wjj", "name": "同名代码的单位"}, "site.admin", DEMO_NOW)
        qixing = uow.session.scalar(select(Body.id).where(Body.code == "qixing"))
        with pytest.raises(InvalidData) as refused:
            units.add(uow.session, qixing, {"code": "wjj", "name": "重复"}, "office.director", DEMO_NOW)
        assert refused.value.errors["code"].code == "taken"
