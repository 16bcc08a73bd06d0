"""A report every unit owes by one deadline (tests/fixtures/unit_report.bpmn): the shape of the
20 December annual summary, for the reminder tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.demo.roster import UNITS
from engine.org.models import Body
from engine.workflow import deploy, instances

FIXTURES = Path(__file__).resolve().parent / "fixtures"
START = datetime(2025, 12, 1, 9, 0, tzinfo=SHANGHAI)
DEADLINE = "2025-12-20"  # a Saturday: "12月20日前", due by the end of that day
TWENTY = [code for code, *_ in UNITS[:20]]


def start_report(db, at: datetime, units: list[str], bpmn: str | None = None) -> int:
    with UnitOfWork(db) as uow:
        sources, forms = deploy.read_bpmn_files([FIXTURES / "unit_report.bpmn"])
        if bpmn is not None:
            sources = {"unit_report.bpmn": bpmn}
        deploy.deploy(uow.session, sources, forms, "tester", at)
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        data = {"title": "2025年度工作总结", "units": {u: {"code": u, "name": u} for u in units}, "deadline": DEADLINE}
        instance = instances.start(uow.session, "unit_report", body, data, "office.staff", at)
        uow.commit()
    return instance.id
