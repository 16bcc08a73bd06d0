"""`lianxi remind --now ISO [--dry-run] [--json]` (CONTRACT.md)."""

from __future__ import annotations

import json
from datetime import datetime

from conftest import DEMO_NOW
from sqlalchemy import func, select

from engine.clock import SHANGHAI
from engine.models import Reminder

KEYS = {"task_id", "kind", "planned_at", "recipient", "unit", "channel"}
# The demo's held meeting issued its minutes ten days before DEMO_NOW; four units still owe
# their acknowledgement, due three days after issue, so they are overdue.
OWING = {"scjgj", "sthjj", "zgh", "wsjds"}


def reminders(app) -> int:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(func.count(Reminder.id)))


def test_dry_run_lists_what_would_go_out_and_records_nothing(app, run):
    result = run("remind", "--now", DEMO_NOW.isoformat(), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(row.keys() >= KEYS for row in rows)
    assert {row["unit"] for row in rows if row["kind"] != "escalation"} == OWING
    assert {row["kind"] for row in rows} <= {"before", "due", "overdue", "escalation"}
    assert reminders(app) == 0


def test_remind_records_once_and_lists_what_it_planned(app, run):
    first = json.loads(run("remind", "--now", DEMO_NOW.isoformat(), "--json").stdout)
    again = json.loads(run("remind", "--now", DEMO_NOW.isoformat(), "--json").stdout)
    assert first and again == []
    assert reminders(app) == len({(r["task_id"], r["kind"], r["planned_at"]) for r in first})


def test_an_instant_still_ahead_is_refused_unless_dry_run(run):
    ahead = datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI).isoformat()
    refused = run("remind", "--now", ahead)
    assert refused.exit_code == 2 and "--dry-run" in refused.output
    assert run("remind", "--now", ahead, "--dry-run").exit_code == 0


def test_a_table_without_json(run):
    result = run("remind", "--now", DEMO_NOW.isoformat(), "--dry-run")
    assert result.exit_code == 0
    assert "task_id" in result.output and "liaison.scjgj" in result.output


def test_a_malformed_instant(run):
    result = run("remind", "--now", "next tuesday", "--dry-run")
    assert result.exit_code == 2 and "ISO 8601" in result.output
