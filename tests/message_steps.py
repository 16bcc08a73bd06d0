"""The message fixture processes (tests/fixtures/messages/) deployed in the demo body, and
instances of them: the steps of the message and signal tests (engine.workflow.messages)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.workflow import deploy, instances

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "messages"


def deploy_fixtures(db, at: datetime) -> None:
    """awaits_decision (a message correlated on dispute_id), gives_decision (throws it),
    awaits_signal (the signal year_closed), echo (answers a ping with a ping)."""
    with UnitOfWork(db) as uow:
        sources = {path.name: path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.bpmn")}
        deploy.deploy(uow.session, sources, {}, "tester", at)
        uow.commit()


def start(db, process_id: str, at: datetime, **data) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, process_id, body, {"title": "测试", **data}, "office.staff", at)
        uow.commit()
        return instance.id
