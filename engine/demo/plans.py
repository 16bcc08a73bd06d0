"""The demo's running action plan: the district's enterprise-help plan in its mobilize phase,
one unit's implementation plan filed, the first deliverable already in the lead unit's inbox."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo.walkthrough import act
from engine.org.models import Body
from engine.plan_runs import opening, starting

DEMO_PLAN = "qixing_2026_enterprise_help.yaml"
DEMO_PLAN_CODE = "qixing-2026-enterprise-help"
GXJ_PLAN = {
    "document_no": "七工信〔2026〕21号",
    "summary": "\n".join(
        [
            "一、帮扶目标：2027年帮扶园区外中小微企业10家。",
            "二、主要措施：摸排名单、送知识送技术、督促整改。",
            "三、责任科室：产业发展股。",
        ]
    ),
}


def load(db: Database, plans_dir: Path, now: datetime) -> None:
    path = plans_dir / DEMO_PLAN
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body))
        run = starting.start(
            uow, body, path.read_text(encoding="utf-8"), path.name, "office.staff", now - timedelta(days=20)
        )
        instance_id = run.instance_id
        uow.commit()
    act(db, "liaison.gxj", instance_id, "file_implementation_plan", GXJ_PLAN, now - timedelta(days=5), unit="gxj")
    opening.run_step(db, now)
