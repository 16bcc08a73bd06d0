"""A process with one script step (tests/fixtures/script_step.bpmn), deployed with the script a
test gives it, and started in the demo body: the incident tests' steps, and the incident of the
route walks' records (tests/web/route_records.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.workflow import deploy, instances
from engine.workflow.models import Incident

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "script_step.bpmn"
PROCESS_ID = "script_step"
LOOPS = "while True:\n    pass"
FAILS = "total = missing_count + 1"
WORKS = "total = 1"


def deploy_script(db, script: str, at: datetime) -> None:
    source = FIXTURE.read_text(encoding="utf-8").replace("SCRIPT", escape(script))
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"script_step.bpmn": source}, {}, "tester", at)
        uow.commit()


def start(db, at: datetime, title: str = "脚本步骤测试") -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, PROCESS_ID, body, {"title": title}, "office.staff", at)
        uow.commit()
        return instance.id


def failed_step(db, at: datetime) -> int:
    """An open incident: the id of a step that failed as its instance started."""
    deploy_script(db, FAILS, at)
    instance_id = start(db, at)
    with db.read_session() as session:
        return session.scalar(select(Incident.id).where(Incident.instance_id == instance_id))
