"""Upgrading a database that holds work: what the migrations cannot derive is derived after
them (engine.upgrading), and receipts recorded under an old rule are put right (0015)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, update

from engine import upgrading
from engine.core import schema
from engine.core.db import Database
from engine.meetings.models import Distribution, Meeting
from engine.meetings.queries import RECEIPT_RECORD
from engine.search.models import SearchEntry
from engine.workflow import deploy
from engine.workflow.models import HumanTask
from tests.conftest import WORKFLOWS


def entries(db) -> set[tuple[str, str, str]]:
    with db.read_session() as session:
        return set(session.execute(select(SearchEntry.kind, SearchEntry.record_id, SearchEntry.terms)).all())


def test_a_database_from_before_the_search_index_has_its_index_written(db):
    indexed = entries(db)
    assert {kind for kind, _, _ in indexed} >= {"task", "meeting", "item", "plan"}
    schema.downgrade(db, "0012")  # the demo's records, without the index
    upgrading.upgrade(db)
    assert entries(db) == indexed


def test_an_up_to_date_database_is_not_reindexed(db):
    with db.write_session() as session:
        session.execute(update(SearchEntry).values(terms="stale"))
        session.commit()
    upgrading.upgrade(db)
    assert {terms for _, _, terms in entries(db)} == {"stale"}


def copies_signed_in_an_open_task(db) -> list[int]:
    with db.read_session() as session:
        query = (
            select(Distribution.id)
            .join(Meeting, Meeting.id == Distribution.meeting_id)
            .join(HumanTask, HumanTask.instance_id == Meeting.instance_id)
            .where(
                HumanTask.record == RECEIPT_RECORD,
                HumanTask.status == "open",
                HumanTask.assignee == Distribution.unit,
            )
        )
        return sorted(set(session.scalars(query)))


def copies_opened_under_the_old_receipt_rule_wait_for_their_task_again(db):
    waiting = copies_signed_in_an_open_task(db)
    assert waiting, "the demo has office-meeting minutes whose receipt tasks are open"
    with db.write_session() as session:
        other = session.scalar(select(func.max(Distribution.id)).where(Distribution.id.not_in(waiting)))
        # As the old rule recorded them: opened, hence received, while the task stayed open.
        opened = {"opened_at": datetime(2026, 1, 5, 1, tzinfo=UTC), "opened_by": "x"}
        session.execute(update(Distribution).where(Distribution.id.in_([*waiting, other])).values(**opened))
        session.commit()
    schema.downgrade(db, "0014")
    upgrading.upgrade(db)
    with db.read_session() as session:
        opened = dict(session.execute(select(Distribution.id, Distribution.opened_by)).all())
    assert [opened[i] for i in waiting] == [None] * len(waiting)
    assert opened[other] == "x"  # a copy received by being opened stays received


def test_copies_opened_under_the_old_receipt_rule_wait_for_their_task_again_on_sqlite(db):
    copies_opened_under_the_old_receipt_rule_wait_for_their_task_again(db)


def test_copies_opened_under_the_old_receipt_rule_wait_for_their_task_again_on_postgresql(pg_demo):
    copies_opened_under_the_old_receipt_rule_wait_for_their_task_again(pg_demo)


def test_init_db_deploys_the_workflows_a_database_never_had_and_leaves_the_rest(tmp_path, clock):
    """An installation upgraded to a release with new procedures can start them at once; one it
    has keeps its versions, which its office may have changed (an edited copy is not replaced)."""
    db = Database(f"sqlite:///{tmp_path / 'upgraded.db'}")
    schema.upgrade(db)
    edited = {"office_meeting.bpmn": (WORKFLOWS / "office_meeting.bpmn").read_text().replace("办公室会议", "办公会", 1)}
    _, forms = deploy.read_bpmn_files([WORKFLOWS / "office_meeting.bpmn"])
    with db.write_session() as session:
        deploy.deploy(session, edited, forms, "office", clock.now())
        session.commit()
    added = upgrading.deploy_new_workflows(db, WORKFLOWS, clock.now())
    shipped = {path.stem for path in WORKFLOWS.glob("*.bpmn")}
    assert "joint_document" in added and set(added) == shipped - {"office_meeting"}
    with db.read_session() as session:
        versions = [(s.process_id, s.version, s.deployed_by) for s in deploy.deployed(session, all_versions=True)]
    assert ("office_meeting", 1, "office") in versions and ("office_meeting", 2, "upgrade") not in versions
    assert upgrading.deploy_new_workflows(db, WORKFLOWS, clock.now()) == []  # a second run deploys nothing
    db.dispose()
