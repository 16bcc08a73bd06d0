"""一键催办 twice: a unit nagged about a task within NAG_INTERVAL is skipped, the others owing
are still reminded."""

from __future__ import annotations

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.reminders import planning
from engine.reminders.nag import NAG_INTERVAL, nag, still_owing
from engine.workflow.models import ProcessInstance

HELD = "筹备联席会议全体会议"  # the demo meeting whose minutes four units still owe


def test_a_unit_nagged_lately_is_skipped_and_the_others_are_reminded(db, clock):
    now = clock.now()
    with UnitOfWork(db) as uow:
        held = uow.session.scalar(select(ProcessInstance.id).where(ProcessInstance.title == HELD))
        zgh = next(t for t in still_owing(uow.session, held, "receive_minutes") if t.assignee == "zgh")
        planning.record(uow.session, zgh, "manual", now - NAG_INTERVAL / 2, now - NAG_INTERVAL / 2, "office.deputy")
        nagged = nag(uow.session, accounts.find(uow.session, "office.staff"), held, "receive_minutes", now)
        assert [t.assignee for t in nagged.skipped] == ["zgh"]
        assert {r.unit for r in nagged.reminded} == {"scjgj", "sthjj", "wsjds"}
        again = nag(
            uow.session, accounts.find(uow.session, "office.staff"), held, "receive_minutes", now + NAG_INTERVAL
        )
        assert again.skipped == [] and len(again.reminded) == 4  # the interval has passed for all
