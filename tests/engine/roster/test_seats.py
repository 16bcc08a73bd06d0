"""Membership changes (成员调整) are dated records: the unit's open tasks and future reminders
follow the new holder, the old holding is kept, the change is audited; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import DEMO_NOW
from sqlalchemy import select

from engine.core.audit import AuditEvent
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body, Person, SeatHolding
from engine.reminders import recipients
from engine.roster import seats
from engine.workflow import inbox

TODAY = DEMO_NOW.date()
LATE_UNIT = "scjgj"  # owes a receipt in the demo's held office meeting


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_db(request):
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_demo")


def qixing(session) -> int:
    return session.scalar(select(Body.id).where(Body.code == "qixing"))


def add_colleague(db, username: str) -> None:
    with UnitOfWork(db) as uow:
        accounts.create(uow.session, username, LATE_UNIT, [], body_id=qixing(uow.session), now=DEMO_NOW)
        uow.commit()


def change(db, wanted: dict, on_day: date = TODAY, note: str = "") -> None:
    with UnitOfWork(db) as uow:
        seats.change(uow.session, qixing(uow.session), LATE_UNIT, wanted, on_day, "office.director", DEMO_NOW, note)
        uow.commit()


def person(session, username: str) -> Person:
    return session.scalar(select(Person).where(Person.username == username))


def test_the_new_liaison_inherits_the_units_tasks_and_reminders_and_history_is_kept(demo_db):
    add_colleague(demo_db, "new.scjgj")
    change(demo_db, {"liaison": "new.scjgj"}, note="原联络员调岗")
    with demo_db.read_session() as session:
        owed = inbox.open_for_unit(session, qixing(session), LATE_UNIT)
        assert owed, "the demo's late unit still owes its receipt"
        assert {t.id for t in inbox.for_person(session, person(session, "new.scjgj"))} >= {t.id for t in owed}
        assert inbox.for_person(session, person(session, f"liaison.{LATE_UNIT}")) == []
        assert [p.username for p in recipients.owers(session, owed[0])] == ["new.scjgj"]
        history = seats.history(session, qixing(session), LATE_UNIT)
        liaison = [(h.person.username, h.from_day, h.until_day) for h in history if h.seat == "liaison"]
        assert liaison == [("new.scjgj", TODAY, None), (f"liaison.{LATE_UNIT}", TODAY, TODAY)]
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "seat_change")).one()
        assert event.before == {"liaison": [f"liaison.{LATE_UNIT}"]} and event.after == {"liaison": "new.scjgj"}
        assert "原联络员调岗" in event.summary


def test_a_change_dated_before_the_previous_one_is_refused_and_changes_nothing(demo_db):
    add_colleague(demo_db, "new.scjgj")
    with pytest.raises(InvalidData) as refused:
        change(demo_db, {"liaison": "new.scjgj"}, on_day=TODAY - timedelta(days=1))
    assert refused.value.errors["on_day"].code == "before_last_change"
    with pytest.raises(InvalidData) as refused:
        change(demo_db, {"liaison": "new.scjgj"}, on_day=TODAY + timedelta(days=1))
    assert refused.value.errors["on_day"].code == "in_future"
    with demo_db.read_session() as session:
        assert session.scalars(select(SeatHolding).where(SeatHolding.until_day.is_not(None))).all() == []
        assert "liaison" not in person(session, "new.scjgj").roles


def test_a_unit_with_open_tasks_is_never_left_without_a_liaison(db):
    with pytest.raises(InvalidData) as refused:
        change(db, {"liaison": None})
    assert refused.value.errors["liaison"].code == "last_liaison"


def test_liaison_and_backup_may_swap_but_not_be_one_person(db):
    add_colleague(db, "backup.scjgj")
    change(db, {"backup_liaison": "backup.scjgj"})
    change(db, {"liaison": "backup.scjgj", "backup_liaison": f"liaison.{LATE_UNIT}"})
    with db.read_session() as session:
        assert "liaison" in person(session, "backup.scjgj").roles
        assert person(session, f"liaison.{LATE_UNIT}").roles == {"backup_liaison"}
    with pytest.raises(InvalidData) as refused:
        change(db, {"backup_liaison": "backup.scjgj"})
    assert refused.value.errors["backup_liaison"].code == "same_person"


def test_a_seat_goes_only_to_an_active_person_of_the_unit(db):
    with pytest.raises(InvalidData) as refused:
        change(db, {"member": "liaison.wjj"})
    assert refused.value.errors["person"].code == "not_of_unit"
