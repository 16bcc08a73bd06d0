"""`python -m bench.passes [--postgresql URL]`: the scheduler pass, the supervision ledger
workbook and an action plan's schedule; figures in docs/PERFORMANCE.md.

The demo body is loaded once and given one catch-up pass at its NOW (what the first pass after
`init-db --demo` would do), then: 50 passes at NOW + 1..50 min, when nothing is due; the pass
at 2026-11-25 09:05, when reminders fall due, each sample on a fresh copy of that database;
the ledger workbook for the demo body and with 500 more items started by hand; and loading
plus scheduling plans/henan_2024_three_actions.yaml.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bench.run import NOW, WORKFLOWS, database, summary
from engine import background, demo, plans
from engine.core import schema
from engine.core.config import load_settings
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Unit
from engine.supervision import ledger, starting, workbook
from engine.supervision.models import SupervisedItem
from webui.common import display

DUE = datetime.fromisoformat("2026-11-25T09:05:00+08:00")  # Wednesday: reminders fall due
QUIET_PASSES = 50
DUE_PASSES = {"sqlite": 20, "postgresql": 3}  # PostgreSQL reloads the demo body for each
LEDGER_BUILDS = 20
ITEMS = 500
PLAN = Path(__file__).resolve().parent.parent / "plans" / "henan_2024_three_actions.yaml"
PLAN_RUNS = 200


def timed(call, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - started, result


@contextmanager
def settled_demo(scratch: str, postgresql: str | None):
    """The demo body after its catch-up pass, and its settings (in-app channels, no SMTP)."""
    with database(scratch, postgresql) as url:
        settings = load_settings({"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": scratch})
        db = Database(url)
        schema.upgrade(db)
        demo.load(db, WORKFLOWS, NOW)
        background.run_pass(db, settings, NOW)
        try:
            yield db, settings
        finally:
            db.dispose()


def bench_quiet(db: Database, settings, start: datetime) -> dict:
    samples, did = [], set()
    for k in range(1, QUIET_PASSES + 1):
        elapsed, done = timed(background.run_pass, db, settings, start + timedelta(minutes=k))
        samples.append(elapsed)
        did.update(line for line in done if " 0 " not in f" {line}")
    return summary(samples) | {"did": sorted(did)}


def bench_due(fresh) -> dict:
    """`fresh()` is a context manager giving a settled demo database and its settings."""
    samples = []
    for _ in range(DUE_PASSES[fresh.dialect]):
        with fresh() as (db, settings):
            background.run_pass(db, settings, NOW + timedelta(minutes=1))  # warm; nothing due
            elapsed, done = timed(background.run_pass, db, settings, DUE)
            samples.append(elapsed)
    return summary(samples) | {
        "did": [line for line in done if " 0 " not in f" {line}"],
    }


def bench_ledger(db: Database) -> dict:
    """What `lianxi ledger export` does: the rows, then the workbook; timed apart and together."""

    def once() -> tuple[float, float, int, int]:
        with db.read_session() as session:
            body = accounts.find(session, "office.staff").body
            rows_s, found = timed(ledger.rows, session, body.id, NOW)
            build_s, content = timed(workbook.build, body.name, found, NOW, display.ledger_names())
        return rows_s, build_s, len(found), len(content)

    once()
    samples = [once() for _ in range(LEDGER_BUILDS)]
    return summary([r + b for r, b, *_ in samples]) | {
        "rows_only": summary([r for r, *_ in samples]),
        "workbook_only": summary([b for _, b, *_ in samples]),
        "items": samples[-1][2],
        "xlsx_bytes": samples[-1][3],
    }


def add_items(db: Database, count: int) -> dict:
    """`count` items through the office's own service, one unit of work each, as the form does."""
    with db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        units = list(session.scalars(select(Unit.code).where(Unit.body_id == body_id, Unit.kind != "government")))
    samples = []
    for n in range(count):
        item = {
            "text": f"合成督办事项 {n}：督促落实安全生产隐患排查整改",
            "lead": units[n % len(units)],
            "cooperating": [units[(n + 1) % len(units)], units[(n + 7) % len(units)]],
            "due": (NOW.date() + timedelta(days=30 + n % 300)).isoformat(),
        }
        with UnitOfWork(db) as uow:
            office = accounts.find(uow.session, "office.staff")
            samples.append(timed(starting.start_by_hand, uow.session, office, "区领导批示", item, NOW)[0])
            uow.commit()
    return summary(samples)


def bench_plan() -> dict:
    loads = [timed(plans.load_plan, PLAN) for _ in range(PLAN_RUNS)]
    schedules = [timed(plans.schedule, plan) for _, plan in loads]
    return summary([a + b for (a, _), (b, _) in zip(loads, schedules, strict=True)]) | {
        "load_only": summary([a for a, _ in loads]),
        "schedule_only": summary([b for b, _ in schedules]),
        "deadlines": len(schedules[-1][1]),
    }


def main() -> None:
    postgresql = sys.argv[sys.argv.index("--postgresql") + 1] if "--postgresql" in sys.argv else None
    with tempfile.TemporaryDirectory() as scratch, settled_demo(f"{scratch}/main", postgresql) as (db, settings):
        results = {"database": db.engine.dialect.name}
        results["pass_nothing_due"] = bench_quiet(db, settings, NOW)
        results["pass_reminders_due"] = bench_due(fresh_copies(scratch, postgresql, db))
        results["ledger_demo"] = bench_ledger(db)
        results["start_item_by_hand"] = add_items(db, ITEMS)
        with db.read_session() as session:
            results["supervised_items"] = session.scalar(select(func.count()).select_from(SupervisedItem))
        results["ledger_500"] = bench_ledger(db)
        results["pass_nothing_due_500"] = bench_quiet(db, settings, NOW + timedelta(hours=2))
    results["plan_load_and_schedule"] = bench_plan()
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
    print()


def fresh_copies(scratch: str, postgresql: str | None, settled: Database):
    """Fresh settled demo databases: copies of the SQLite file, or new PostgreSQL schemas."""
    if postgresql is None:
        source = settled.engine.url.database
        settled.dispose()

        @contextmanager
        def fresh():
            shutil.copy(source, f"{scratch}/due.db")
            url = f"sqlite:///{scratch}/due.db"
            db = Database(url)
            try:
                yield db, load_settings({"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": scratch})
            finally:
                db.dispose()

        fresh.dialect = "sqlite"
        return fresh
    fresh = lambda: settled_demo(f"{scratch}/due", postgresql)  # noqa: E731
    fresh.dialect = "postgresql"
    return fresh


if __name__ == "__main__":
    main()
