"""`lianxi remind --now ISO [--dry-run] [--json]` (docs/INTERFACE.md)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select

from engine.core.clock import SHANGHAI
from engine.reminders.models import Reminder

KEYS = {"task_id", "kind", "planned_at", "recipient", "unit", "channel"}
# The demo's held meeting issued its minutes a week before DEMO_NOW; four units still owe their
# acknowledgement, overdue since 19 November. Loading the demo planned the reminders up to
# DEMO_NOW; the next overdue round falls on Wednesday 25 November at 09:00.
# The demo's supervised items (engine/demo/supervision.py) add those owing since 16 November:
# yjj its report on its overdue item, ybj and czj their parts in it (and ybj its own report).
OWING = {"scjgj", "sthjj", "zgh", "wsjds"} | {"yjj", "ybj", "czj"}
NEXT_ROUND = datetime(2026, 11, 25, 9, 5, tzinfo=SHANGHAI)


def reminders(app) -> int:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(func.count(Reminder.id)))


def test_dry_run_lists_what_would_go_out_and_records_nothing(app, run):
    before = reminders(app)
    result = run("remind", "--now", NEXT_ROUND.isoformat(), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(row.keys() >= KEYS for row in rows)
    assert {row["unit"] for row in rows if row["kind"] == "overdue"} == OWING
    # and the director's decision, due 26 November, is reminded on the 2nd working day before, as
    # is the demo city's director's
    directors = {("before", "office.director"), ("before", "gl.office.director")}
    assert {(row["kind"], row["recipient"]) for row in rows if row["unit"] is None} == directors
    assert reminders(app) == before


def test_remind_records_once_and_lists_what_it_planned(app, run, clock):
    clock.set(NEXT_ROUND)
    before = reminders(app)
    first = json.loads(run("remind", "--now", NEXT_ROUND.isoformat(), "--json").stdout)
    again = json.loads(run("remind", "--now", NEXT_ROUND.isoformat(), "--json").stdout)
    assert {row["unit"] for row in first if row["kind"] == "overdue"} == OWING and again == []
    assert reminders(app) == before + len({(r["task_id"], r["kind"], r["planned_at"]) for r in first})


def test_an_instant_still_ahead_is_refused_unless_dry_run(run):
    ahead = datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI).isoformat()
    refused = run("remind", "--now", ahead)
    assert refused.exit_code == 2 and "--dry-run" in refused.output
    assert run("remind", "--now", ahead, "--dry-run").exit_code == 0


def test_a_table_without_json(run):
    result = run("remind", "--now", NEXT_ROUND.isoformat(), "--dry-run")
    assert result.exit_code == 0
    assert "task_id" in result.output and "liaison.scjgj" in result.output


def test_a_malformed_instant(run):
    result = run("remind", "--now", "next tuesday", "--dry-run")
    assert result.exit_code == 2 and "ISO 8601" in result.output
