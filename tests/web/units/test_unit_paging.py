"""A unit's 在办事项 a page at a time: every open task of the unit once, in the order of the whole
list, the page size kept from page to page, and only a page's rows read."""

from __future__ import annotations

import uuid
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import insert, select

from engine.org import accounts
from engine.workflow import inbox
from engine.workflow.models import HumanTask
from tests.conftest import DEMO_NOW
from tests.statements import reading, recorded
from tests.web.inbox.test_inbox_paging import walk

UNIT = "ybj"


def add_unit_tasks(db, count: int) -> None:
    """Open tasks the unit owes, due one a day around DEMO_NOW, some undated."""
    with db.write_session() as session:
        model = session.scalar(select(HumanTask).where(HumanTask.assignee == UNIT, HumanTask.status == "open"))
        copied = {c: getattr(model, c) for c in ("instance_id", "body_id", "process_id", "name", "title", "lane")}
        rows = [
            {
                **copied,
                "id": str(uuid.uuid4()),
                "assignee_kind": "unit",
                "assignee": UNIT,
                "due_at": None if n % 9 == 0 else DEMO_NOW + timedelta(days=n % 40 - 10),
                "created_at": DEMO_NOW - timedelta(hours=n % 5),  # ties, that the id settles
                "status": "open",
            }
            for n in range(count)
        ]
        session.execute(insert(HumanTask), rows)
        session.commit()


class OwedOnly:
    """A signed-in client that reads a unit's page up to its 催办记录, whose tasks are not the
    list's."""

    def __init__(self, client):
        self.client = client

    def get(self, url: str) -> SimpleNamespace:
        text = self.client.get(url).text
        return SimpleNamespace(text=text[: text.index('id="reminders"')])


def test_the_unit_page_pages_through_what_the_unit_owes(app, signed_in, db):
    add_unit_tasks(db, 30)
    with db.read_session() as session:
        every = [t.id for t in inbox.open_for_unit(session, accounts.find(session, "office.staff").body_id, UNIT)]
    staff = OwedOnly(signed_in("office.staff"))
    with recorded(app.extensions["lianxi"].db.engine) as statements:
        found, urls, first = walk(staff, f"/units/{UNIT}?per_page=7")
    assert found == every and len(urls) == -(-len(every) // 7) > 3
    assert all(u["per_page"] == ["7"] for u in urls) and f"共 {len(every)} 项" in first
    owed = [s for s in reading(statements, "human_task") if "human_task.assignee_kind = " in s]
    assert len(owed) == len(urls) and all("LIMIT" in s for s in owed)
