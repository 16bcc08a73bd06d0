"""From reports to a released bulletin (the joint-meeting rules §五(一), §六(六)): six units report,
the office accepts five and returns one, compiles an issue from the five, the office director
approves it, and it goes out as 第1期 to every member unit and up to the government. On SQLite and
on PostgreSQL, where the issue's number is taken under the sequence row's lock."""

from __future__ import annotations

import pytest
from information_steps import begun, bulletin_of, compiled, decided, filed, report_of, reviewed
from sqlalchemy import select

from engine.information import bulletins
from engine.information.models import BulletinItem
from engine.org.models import Body, Unit
from engine.workflow.models import HumanTask

UNITS = ["wjj", "rsj", "zgh", "yjj", "gxj", "scjgj"]


@pytest.mark.parametrize("database", ["db", "pg_demo"])
def test_six_reports_five_accepted_one_returned_make_issue_one_for_every_unit_and_the_government(
    request, clock, database
):
    db, now = request.getfixturevalue(database), clock.now()
    filed_ids = {unit: filed(db, unit, now, title=f"{unit}本月职业健康检查情况") for unit in UNITS}
    reviewed(db, filed_ids["scjgj"], "return", now, note="请补充检查企业数量")
    for unit in UNITS[:5]:
        reviewed(db, filed_ids[unit], "accept", now)
    assert report_of(db, filed_ids["scjgj"]).status == "returned"

    instance_id = begun(db, now)
    compiled(db, instance_id, [1, 2, 3, 4, 5], now)
    assert bulletin_of(db, instance_id).status == "approving"  # nothing goes out before the director says so
    decided(db, instance_id, now)

    with db.read_session() as session:
        bulletin = bulletin_of(db, instance_id)
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        expected = set(session.scalars(select(Unit.code).where(Unit.body_id == body.id, Unit.kind == "member")))
        government = body.government.code
        number = bulletins.number_of(session, bulletin)
        items = session.scalars(select(BulletinItem.report_id).where(BulletinItem.bulletin_id == bulletin.id))
        copies = {copy.unit for copy in bulletins.copies(session, bulletin)}
        receipts = session.scalars(
            select(HumanTask.assignee).where(HumanTask.instance_id == instance_id, HumanTask.name == "receive_bulletin")
        )
        assert (bulletin.status, bulletin.approved_by) == ("released", "office.director")
        assert (number.text, number.kind, number.year) == ("第1期", "bulletin", 2026)
        assert set(items) == {filed_ids[unit] for unit in UNITS[:5]}
        assert copies == set(receipts) == expected | {government}
