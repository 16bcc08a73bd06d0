"""催办记录: a task's and a unit's reminders newest first with their deliveries, how often each
task was reminded, and a person's own choice of channels."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.reminders import history, planning
from engine.reminders.recipients import channels_of, choose_channels
from engine.workflow import inbox
from engine.workflow.models import HumanTask

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def owed_by(session, unit: str) -> list[HumanTask]:
    return inbox.open_for_unit(session, accounts.find(session, "office.staff").body_id, unit)


def remind(session, task: HumanTask, hours: int, note: str = ""):
    at = NOW + timedelta(hours=hours)
    return planning.record(session, task, "manual", at, at, "office.staff", note)


def test_a_tasks_and_a_units_reminders_newest_first(db):
    with UnitOfWork(db) as uow:
        first, second = owed_by(uow.session, "ybj")[:2]
        before = history.counts_by_task(uow.session, [first.id, second.id])
        older = remind(uow.session, first, 1, "请尽快")
        newer = remind(uow.session, first, 2)
        other = remind(uow.session, second, 3)
        elsewhere = remind(uow.session, owed_by(uow.session, "wjj")[0], 4)
        uow.commit()
    with db.read_session() as session:
        of_task = history.of_task(session, first.id)
        of_unit = history.of_unit(session, first.body_id, "ybj")
        counts = history.counts_by_task(session, [first.id, second.id])
        assert len(history.of_unit(session, first.body_id, "ybj", limit=1)) == 1
    assert [r.id for r in of_task][:2] == [newer.id, older.id]
    assert of_task[1].note == "请尽快" and "liaison.ybj" in {m.recipient for m in of_task[1].messages}
    assert [r.id for r in of_unit][:3] == [other.id, newer.id, older.id]
    assert elsewhere.id not in {r.id for r in of_unit}
    assert counts[first.id] == before.get(first.id, 0) + 2 and counts[second.id] == before.get(second.id, 0) + 1


def test_counts_leave_out_tasks_never_reminded_and_ask_nothing_for_none(db):
    with db.read_session() as session:
        task_ids = list(session.scalars(select(HumanTask.id)))
        counts = history.counts_by_task(session, task_ids)
        assert history.counts_by_task(session, []) == {}
    assert all(n > 0 for n in counts.values()) and set(counts) <= set(task_ids)


def test_a_person_chooses_in_app_alone_or_with_email(db):
    with UnitOfWork(db) as uow:
        me = accounts.find(uow.session, "liaison.wjj")
        choose_channels(me, by_email=True, email="wjj@example.gov.cn", digest=True)
        assert (channels_of(me), me.email, me.digest) == (["in_app", "email"], "wjj@example.gov.cn", True)
        choose_channels(me, by_email=False, email="", digest=False)
        assert (me.channels, me.email, me.digest) == (["in_app"], None, False)
