"""A leader's instruction inspected from the plan to the report, on SQLite and on PostgreSQL: the
office plans a team of three units, the director approves, the team records five findings, which
go under supervision with their responsible units and days and show in the ledger as 联合督查;
the team leader's report goes to the director and back up to the leader who gave the instruction."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from inspection_steps import FINDINGS, INSTRUCTED_BY, LEADER, TEAM, all_found, inspection_of, planned, read, reported
from inspection_steps import started as inspection_started
from request_steps import open_tasks
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.demo import walkthrough
from engine.inspections.models import Finding
from engine.org.models import Body
from engine.supervision import ledger
from engine.workflow.models import ProcessInstance


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_demo")


def ledger_rows(db, now: datetime) -> list[dict]:
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        return ledger.rows(session, body.id, now, ledger.Filters(source="inspection"))


def test_an_instruction_inspected_to_the_report_sent_back_up(database, clock):
    db, now = database, clock.now()
    instance_id = inspection_started(db, now)
    planned(db, instance_id, now)
    (approval,) = open_tasks(db, instance_id, "approve_plan")
    assert (approval.assignee_kind, approval.assignee) == ("role", "office_director")
    walkthrough.act(db, "office.director", instance_id, "approve_plan", {"plan_decision": "approve"}, now)
    inspection = inspection_of(db, instance_id)
    assert (inspection.status, inspection.team_units, inspection.team_leader) == ("inspecting", TEAM, LEADER)
    (writing,) = open_tasks(db, instance_id, "write_report")
    assert (writing.assignee_kind, writing.assignee, writing.due_at.date()) == ("person", LEADER, date(2026, 12, 9))

    inspecting = now + timedelta(days=3)
    all_found(db, instance_id, inspecting)
    rows = {row["text"]: row for row in ledger_rows(db, inspecting)}
    assert {(text, row["lead"], row["due_at"].date().isoformat()) for text, row in rows.items()} == {
        (f"{place}：{problem}", unit, fix_by) for place, problem, unit, fix_by, _ in FINDINGS
    }
    assert {row["source"] for row in rows.values()} == {inspection.title}
    with db.read_session() as session:
        linked = session.scalars(select(Finding.item_id).where(Finding.inspection_id == inspection.id)).all()
    assert sorted(linked) == sorted(row["id"] for row in rows.values())  # each finding names its item

    reporting = datetime(2026, 12, 7, 16, 0, tzinfo=SHANGHAI)
    reported(db, instance_id, reporting)
    (reading,) = open_tasks(db, instance_id, "read_report")
    assert (reading.assignee, reading.due_at.date()) == ("office_director", date(2026, 12, 10))
    read(db, instance_id, reporting)
    sending = {"sent_to": INSTRUCTED_BY, "sent_on": "2026-12-08", "sent_note": "以纸质件报送"}
    walkthrough.act(db, "office.staff", instance_id, "send_report", sending, reporting)
    done = inspection_of(db, instance_id)
    assert (done.status, done.reported_by, done.read_by) == ("closed", LEADER, "office.director")
    assert (done.sent_to, done.sent_on, done.sent_by) == (INSTRUCTED_BY, date(2026, 12, 8), "office.staff")
    with db.read_session() as session:
        assert session.get(ProcessInstance, instance_id).status == "completed"
