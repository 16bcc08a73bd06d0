"""The administrator's working-day overrides (工作日历): entered over a range, replaced, removed,
each change audited, and the calendar reading them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from engine.core import workdays
from engine.core.clock import SHANGHAI
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
BY = {"actor": "office.director", "body_id": 1, "now": NOW}


def audited(db, action: str) -> list[AuditEvent]:
    with db.read_session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def test_a_range_is_entered_day_by_day_and_audited_once(db):
    with UnitOfWork(db) as uow:
        days = workdays.set_overrides(uow.session, date(2026, 10, 1), date(2026, 10, 3), False, "国庆节", **BY)
        uow.commit()
    assert days == [date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)]
    with db.read_session() as session:
        rows = workdays.overrides(session)
        calendar = workdays.work_calendar(session)
    assert [(r.day, r.working, r.note, r.entered_by) for r in rows] == [
        (day, False, "国庆节", "office.director") for day in days
    ]
    assert not calendar.is_working_day(date(2026, 10, 2))
    (event,) = audited(db, "calendar_set")
    assert (event.actor, event.body_id, event.summary) == ("office.director", 1, "2026-10-01")
    assert event.after == {
        "days": ["2026-10-01", "2026-10-02", "2026-10-03"],
        "day": "2026-10-01",
        "until": "2026-10-03",
        "working": "0",
        "note": "国庆节",
    }


def test_entering_a_day_again_replaces_its_entry(db):
    saturday = date(2026, 9, 26)
    with UnitOfWork(db) as uow:
        workdays.set_overrides(uow.session, saturday, None, False, "", **BY)
        workdays.set_overrides(uow.session, saturday, None, True, "调休上班", **BY)
        uow.commit()
    with db.read_session() as session:
        (row,) = workdays.overrides(session)
        assert workdays.work_calendar(session).is_working_day(saturday)
    assert (row.day, row.working, row.note) == (saturday, True, "调休上班")
    assert [e.after["until"] for e in audited(db, "calendar_set")] == ["", ""]


def test_overrides_come_in_date_order(db):
    with UnitOfWork(db) as uow:
        workdays.set_overrides(uow.session, date(2027, 2, 6), None, True, "", **BY)
        workdays.set_overrides(uow.session, date(2026, 12, 31), None, False, "", **BY)
        uow.commit()
    with db.read_session() as session:
        assert [r.day for r in workdays.overrides(session)] == [date(2026, 12, 31), date(2027, 2, 6)]


def test_removing_an_entry_audits_what_it_said_and_a_missing_one_is_refused(db):
    day = date(2026, 10, 8)
    with UnitOfWork(db) as uow:
        workdays.set_overrides(uow.session, day, None, False, "国庆节", **BY)
        uow.commit()
    with UnitOfWork(db) as uow:
        assert workdays.remove_override(uow.session, day, **BY)
        assert not workdays.remove_override(uow.session, day, **BY)  # gone already
        assert not workdays.remove_override(uow.session, date(2026, 10, 9), **BY)  # never entered
        uow.commit()
    with db.read_session() as session:
        assert workdays.overrides(session) == []
        assert workdays.work_calendar(session).is_working_day(day)  # the national calendar again
    (event,) = audited(db, "calendar_delete")
    assert (event.summary, event.after) == ("2026-10-08", {"working": False, "note": "国庆节"})
