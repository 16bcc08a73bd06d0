"""The demo's running action plan: the district's enterprise-help plan in its mobilize phase,
one unit's implementation plan filed, the first deliverable already in the lead unit's inbox.

The plan file's dates are the demo's own (the file is an example, not a transcribed notice), so
the demo lays them as far from the day it is loaded as they are from WRITTEN_FOR: whenever it is
loaded, the plan is a few weeks into its mobilize phase."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo.walkthrough import act
from engine.org.models import Body
from engine.plan_runs import opening, starting

DEMO_PLAN = "qixing_2026_enterprise_help.yaml"
DEMO_PLAN_CODE = "qixing-2026-enterprise-help"
WRITTEN_FOR = date(2026, 11, 23)  # the day the plan file's dates describe the demo at
_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])")
# A year standing alone, in the title or a milestone's key; not one inside a date or the code.
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")
_FIXED_TEXT = re.compile(r"date: (\d{4}-\d{2}-\d{2}), text: \d{1,2}月\d{1,2}日前")
_START = re.compile(r"^start: (\d{4}-\d{2}-\d{2})", re.MULTILINE)
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
        text = placed(path.read_text(encoding="utf-8"), now)
        run = starting.start(uow, body, text, path.name, "office.staff", now - timedelta(days=20))
        instance_id = run.instance_id
        uow.commit()
    act(db, "liaison.gxj", instance_id, "file_implementation_plan", GXJ_PLAN, now - timedelta(days=5), unit="gxj")
    opening.run_step(db, now)


def placed(text: str, now: datetime) -> str:
    """The plan file with every date moved by the days from WRITTEN_FOR to `now`; the years in
    its title and milestones, and a fixed deadline's words (12月4日前), follow."""
    days = timedelta(days=(now.date() - WRITTEN_FOR).days)
    start = date.fromisoformat(_START.search(text)[1])
    years = (start + days).year - start.year
    lines = text.splitlines(keepends=True)
    return "".join(line if line.lstrip().startswith("#") else _placed_line(line, days, years) for line in lines)


def _placed_line(line: str, days: timedelta, years: int) -> str:
    line = _YEAR.sub(lambda found: str(int(found[1]) + years), line)
    line = _DATE.sub(lambda found: (date.fromisoformat(found[1]) + days).isoformat(), line)
    return _FIXED_TEXT.sub(lambda found: f"date: {found[1]}, text: {_by_day(found[1])}", line)


def _by_day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.month}月{day.day}日前"
