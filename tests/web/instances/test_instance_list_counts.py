"""The instance list counts the open tasks of its page's instances only: a body's thousands of
instances are not grouped on every page."""

from __future__ import annotations

import re

from engine.org import accounts
from engine.workflow import inbox
from tests.engine.supervision.many_items import add_items
from tests.statements import recorded


def test_each_page_counts_the_open_tasks_of_its_own_instances(app, signed_in, db, clock):
    add_items(db, 60, clock.now())  # 60 more instances: the list has two pages or more
    with db.read_session() as session:
        every = inbox.open_counts(session, accounts.find(session, "office.staff").body_id)
    staff, shown = signed_in("office.staff"), {}
    with recorded(app.extensions["lianxi"].db.engine) as statements:
        for number in (1, 2):
            text = staff.get(f"/instances?page={number}").text
            shown |= dict(re.findall(r'>#(\d+)</td>.*?data-label="在办事项">([^<]*)</td>', text, re.S))
    counted = {int(i): int(n) for i, n in shown.items() if n != "—"}
    assert len(shown) > 50 and counted and counted == {i: n for i, n in every.items() if str(i) in shown}
    grouped = [s for s in statements if "GROUP BY human_task.instance_id" in s]
    assert len(grouped) == 2 and all("human_task.instance_id IN" in s for s in grouped)
