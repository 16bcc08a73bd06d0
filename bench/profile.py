"""`python -m bench.profile`: where a completion's and a start's milliseconds go, for the table in
docs/PERFORMANCE.md ("Where a request's milliseconds go").

The demo body in a fresh SQLite file, the app called in-process with an API token (no HTTP, which
bench.run times). Under cProfile: the 200 receipts bench.run completes (10 office meetings × 20
units), then 100 office meetings started with `POST /api/v1/instances`. Each request's time is
split twice: by whose code ran (self time, summed by package: the parts add up to the whole), and
by the stages a request passes through (cumulative time of the function that is each stage).
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from datetime import timedelta

from bench.run import MEETINGS, NOW, TWENTY, WORKFLOWS, tokens
from engine import demo
from engine.core import schema
from engine.core.clock import FixedClock
from engine.core.config import load_settings
from engine.core.db import Database
from engine.demo import walkthrough
from webui import create_app

STARTS = 100
# Self time by whose code it is: the first fragment of the file's path that matches.
OWNERS = (
    ("SQLAlchemy", ("/sqlalchemy/",)),
    ("SQLite (the driver, in C)", ("sqlite3",)),
    ("SpiffWorkflow", ("/SpiffWorkflow/",)),
    ("Flask, Werkzeug, Jinja, extensions", ("/flask", "/werkzeug/", "/jinja2/", "/wtforms/", "/babel/")),
    ("JSON (state and columns)", ("/json/", "_json")),
    ("lianxi (engine, webui)", ("/engine/", "/webui/")),
)
# The stages of a request, by the function that is each (cumulative time; they may nest).
STAGES = (
    ("authentication (token → person, roles)", "webui/common/security.py", "_from_bearer"),
    ("the instance locked and its task re-read", "engine/workflow/tasks.py", "_locked_task"),
    ("workflow deserialized", "engine/workflow/spiff/runtime.py", "load"),
    ("the task run and the engine's steps", "engine/workflow/completion.py", "_run_task"),
    ("the process made and run to its first tasks", "engine/workflow/instances.py", "start"),
    ("workflow serialized", "engine/workflow/spiff/runtime.py", "dump"),
    ("inbox rows synced", "engine/workflow/inbox_sync.py", "sync"),
    ("commit (flush and the search index before it)", "sqlalchemy/orm/session.py", "commit"),
    ("answer shaped as JSON", "flask/json/provider.py", "response"),
)


def profiled(call, count: int) -> pstats.Stats:
    profile = cProfile.Profile(time.process_time)  # CPU time: on a shared machine, waiting is not ours
    profile.enable()
    for n in range(count):
        call(n)
    profile.disable()
    return pstats.Stats(profile)


def by_owner(stats: pstats.Stats, count: int) -> list[tuple[str, float]]:
    totals: dict[str, float] = {}
    for (path, _line, name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        where = f"{path} {name}"
        owner = next((o for o, parts in OWNERS if any(p in where for p in parts)), "Python itself, other libraries")
        totals[owner] = totals.get(owner, 0.0) + own
    return [(owner, ms / count * 1000) for owner, ms in sorted(totals.items(), key=lambda kv: -kv[1])]


def by_stage(stats: pstats.Stats, count: int) -> list[tuple[str, float]]:
    found = []
    for stage, path, name in STAGES:
        cumulative = sum(
            cum
            for (file, _line, func), (_cc, _nc, _own, cum, _callers) in stats.stats.items()
            if file.endswith(path) and func == name
        )
        found.append((stage, cumulative / count * 1000))
    return found


def report(title: str, stats: pstats.Stats, count: int) -> None:
    whole = stats.total_tt / count * 1000
    print(f"\n{title}: {whole:.2f} ms of CPU a request under the profiler (n = {count})")
    for owner, ms in by_owner(stats, count):
        print(f"  {owner:45} {ms:7.2f} ms  {ms / whole:5.1%}")
    print("  stages:")
    for stage, ms in by_stage(stats, count):
        if ms:  # a completion starts nothing, a start completes nothing
            print(f"  {stage:45} {ms:7.2f} ms  {ms / whole:5.1%}")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/profile.db"
        settings = load_settings({"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": scratch})
        db = Database(url)
        schema.upgrade(db)
        demo.load(db, WORKFLOWS, NOW)
        keys = tokens(db, [f"liaison.{u}" for u in TWENTY] + ["office.staff"])
        receipts = [
            (walkthrough.open_task(db, instance_id, "receive_minutes", unit).id, unit)
            for instance_id in [
                walkthrough.at_receipts(db, NOW, TWENTY, title=f"剖析会议 {n}") for n in range(MEETINGS)
            ]
            for unit in TWENTY
        ]
        client = create_app(settings, clock=FixedClock(NOW + timedelta(days=30))).test_client()

        def complete(n: int) -> None:
            task_id, unit = receipts[n]
            answer = client.post(
                f"/api/v1/tasks/{task_id}/complete",
                json={"acknowledged": True},
                headers={"Authorization": f"Bearer {keys[f'liaison.{unit}']}"},
            )
            assert answer.status_code == 200, answer.text

        def start(_n: int) -> None:
            answer = client.post(
                "/api/v1/instances",
                json={"process_id": "office_meeting"},
                headers={"Authorization": f"Bearer {keys['office.staff']}"},
            )
            assert answer.status_code == 201, answer.text

        report(
            "complete a receipt (POST /api/v1/tasks/<id>/complete)", profiled(complete, len(receipts)), len(receipts)
        )
        report("start an office meeting (POST /api/v1/instances)", profiled(start, STARTS), STARTS)
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
