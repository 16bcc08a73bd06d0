"""Planning a batch at a time: a pass killed between batches, a writer let in between them, a
policy change left to the next pass, and the indexes a pass reads by."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date, datetime

import pytest
from reports import START, TWENTY, start_report
from sqlalchemy import event, select
from sqlalchemy.engine import make_url

from engine.core.clock import SHANGHAI, iso
from engine.org.models import Body
from engine.reminders import batches, planning
from engine.reminders.models import OutboxMessage, Reminder
from engine.workflow import closing
from engine.workflow.models import HumanTask

CAUGHT_UP = datetime(2025, 12, 23, 10, 0, tzinfo=SHANGHAI)  # five reminders owed each unit


class Killed(Exception):
    pass


class KilledAfterABatch:
    """A scheduler's lease, renewed between batches, whose process dies at the first renewal."""

    def renew(self) -> bool:
        raise Killed


def sent(db) -> list[tuple]:  # noqa: ANN001
    with db.read_session() as session:
        rows = session.execute(
            select(Reminder.task_id, Reminder.kind, Reminder.planned_at, OutboxMessage.recipient, OutboxMessage.channel)
            .join(OutboxMessage.reminder)
            .join(Reminder.task)
            .where(HumanTask.name == "submit_report")
        )
        return sorted((task, kind, iso(at), to, channel) for task, kind, at, to, channel in rows)


@pytest.mark.parametrize("database", ["db", "pg_demo"])
def test_a_pass_killed_between_batches_loses_and_doubles_nothing(database, request, monkeypatch):
    db = request.getfixturevalue(database)
    start_report(db, START, TWENTY[:5])
    with db.read_session() as session:
        owed = sorted(
            (r["task_id"], r["kind"], r["planned_at"], r["recipient"], r["channel"])
            for r in planning.preview(session, CAUGHT_UP)
        )
    monkeypatch.setattr(batches, "BATCH", 2)
    with pytest.raises(Killed):
        planning.plan_due(db, CAUGHT_UP, KilledAfterABatch())
    assert 0 < len(sent(db)) < len(owed)  # the first batch, committed
    planning.plan_due(db, CAUGHT_UP)  # the next scheduler's pass
    assert planning.plan_due(db, CAUGHT_UP) == []
    assert sent(db) == owed  # each message once, as one uninterrupted pass would have


class AWriterMeanwhile:
    """Between batches another connection writes, with no patience for a held lock: it completes
    a task the pass has still to reach, as a person answering it would."""

    def __init__(self, path: str):
        self.path, self.completed = path, []

    def renew(self) -> bool:
        if not self.completed:
            other = sqlite3.connect(self.path, timeout=0.2, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # "database is locked" if the pass held it
                (task_id,) = other.execute(
                    "SELECT id FROM human_task WHERE status = 'open' AND name = 'submit_report'"
                    " AND id NOT IN (SELECT task_id FROM reminder) LIMIT 1"
                ).fetchone()
                other.execute("UPDATE human_task SET status = 'completed' WHERE id = ?", (task_id,))
                other.execute("COMMIT")
            finally:
                other.close()
            self.completed.append(task_id)
        return True


def test_a_writer_gets_the_database_between_batches(db, db_url, monkeypatch):
    start_report(db, START, TWENTY[:6])
    monkeypatch.setattr(batches, "BATCH", 2)
    writer = AWriterMeanwhile(make_url(db_url).database)
    planning.plan_due(db, CAUGHT_UP, writer)
    reminded = {task for task, *_ in sent(db)}
    assert writer.completed and writer.completed[0] not in reminded  # answered before its batch came
    with db.read_session() as session:
        still_open = session.scalars(
            select(HumanTask.id).where(HumanTask.status == "open", HumanTask.name == "submit_report")
        ).all()
    assert set(still_open) <= reminded


@contextmanager
def statements(db):  # noqa: ANN001
    seen = []

    def note(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def unit_reminders(db) -> list[tuple[str, date]]:  # noqa: ANN001
    with db.read_session() as session:
        rows = session.execute(
            select(Reminder.kind, Reminder.planned_at)
            .join(Reminder.task)
            .where(HumanTask.name == "submit_report", Reminder.unit == TWENTY[0])
        )
        return sorted((kind, at.date()) for kind, at in rows)


def test_a_policy_change_only_marks_the_open_tasks_for_the_next_pass(db):
    start_report(db, START, TWENTY[:3])
    planning.plan_due(db, datetime(2025, 12, 15, 9, 1, tzinfo=SHANGHAI))
    changed = datetime(2025, 12, 15, 9, 2, tzinfo=SHANGHAI)
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).reminder_policy = "before=8,5,3"
        session.flush()
        with statements(db) as seen:
            planning.replan(session, changed)
        session.commit()
    touching = [statement for statement, _ in seen if "human_task" in statement]
    assert len(touching) == 1 and touching[0].startswith("UPDATE")  # whatever the number of tasks
    with db.read_session() as session:
        looks = session.scalars(
            select(HumanTask.next_reminder_at).where(HumanTask.status == "open", HumanTask.due_at.is_not(None))
        )
        assert set(looks) == {changed}
    planning.plan_due(db, datetime(2025, 12, 17, 9, 1, tzinfo=SHANGHAI))
    # 10 December (8 working days before) had passed at the change: not back-filled
    assert unit_reminders(db) == [("before", date(2025, 12, 15)), ("before", date(2025, 12, 17))]


def plan_of(db, seen, wanted: str) -> str:  # noqa: ANN001
    statement, parameters = next((s, p) for s, p in seen if s.startswith("SELECT") and wanted in s)
    with db.engine.connect() as conn:
        return " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))


def test_a_pass_reads_due_tasks_and_closing_requests_by_index(db):
    start_report(db, START, TWENTY[:2])
    with statements(db) as seen:
        planning.plan_due(db, START)
        closing.close_overdue(db, START)
    due = plan_of(db, seen, "human_task.next_reminder_at <=")
    assert "USING INDEX ix_task_reminders" in due and "TEMP B-TREE" not in due  # in order, unsorted
    assert "USING INDEX ix_task_closes_at_due" in plan_of(db, seen, "human_task.close_values IS NOT NULL")


def test_a_pass_reads_a_bodys_people_once_whatever_the_units_it_reminds(db):
    start_report(db, START, TWENTY[:8])
    with statements(db) as seen:
        planning.plan_due(db, CAUGHT_UP)
    people_read = [s for s, _ in seen if s.startswith("SELECT") and "FROM person" in s]
    assert len({task for task, *_ in sent(db)}) == 8  # each unit's liaisons, the office and its leaders told
    assert len(people_read) == 2  # the body's people, then their roles: 48 when read for each unit and kind
