"""A body of twenty member units for the annual cycle's tests, and what their liaisons submit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.annual import office
from engine.annual import queries as views
from engine.annual.models import AnnualCycle
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.org import accounts
from engine.org.models import Body, Unit

BODY = "lianhe"
TWENTY = [f"u{n:02d}" for n in range(1, 21)]
OFFICE = "lh.office"
CONVENER = "lh.convener"


def new_body(db, now: datetime) -> None:
    """Twenty member units, each with a liaison `lh.<code>`, an office and a convener."""
    with UnitOfWork(db) as uow:
        body = Body(code=BODY, name="联合联席会议", level="district")
        uow.session.add(body)
        for order, code in enumerate(TWENTY):
            uow.session.add(Unit(body=body, code=code, name=f"第{order + 1}成员单位", sort_order=order, kind="member"))
        uow.session.flush()
        accounts.create(uow.session, OFFICE, "u01", ["office_staff"], display_name="办公室", now=now)
        accounts.create(uow.session, CONVENER, "u01", ["convener"], display_name="召集人", now=now)
        for code in TWENTY:
            accounts.create(uow.session, f"lh.{code}", code, ["liaison"], display_name=f"{code}联络员", now=now)
        uow.commit()


def submission(code: str, version: int = 1) -> dict:
    return {
        "summary": f"{code}本年度工作总结（第{version}稿）：开展职业病防治宣传和监督检查。",
        "plan": f"开展职业健康宣传周活动｜{code}科长｜4月\n组织用人单位专项检查｜{code}副科长｜2028-09",
        "topics": f"{code}建议议题：职业病防治联合执法\n{code}建议议题：尘肺病患者救治",
    }


def cycle_of(db, body: str, year: int) -> AnnualCycle | None:
    with db.read_session() as session:
        return session.scalar(
            select(AnnualCycle)
            .join(Body, Body.id == AnnualCycle.body_id)
            .where(Body.code == body, AnnualCycle.year == year)
        )


def submit(db, cycle: AnnualCycle, code: str, at: datetime, data: dict, username: str | None = None) -> None:
    task = walkthrough.open_task(db, cycle.instance_id, "submit_annual", code)
    walkthrough.complete(db, username or f"lh.{code}", task.id, data, at)


def review(db, cycle: AnnualCycle, code: str, values: dict, at: datetime, username: str = OFFICE) -> None:
    with UnitOfWork(db) as uow:
        office.review(
            uow, accounts.find(uow.session, username), uow.session.get(AnnualCycle, cycle.id), code, values, at
        )
        uow.commit()


def overview(db, cycle: AnnualCycle) -> dict[str, views.UnitRow]:
    with db.read_session() as session:
        return {row.code: row for row in views.overview(session, session.get(AnnualCycle, cycle.id))}
