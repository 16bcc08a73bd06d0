"""Synthetic inbox rows, so the inbox can be read with 1,000 or 100,000 open tasks around it.

The reader (liaison.wjj) keeps a realistic inbox of 20 open tasks; the rest belong to a
synthetic body's units, as in a deployment that serves many bodies.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from engine.core.db import Database
from engine.org.models import Body, Unit
from engine.workflow.models import HumanTask, ProcessInstance

OWN_INBOX = 20
SYNTHETIC_UNITS = 25
BATCH = 5_000


def fill_inbox_table(db: Database, total: int, now: datetime) -> None:
    with db.write_session() as session:
        instance = session.scalar(select(ProcessInstance).order_by(ProcessInstance.id))
        other = _synthetic_body(session, instance, now)
        have = session.scalar(select(func.count()).where(HumanTask.status == "open"))
        own = session.scalar(select(func.count()).where(HumanTask.status == "open", HumanTask.assignee == "wjj"))
        rows = [_row(instance, "wjj", n, now) for n in range(OWN_INBOX - own)]
        rows += [_row(other, f"syn{n % SYNTHETIC_UNITS}", n, now) for n in range(total - have - len(rows))]
        for start in range(0, len(rows), BATCH):
            session.execute(insert(HumanTask), rows[start : start + BATCH])
        session.commit()


def _synthetic_body(session, template: ProcessInstance, now: datetime) -> ProcessInstance:
    found = session.scalar(select(ProcessInstance).where(ProcessInstance.title == "synthetic"))
    if found:
        return found
    body = Body(code="synthetic", name="合成联席会议", level="district")
    session.add(body)
    for n in range(SYNTHETIC_UNITS):
        session.add(Unit(body=body, code=f"syn{n}", name=f"合成单位{n}", sort_order=n))
    session.flush()
    instance = ProcessInstance(
        body_id=body.id,
        spec_id=template.spec_id,
        process_id=template.process_id,
        title="synthetic",
        state=template.state,
        status="running",
        started_by="bench",
        started_at=now,
        updated_at=now,
        serializer_version=template.serializer_version,
    )
    session.add(instance)
    session.flush()
    return instance


def _row(instance: ProcessInstance, unit: str, n: int, now: datetime) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "instance_id": instance.id,
        "body_id": instance.body_id,
        "process_id": instance.process_id,
        "name": "receive_minutes",
        "title": "签收会议纪要",
        "title_en": "Acknowledge the minutes",
        "lane": "member_unit",
        "assignee_kind": "unit",
        "assignee": unit,
        "form_key": "office_meeting_receipt",
        "shown": {"_instance_title": f"会议 {n}"},
        "due_at": now + timedelta(days=n % 30),
        "status": "open",
        "created_at": now,
    }
