"""`make bench`: the figures recorded in docs/PERFORMANCE.md.

Real HTTP on loopback through waitress (the production server), the demo body, and a real
SQLite file (or, with `--postgresql URL`, a throwaway schema on that server). Prints median,
p95 and maximum of: completing one task over HTTP; starting an office meeting over HTTP;
reading the inbox with 1,000 and 100,000 open tasks in the database; and the same task step in
raw SpiffWorkflow in memory.
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import func, select, text
from waitress.server import create_server

from bench.synthetic import fill_inbox_table
from engine import demo
from engine.core import schema
from engine.core.clock import FixedClock
from engine.core.config import load_settings
from engine.core.db import Database
from engine.demo import walkthrough
from engine.demo.roster import UNITS
from engine.org import accounts, signin
from engine.workflow.models import HumanTask
from engine.workflow.spiff import runtime
from engine.workflow.spiff.parsing import parse_sources
from engine.workflow.spiff.timeshift import engine_time
from webui import create_app
from webui.cli.background import set_startup_aside

NOW = datetime.fromisoformat("2026-11-23T10:00:00+08:00")
WORKFLOWS = Path(__file__).resolve().parent.parent / "workflows"
TWENTY = [code for code, *_ in UNITS[:20]]
MEETINGS = 10  # × 20 receipts = 200 completions
INBOX_READS = 300
STARTS = 100


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


class Server:
    def __init__(self, app):
        self.server = create_server(app, host="127.0.0.1", port=0, threads=4)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.close()

    def timed(self, method: str, path: str, token: str, body: dict | None = None) -> float:
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        payload = json.dumps(body) if body is not None else None
        connection.connect()
        started = time.perf_counter()
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        connection.close()
        if response.status not in (200, 201):
            raise RuntimeError(f"{method} {path} → {response.status}")
        return elapsed


def tokens(db: Database, usernames: list[str]) -> dict[str, str]:
    with db.write_session() as session:
        issued = {u: signin.issue_api_token(session, accounts.find(session, u), NOW) for u in usernames}
        session.commit()
    return issued


def bench_completion(db: Database, server: Server, keys: dict[str, str]) -> dict:
    samples = []
    for n in range(MEETINGS):
        instance_id = walkthrough.at_receipts(db, NOW, TWENTY, title=f"基准会议 {n}")
        for unit in TWENTY:
            task = walkthrough.open_task(db, instance_id, "receive_minutes", unit)
            samples.append(
                server.timed(
                    "POST",
                    f"/api/v1/tasks/{task.id}/complete",
                    keys[f"liaison.{unit}"],
                    {"acknowledged": True},
                )
            )
    return summary(samples)


def bench_start(server: Server, key: str) -> dict:
    """An office meeting started over HTTP as the office: its process made and run to its first tasks."""
    meeting = {"process_id": "office_meeting"}
    return summary([server.timed("POST", "/api/v1/instances", key, meeting) for _ in range(STARTS)])


def bench_inbox(db: Database, server: Server, key: str, total: int) -> dict:
    fill_inbox_table(db, total, NOW)
    for _ in range(20):  # warm the connection pool and caches
        server.timed("GET", "/api/v1/tasks?status=open", key)
    result = summary([server.timed("GET", "/api/v1/tasks?status=open", key) for _ in range(INBOX_READS)])
    with db.read_session() as session:
        result["open_tasks_in_db"] = session.scalar(select(func.count()).where(HumanTask.status == "open"))
    return result


def bench_raw_spiff() -> dict:
    """The same step without HTTP, database or serialization: one receipt, then the engine."""
    parsed = parse_sources({"office_meeting.bpmn": (WORKFLOWS / "office_meeting.bpmn").read_text()})["office_meeting"]
    samples = []
    with engine_time(NOW + timedelta(days=30)):
        for _ in range(MEETINGS):
            workflow = _raw_meeting_at_receipts(parsed)
            for task in workflow.get_tasks(state=TaskState.READY, manual=True):
                started = time.perf_counter()
                task.data["receipt"] = {"acknowledged": True}
                task.run()
                workflow.do_engine_steps()
                samples.append(time.perf_counter() - started)
    return summary(samples)


def _raw_meeting_at_receipts(parsed):
    units = {code: {"code": code, "name": code} for code in TWENTY}
    workflow = runtime.new_workflow(parsed, {})
    answers = {
        "propose_meeting": {**walkthrough.proposal(TWENTY, NOW), "attending_units": units},
        "decide_meeting": {"decision": "approve", "chair": "office.director"},
        "record_minutes": {**walkthrough.minutes(TWENTY, NOW), "attended_units": units},
        "sign_minutes": {"signature": "sign"},
    }
    workflow.do_engine_steps()
    while (ready := workflow.get_tasks(state=TaskState.READY, manual=True)) and ready[0].task_spec.bpmn_id in answers:
        ready[0].data.update(answers[ready[0].task_spec.bpmn_id])
        ready[0].run()
        workflow.do_engine_steps()
    return workflow


@contextmanager
def database(scratch: str, postgresql: str | None):
    """A fresh SQLite file, or a throwaway schema on the PostgreSQL server given."""
    if postgresql is None:
        yield f"sqlite:///{scratch}/bench.db"
        return
    name = f"lx_bench_{uuid.uuid4().hex[:8]}"
    admin = Database(postgresql)
    with admin.engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    try:
        yield f"{postgresql}?options=-csearch_path%3D{name}"
    finally:
        with admin.engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def main() -> None:
    postgresql = sys.argv[sys.argv.index("--postgresql") + 1] if "--postgresql" in sys.argv else None
    with tempfile.TemporaryDirectory() as scratch, database(scratch, postgresql) as url:
        settings = load_settings({"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": scratch})
        db = Database(settings.database_url)
        schema.upgrade(db)
        demo.load(db, WORKFLOWS, NOW)
        app = create_app(settings, clock=FixedClock(NOW + timedelta(days=30)))
        keys = tokens(db, [f"liaison.{u}" for u in TWENTY] + ["office.staff"])
        set_startup_aside()  # as `lianxi serve` does before it serves
        results = {"database": db.engine.dialect.name}
        with Server(app) as server:
            results["complete_task_http"] = bench_completion(db, server, keys)
            results["start_instance_http"] = bench_start(server, keys["office.staff"])
            results["inbox_http_1k"] = bench_inbox(db, server, keys["liaison.wjj"], 1_000)
            results["inbox_http_100k"] = bench_inbox(db, server, keys["liaison.wjj"], 100_000)
        results["complete_task_raw_spiff_memory"] = bench_raw_spiff()
        app.extensions["lianxi"].db.dispose()
        db.dispose()
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
