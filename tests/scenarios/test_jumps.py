"""The long scenarios jump from one due instant to the next (tests/scenario_time.py); here each
is run both ways, jumping and passing at every instant, over two copies of the demo, and the two
databases must come out the same, row for row. That holds the engine's `next_due` to its word:
no pass it lets a scenario skip would have done anything."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import timedelta
from functools import partial

import pytest
from annual_setup import new_body
from plan_run_helpers import passes
from reports import START, TWENTY, start_report
from scenario_time import Grid, every_instant
from sqlalchemy import literal_column, select

from engine import tables
from engine.core.db import Database
from engine.demo import walkthrough
from tests.engine.annual import test_annual_cycle as annual
from tests.engine.plan_runs import test_plan_run as plan_run
from tests.scenarios import test_december as december

pytestmark = pytest.mark.slow  # each scenario twice, once passing at every instant

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SALTED = {"password_hash"}  # argon2 salts each hash afresh
# SpiffWorkflow's own note of when a task changed, read from the wall clock, not the simulated one
WALL_CLOCK = re.compile(r'"last_state_change": [0-9.e+-]+')


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, in the order written, with the random ids SpiffWorkflow gives
    tasks renamed by their first appearance and its wall-clock notes left out: the same story
    gives the same snapshot."""
    names: dict[str, str] = {}

    def same(value: object) -> object:
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        if isinstance(value, str):
            value = WALL_CLOCK.sub('"last_state_change": "…"', value)
            return UUID.sub(lambda found: names.setdefault(found.group(), f"<id {len(names)}>"), value)
        return value

    found = {}
    with db.engine.connect() as connection:
        for table in tables.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in SALTED]
            rows = connection.execute(select(*columns).order_by(literal_column("rowid")))  # SQLite's
            found[table.name] = [tuple(same(v) for v in row) for row in rows]
    return found


@pytest.fixture
def twin(tmp_path, demo_template) -> Iterator[Database]:
    """A second copy of the demo, beside the `db` fixture's."""
    shutil.copy(demo_template, tmp_path / "twin.db")
    other = Database(f"sqlite:///{tmp_path / 'twin.db'}")
    yield other
    other.dispose()


def assert_same(jumped: Database, stepped: Database) -> None:
    one, other = snapshot(jumped), snapshot(stepped)
    assert [name for name in one if one[name] != other[name]] == []


def test_december_by_the_hour_and_by_jumps(db, twin):
    december.run_december(db, start_report(db, START, TWENTY))
    every_hour = list(every_instant(december.HOURLY, december.LAST_HOUR))
    december.run_december(twin, start_report(twin, START, TWENTY), every_hour)
    assert_same(db, twin)


def test_the_annual_year_twice_a_day_and_by_jumps(db, twin):
    for each in (db, twin):
        new_body(each, annual.at(2026, 10, 30))
    annual.run_year(db, 2026)
    half_days = Grid(annual.at(2026, 11, 1, 9), timedelta(hours=12))
    annual.run_year(twin, 2026, list(every_instant(half_days, annual.at(2027, 1, 10, 9))))
    assert_same(db, twin)


def test_the_plan_run_every_morning_and_by_jumps(db, twin, settings, monkeypatch):
    plan_run.a_plan_runs_from_start_to_end(db, settings)
    monkeypatch.setattr(plan_run, "passes", partial(passes, jump=False))  # the scenario's helper, not the engine
    plan_run.a_plan_runs_from_start_to_end(twin, settings)
    assert_same(db, twin)


def test_a_snapshot_tells_two_stories_apart(db, twin):
    """The comparison is not blind: one unit more acknowledging is a difference."""
    instance, _ = (walkthrough.at_receipts(each, START, ["jyj", "mzj"]) for each in (db, twin))
    assert snapshot(db) == snapshot(twin)
    task = walkthrough.open_task(db, instance, "receive_minutes", "jyj")
    walkthrough.complete(db, "liaison.jyj", task.id, {"acknowledged": True, "note": ""}, START + timedelta(days=1))
    assert snapshot(db) != snapshot(twin)
