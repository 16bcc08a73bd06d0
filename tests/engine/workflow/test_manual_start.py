"""Which processes people may start: one lianxi starts itself, with data no person types (a
decided item, a plan's period), says `manual_start=no` and is refused by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engine.core.errors import Forbidden
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import deploy, instances
from engine.workflow.models import ProcessInstance

BY_HAND = {
    "office_meeting",
    "full_meeting",
    "special_meeting",
    "government_request",
    "joint_document",
    "joint_inspection",
    "information_request",
    "research",
}


@pytest.mark.parametrize(("username", "offered"), [("office.staff", BY_HAND), ("liaison.wjj", {"joint_document"})])
def test_only_the_meetings_and_documents_are_started_by_hand(db, username, offered):
    with db.read_session() as session:
        person = accounts.find(session, username)
        startable = {s.process_id for s in deploy.deployed(session) if instances.startable_by(s, person)}
    assert startable == offered


@pytest.mark.parametrize("process", ["item_supervision", "plan_indicator_report", "annual_summary"])
def test_starting_a_system_process_by_hand_is_refused_and_writes_nothing(db, clock, process):
    with db.write_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        before = session.scalar(select(func.count()).select_from(ProcessInstance))
        with pytest.raises(Forbidden, match="started by lianxi itself"):
            instances.start_by_hand(session, process, body, {"title": "t"}, "office.staff", clock.now())
        assert session.scalar(select(func.count()).select_from(ProcessInstance)) == before
