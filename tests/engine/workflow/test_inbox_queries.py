"""Reading the work, rows only: what a unit still owes, the open tasks per instance, the deployed
processes (latest or every version), and an instance's audit history."""

from __future__ import annotations

import shutil
from datetime import timedelta

from conftest import WORKFLOWS
from other_body import new_body
from sqlalchemy import select

from engine.core import audit
from engine.demo import walkthrough
from engine.org import queries as roster
from engine.workflow import deploy, inbox
from engine.workflow.models import HumanTask


def body_id(db, code: str) -> int:
    with db.read_session() as session:
        return roster.body_by_code(session, code).id


def test_a_units_open_tasks_most_urgent_first_undated_last(db):
    qixing = body_id(db, "qixing")
    with db.read_session() as session:
        owed = inbox.open_for_unit(session, qixing, "ybj")
        everything = session.scalars(select(HumanTask)).all()
        assert inbox.open_for_unit(session, qixing + 1, "ybj") == []  # the unit's code in no other body
    expected = {
        t.id
        for t in everything
        if (t.body_id, t.assignee_kind, t.assignee, t.status) == (qixing, "unit", "ybj", "open")
    }
    assert len(owed) >= 2 and {t.id for t in owed} == expected
    dated = [t.due_at for t in owed if t.due_at is not None]
    assert [t.due_at for t in owed[: len(dated)]] == sorted(dated)  # the earliest due first, undated last


def test_open_counts_per_instance_of_the_body(db, clock):
    lingui = new_body(db, clock.now())
    qixing = body_id(db, "qixing")
    with db.read_session() as session:
        counts = inbox.open_counts(session, qixing)
        theirs = inbox.open_counts(session, body_id(db, "lingui"))
        rows = session.scalars(select(HumanTask).where(HumanTask.status == "open", HumanTask.body_id == qixing)).all()
    expected: dict[int, int] = {}
    for task in rows:
        expected[task.instance_id] = expected.get(task.instance_id, 0) + 1
    assert counts == expected and lingui not in counts
    assert theirs == {lingui: 1}


def test_the_latest_version_of_each_process_or_every_version(db, clock, tmp_path):
    shutil.copytree(WORKFLOWS / "forms", tmp_path / "forms")
    changed = (WORKFLOWS / "office_meeting.bpmn").read_text(encoding="utf-8")
    changed = changed.replace('name="拟定会议方案"', 'name="拟定办公室会议方案"')
    (tmp_path / "office_meeting.bpmn").write_text(changed, encoding="utf-8")
    with db.write_session() as session:
        before = deploy.deployed(session)
        deploy.deploy(session, *deploy.read_bpmn_files([tmp_path / "office_meeting.bpmn"]), "tester", clock.now())
        session.commit()
        latest = deploy.deployed(session)
        every = deploy.deployed(session, all_versions=True)
    ids = [s.process_id for s in latest]
    assert ids == sorted(set(ids)) == [s.process_id for s in before]  # one each, by process id
    versions = {s.process_id: s.version for s in latest}
    assert versions["office_meeting"] == {s.process_id: s.version for s in before}["office_meeting"] + 1
    assert [s.version for s in every if s.process_id == "office_meeting"] == [1, 2]
    assert len(every) == len(latest) + 1


def test_an_instances_history_oldest_first_and_its_own(db, clock):
    first = walkthrough.start_meeting(db, clock.now(), "第一次办公室会议")
    second = walkthrough.start_meeting(db, clock.now() + timedelta(minutes=1), "第二次办公室会议")
    with db.read_session() as session:
        events = audit.of_instance(session, first)
        others = audit.of_instance(session, second)
    assert events and [e.id for e in events] == sorted(e.id for e in events)
    assert {e.instance_id for e in events} == {first} and events[0].action == "start"
    assert {e.instance_id for e in others} == {second}
