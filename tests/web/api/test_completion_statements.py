"""What a completion and a start over the API cost the database (docs/PERFORMANCE.md): a unit's
receipt of issued minutes, the task the benchmark completes, and an office meeting started. Counts,
not times: the machine's noise does not move them, and a statement added to every one shows here."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, text

RECEIPT = {"acknowledged": True}


@contextmanager
def watched(app):
    """The statements run meanwhile (BEGINs left out), and the commits."""
    engine = app.extensions["lianxi"].db.engine
    seen: dict[str, list] = {"statements": [], "commits": []}

    def statement(conn, cursor, sql, *_):  # noqa: ANN001
        if not sql.startswith("BEGIN"):
            seen["statements"].append(" ".join(sql.split()))

    def commit(conn):  # noqa: ANN001
        seen["commits"].append(conn)

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


def completed_receipt(api, find_task, app):
    """A liaison's receipt completed over the API, its token's first use already noted."""
    task = find_task("liaison.scjgj", "receive_minutes")
    liaison = api("liaison.scjgj")
    liaison.get("/api/v1/csrf-token")
    with watched(app) as seen:
        assert liaison.post(f"/api/v1/tasks/{task['id']}/complete", json=RECEIPT).status_code == 200
    return task, seen


def test_a_receipt_runs_only_the_statements_its_work_needs(app, api, find_task):
    """The token with its person and roles (1); under the write lock the person (1), the task and
    the person's unit (2), the instance locked with its spec (1), the task again (1: on PostgreSQL it
    may have changed before the lock), the open rows (1); the instance saved and the task closed
    and signed in one UPDATE (2); the copy's receipt (2), the audit event (1), drafts (1). Before,
    19: the task read outside the write transaction too, the spec lazily, the row updated twice,
    the token's roles and the person's in queries of their own."""
    _task, seen = completed_receipt(api, find_task, app)
    assert len(seen["statements"]) <= 13, "\n".join(seen["statements"])
    assert not [s for s in seen["statements"] if s.startswith("SELECT workflow_spec.")]
    assert len([s for s in seen["statements"] if s.startswith("UPDATE human_task")]) == 1


class TestOnPostgreSQL:
    @pytest.fixture
    def db_url(self, pg_demo_url) -> str:
        return pg_demo_url

    def test_a_receipt_is_one_transaction_and_one_commit(self, app, api, find_task, monkeypatch):
        """Everything the completion writes carries one transaction id, and nothing else commits:
        no pool ping either (a connection in use moments ago is not tested again)."""
        engine = app.extensions["lianxi"].db.engine
        pings = []
        monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: pings.append(connection) or True)
        task, seen = completed_receipt(api, find_task, app)
        assert len(seen["commits"]) == 1
        assert pings == []
        with engine.connect() as connection:
            writers = connection.execute(
                text(
                    "SELECT xmin::text FROM human_task WHERE id = :task"
                    " UNION SELECT xmin::text FROM process_instance WHERE id = :instance"
                    " UNION SELECT xmin::text FROM audit_event WHERE task_id = :task"
                ),
                {"task": task["id"], "instance": task["instance_id"]},
            ).all()
        assert len(writers) == 1


def test_a_start_reads_its_process_once(app, api):
    """The deployed version is read once, both to check it may be started by hand and to start it."""
    staff = api("office.staff")
    staff.get("/api/v1/csrf-token")
    with watched(app) as seen:
        assert staff.post("/api/v1/instances", json={"process_id": "office_meeting"}).status_code == 201
    assert len([s for s in seen["statements"] if s.startswith("SELECT workflow_spec.")]) == 1
