"""Versions of a two-step office process (tests/fixtures/two_steps.bpmn) and an instance of it in
the demo body: the instance-control tests' steps (engine.workflow.control)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.workflow import deploy, instances

SOURCE = (Path(__file__).resolve().parent / "fixtures" / "two_steps.bpmn").read_text(encoding="utf-8")
PROCESS_ID = "two_steps"
TO_APPROVE = '<bpmn:sequenceFlow id="to_approve" sourceRef="draft" targetRef="approve"/>'
# A check between the two steps: an instance waiting at either may move to it.
WITH_CHECK = SOURCE.replace(
    TO_APPROVE,
    '<bpmn:sequenceFlow id="to_check" sourceRef="draft" targetRef="check"/>'
    '<bpmn:userTask id="check" name="核对"/>'
    '<bpmn:sequenceFlow id="to_approve" sourceRef="check" targetRef="approve"/>',
)
# The first step under another id: an instance waiting at it may not move.
RENAMED = SOURCE.replace('"draft"', '"prepare"').replace("<bpmn:flowNodeRef>draft<", "<bpmn:flowNodeRef>prepare<")


def deploy_version(db, source: str, at: datetime) -> None:
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"two_steps.bpmn": source}, {}, "tester", at)
        uow.commit()


def start(db, at: datetime, body_code: str = "qixing") -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == body_code))
        instance = instances.start(uow.session, PROCESS_ID, body, {"title": "两步办理测试"}, "office.staff", at)
        uow.commit()
        return instance.id


def running_on_v1(db, at: datetime) -> int:
    """An instance waiting at `draft` on version 1, and version 2 (WITH_CHECK) deployed."""
    deploy_version(db, SOURCE, at)
    instance_id = start(db, at)
    deploy_version(db, WITH_CHECK, at)
    return instance_id
