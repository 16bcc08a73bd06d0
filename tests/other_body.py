"""Another body beside the demo's two (the district's and the city's), with its own office and an
office meeting of its own waiting at the office's first step: what the 404 tests across bodies need."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD, walkthrough
from engine.org import accounts
from engine.org.models import Body, Unit

BODY = "lingui"
OFFICE = "lg.office"  # office staff, like Qixing's office.staff: the office lane is theirs
MEETING = "临桂区联席会议办公室会议"
QIXING_MEETING = "七星区联席会议办公室会议"


def new_body(db, now: datetime) -> int:
    """The body, its two units, its office person (demo password) and its meeting's instance id."""
    with UnitOfWork(db) as uow:
        body = Body(code=BODY, name="临桂区职业病防治工作局际联席会议", level="district")
        uow.session.add(body)
        for order, code in enumerate(("lg01", "lg02")):
            uow.session.add(Unit(body=body, code=code, name=f"临桂区第{order + 1}成员单位", sort_order=order))
        uow.session.flush()
        accounts.create(uow.session, OFFICE, "lg01", ["office_staff"], password=DEMO_PASSWORD, now=now)
        uow.commit()
    return walkthrough.start_meeting(db, now, MEETING, body=BODY)


@pytest.fixture
def lingui(app, clock) -> int:
    """The other body's meeting, its first step open in that body's office lane."""
    return new_body(app.extensions["lianxi"].db, clock.now())


@pytest.fixture
def qixing(app, clock) -> int:
    """A Qixing meeting at the same step: the office lane, which the other office would fit."""
    return walkthrough.start_meeting(app.extensions["lianxi"].db, clock.now(), QIXING_MEETING)
