"""More supervised items beside the demo's, written straight into the tables: for the ledger's
paging, summaries and workbook, which read rows and never the items' workflows."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from engine.core.db import Database
from engine.supervision.models import ProgressReport, SupervisedItem
from engine.workflow.models import ProcessInstance

LEADS = ("wjj", "rsj", "czj")
FORMULA = '=HYPERLINK("http://x","点此")'


def add_items(db: Database, count: int, now: datetime) -> list[int]:
    """`count` items of the demo's body after its own, due from 15 days before `now` to 24 days
    after, every fifth closed, every seventh with a completion awaiting verification (submitted
    before its deadline or after), the first one's text formula-like; their ids in the ledger's
    order."""
    with db.write_session() as session:
        model = session.scalar(select(SupervisedItem).order_by(SupervisedItem.id))
        instance = session.get(ProcessInstance, model.instance_id)
        copied = {c: getattr(instance, c) for c in ("body_id", "spec_id", "process_id", "state", "serializer_version")}
        at = session.scalar(select(func.max(SupervisedItem.created_at))) + timedelta(seconds=1)
        instances = [
            {**copied, "title": f"item {n}", "status": "running", "started_by": "t", "started_at": at, "updated_at": at}
            for n in range(count)
        ]
        instance_ids = session.scalars(insert(ProcessInstance).returning(ProcessInstance.id), instances).all()
        items = [_item(model, n, instance_id, at, now) for n, instance_id in enumerate(instance_ids)]
        item_ids = session.scalars(insert(SupervisedItem).returning(SupervisedItem.id), items).all()
        reports = [_completion(item_id, now, n) for n, item_id in enumerate(item_ids) if n % 7 == 3]
        session.execute(insert(ProgressReport), reports)
        session.commit()
    return list(item_ids)


def _item(model: SupervisedItem, n: int, instance_id: int, at: datetime, now: datetime) -> dict:
    due = now + timedelta(days=n % 40 - 15)
    return {
        "body_id": model.body_id,
        "instance_id": instance_id,
        "source_kind": "by_hand" if n % 4 == 0 else model.source_kind,
        "meeting_id": None if n % 4 == 0 else model.meeting_id,
        "number": n,
        "source_text": "领导批示" if n % 4 == 0 else "",
        "text": FORMULA if n == 0 else f"事项 {n}",
        "lead": LEADS[n % len(LEADS)],
        "cooperating": [LEADS[(n + 1) % len(LEADS)]] if n % 2 else [],
        "due_at": due,
        "original_due_at": due,
        "status": "closed" if n % 5 == 0 else "open",
        "created_at": at + timedelta(minutes=n // 2),  # two at a time: the id orders them
        "created_by": "office.staff",
    }


def _completion(item_id: int, now: datetime, n: int) -> dict:
    return {
        "item_id": item_id,
        "task_id": "t",
        "unit": "wjj",
        "kind": "completion",
        "text": f"已完成 {n}",
        "submitted_by": "liaison.wjj",
        "submitted_at": now - timedelta(days=n % 11),  # some before their deadline, some after
    }
