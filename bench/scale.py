"""`python -m bench.scale [--large] [--postgresql URL]`: how the scheduler's passes, the inbox and
the supervision ledger grow with the open tasks in the database; figures in docs/PERFORMANCE.md.

For each size (1,000 and 10,000 open tasks; `--large` adds 100,000, which takes long), a fresh
database holds the demo body and many bodies cloned from it, each with its member units and one
liaison a unit (so reminders have real recipients and delivery sends real messages). The tasks
are the engine's own: supervised items started by hand through the office's service, led by one
unit, whose instance, task and item rows are then copied, a tenth into the demo body (its ledger
and its lead unit's inbox grow with the size) and the rest into the other bodies. A copied task
has a new id, so its copied workflow cannot complete it: nothing here completes one.

Timed through what the scheduler and the pages call, so it measures whatever code is there: the
pass with nothing due; then, when every copied task has a reminder due, the pass's reminder
step (planning) and its delivery step, once each; a page of 50 of the lead unit's liaison's
inbox through the API, and the ledger page (督办台账) of the demo office, in-process (no HTTP).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from datetime import timedelta

from sqlalchemy import func, insert, select, text

from bench.passes import timed
from bench.run import NOW, WORKFLOWS, database, summary
from engine import background, demo
from engine.core import schema
from engine.core.clock import FixedClock
from engine.core.config import load_settings
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.org import accounts, signin
from engine.org.models import Body, Unit
from engine.reminders.models import Reminder
from engine.supervision import starting
from engine.supervision.models import SupervisedItem
from engine.workflow.models import HumanTask, ProcessInstance
from webui import create_app
from webui.cli.background import set_startup_aside

SIZES, LARGE = (1_000, 10_000), 100_000
SEEDS = 20  # items started through the engine; their rows are the copies' templates
LEAD = "wjj"  # leads every seed: its liaison's inbox is the one read
DUE_IN_DAYS = 14
DEMO_SHARE = 10  # the demo body holds a tenth of the open tasks
BODY_TASKS = 200  # each other body about this many
QUIET_PASSES, PAGE_READS = 20, 50
BATCH = 5_000


def build(db: Database, size: int) -> dict:
    """The database at about `size` open tasks; what it holds."""
    seeds = _seed(db)
    with db.write_session() as session:
        rows = _template_rows(session, seeds)
        per_copy = sum(task["status"] == "open" for _, tasks, _ in rows for task in tasks)
        wanted = max(0, round((size - session.scalar(_open_count())) / per_copy))
        home = wanted // DEMO_SHARE
        spread = max(1, round((wanted - home) * per_copy / BODY_TASKS))
        bodies = _bodies(session, session.get(Body, rows[0][0]["body_id"]), spread)
        copies = {rows[0][0]["body_id"]: home}
        copies |= {body.id: (wanted - home) // spread + (k < (wanted - home) % spread) for k, body in enumerate(bodies)}
        _copy(session, rows, copies)
        session.commit()
        return {
            "bodies": spread + 1,
            "open_tasks": session.scalar(_open_count()),
            "items": (wanted + 1) * SEEDS,
            "items_in_the_ledger": (home + 1) * SEEDS,
        }


def _open_count():
    return select(func.count()).where(HumanTask.status == "open")


def _seed(db: Database) -> list[int]:
    due = (NOW.date() + timedelta(days=DUE_IN_DAYS)).isoformat()
    with UnitOfWork(db) as uow:
        office = accounts.find(uow.session, "office.staff")
        units = [code for code in uow.session.scalars(_member_codes(office.body_id)) if code != LEAD]
        items = [
            starting.start_by_hand(
                uow.session,
                office,
                "区领导批示",
                {"text": f"规模基准事项 {n}", "lead": LEAD, "cooperating": units[n % 10 :: 10][:2], "due": due},
                NOW,
            )
            for n in range(SEEDS)
        ]
        uow.commit()
        return [item.id for item in items]


def _member_codes(body_id: int):
    return select(Unit.code).where(Unit.body_id == body_id, Unit.kind == "member").order_by(Unit.sort_order)


def _template_rows(session, item_ids: list[int]) -> list[tuple[dict, list[dict], dict]]:
    """Each seed's instance, tasks and item, as rows to insert again."""
    found = []
    for item in session.execute(select(SupervisedItem.__table__).where(SupervisedItem.id.in_(item_ids))).mappings():
        instance = session.execute(
            select(ProcessInstance.__table__).where(ProcessInstance.id == item["instance_id"])
        ).mappings()
        tasks = session.execute(select(HumanTask.__table__).where(HumanTask.instance_id == item["instance_id"]))
        found.append((dict(instance.one()), [dict(t) for t in tasks.mappings()], dict(item)))
    return found


def _bodies(session, template: Body, count: int) -> list[Body]:
    """`count` bodies with the template's member units, each unit with its liaison."""
    codes = list(session.scalars(_member_codes(template.id)))
    made = []
    for k in range(count):
        body = Body(code=f"scale{k}", name=f"规模基准联席会议{k}", level=template.level)
        body.units = [Unit(code=code, name=f"单位{code}", sort_order=n) for n, code in enumerate(codes)]
        session.add(body)
        session.flush()
        for code in codes:
            email = f"{code}@scale{k}.example"
            accounts.create(session, f"scale{k}.{code}", code, ["liaison"], email=email, body_id=body.id, now=NOW)
        made.append(body)
    return made


def _copy(session, rows: list[tuple[dict, list[dict], dict]], copies: dict[int, int]) -> None:
    """`copies[body_id]` copies of every template into that body, in batches of inserts."""
    instance_id = session.scalar(select(func.max(ProcessInstance.id)))
    item_id = session.scalar(select(func.max(SupervisedItem.id)))
    instances, tasks, items = [], [], []
    for body_id, times in copies.items():
        for _ in range(times):
            for instance, its_tasks, item in rows:
                instance_id, item_id = instance_id + 1, item_id + 1
                instances.append(instance | {"id": instance_id, "body_id": body_id})
                tasks += [
                    t | {"id": str(uuid.uuid4()), "instance_id": instance_id, "body_id": body_id} for t in its_tasks
                ]
                items.append(item | {"id": item_id, "instance_id": instance_id, "body_id": body_id})
    for table, values in ((ProcessInstance, instances), (HumanTask, tasks), (SupervisedItem, items)):
        for start in range(0, len(values), BATCH):
            session.execute(insert(table.__table__), values[start : start + BATCH])
    if session.bind.dialect.name == "postgresql":  # the ids were taken by hand: the sequences follow
        for table in (ProcessInstance, SupervisedItem):
            name = table.__tablename__
            last = f"(SELECT max(id) FROM {name})"
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), {last})"))


def measure(db: Database, settings, size: int) -> dict:
    results = {"size": size, **build(db, size)}
    results |= _quiet(db, settings)
    results |= _pages(db, settings)
    due = _all_due(db)
    for step in background.steps():
        if step.name in ("reminders", "delivery"):
            elapsed, count = timed(step.run, db, settings, due, background.Lease())
            results[step.name] = {"ms": round(elapsed * 1000, 1), "count": count}
    with db.read_session() as session:
        results["reminders"]["recorded"] = session.scalar(select(func.count()).select_from(Reminder))
    return results


def _quiet(db: Database, settings) -> dict:
    """The pass with nothing due, whole; then each of its steps alone, to tell which one grows."""
    whole = [timed(background.run_pass, db, settings, NOW + timedelta(minutes=k))[0] for k in range(QUIET_PASSES)]
    later = [NOW + timedelta(hours=1, minutes=k) for k in range(QUIET_PASSES // 4)]
    steps = {
        step.name: summary([timed(step.run, db, settings, at, background.Lease())[0] for at in later])["median_ms"]
        for step in background.steps()
    }
    return {"quiet_pass": summary(whole), "quiet_steps_median_ms": steps}


def _all_due(db: Database):
    """The first pass at which every seed's tasks have a reminder due: the copies have too."""
    with db.read_session() as session:
        return session.scalar(
            select(func.max(HumanTask.next_reminder_at)).where(HumanTask.assignee == LEAD, HumanTask.status == "open")
        ) + timedelta(minutes=5)


def _pages(db: Database, settings) -> dict:
    app = create_app(settings, clock=FixedClock(NOW))
    app.config["WTF_CSRF_ENABLED"] = False
    set_startup_aside()  # as `lianxi serve` does before it serves
    with db.write_session() as session:
        token = signin.issue_api_token(session, accounts.find(session, f"liaison.{LEAD}"), NOW)
        session.commit()
    reader, office = app.test_client(), app.test_client()
    office.post("/login", data={"username": "office.staff", "password": demo.DEMO_PASSWORD})
    inbox = lambda: reader.get("/api/v1/tasks?status=open&per_page=50", headers={"Authorization": f"Bearer {token}"})  # noqa: E731
    ledger = lambda: office.get("/supervision")  # noqa: E731
    found = {}
    for name, call in (("inbox_page", inbox), ("ledger_page", ledger)):
        assert call().status_code == 200
        found[name] = summary([timed(call)[0] for _ in range(PAGE_READS)])
    found["inbox_total"] = inbox().json["total"]
    app.extensions["lianxi"].db.dispose()
    return found


def table(results: list[dict]) -> str:
    """Medians in milliseconds (the passes' steps: one run each; the counts as they are), and each
    one's growth per 10×."""
    rows = [
        ("pass, nothing due", lambda r: r["quiet_pass"]["median_ms"]),
        ("reminder planning, all due", lambda r: r["reminders"]["ms"]),
        ("– reminders recorded", lambda r: r["reminders"]["recorded"]),
        ("– their messages", lambda r: r["reminders"]["count"]),
        ("delivery", lambda r: r["delivery"]["ms"]),
        ("– messages delivered", lambda r: r["delivery"]["count"]),
        ("inbox page of 50 (API)", lambda r: r["inbox_page"]["median_ms"]),
        ("ledger page", lambda r: r["ledger_page"]["median_ms"]),
    ]
    head = [
        "",
        *(f"{r['open_tasks']:,} open tasks" for r in results),
        *(f"× {a['size']:,} → {b['size']:,}" for a, b in zip(results, results[1:], strict=False)),
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, value in rows:
        figures = [value(r) for r in results]
        growth = [f"{b / a:.1f}" for a, b in zip(figures, figures[1:], strict=False)]
        lines.append("| " + " | ".join([name, *(f"{f:,}" for f in figures), *growth]) + " |")
    return "\n".join(lines)


def main() -> None:
    postgresql = sys.argv[sys.argv.index("--postgresql") + 1] if "--postgresql" in sys.argv else None
    results = []
    for size in SIZES + ((LARGE,) if "--large" in sys.argv else ()):
        with tempfile.TemporaryDirectory() as scratch, database(scratch, postgresql) as url:
            settings = load_settings({"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": scratch})
            db = Database(url)
            schema.upgrade(db)
            demo.load(db, WORKFLOWS, NOW)
            background.run_pass(db, settings, NOW)  # the demo's catch-up, as in bench.passes
            started = time.perf_counter()
            results.append(measure(db, settings, size) | {"database": db.engine.dialect.name})
            results[-1]["seconds_in_all"] = round(time.perf_counter() - started)
            db.dispose()
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
    print(table(results))


if __name__ == "__main__":
    main()
