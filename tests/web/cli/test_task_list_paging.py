"""`lianxi task list` a page at a time: past the 500 it used to stop at, every task once in the
list's order, the page and the total on stderr so that --json still prints a list."""

from __future__ import annotations

import json
import re

from engine.org import accounts
from engine.workflow import inbox
from engine.workflow.models import HumanTask
from tests.web.inbox.test_inbox_paging import add_office_tasks


def test_task_list_pages_through_every_task_and_tells_the_total(run, app):
    db = app.extensions["lianxi"].db
    add_office_tasks(db, 520)
    with db.read_session() as session:
        every = list(
            session.scalars(inbox.person_query(accounts.find(session, "office.staff")).with_only_columns(HumanTask.id))
        )
    first = run("task", "list", "--user", "office.staff", "--per-page", 200, "--json")
    number, pages, total = map(int, re.fullmatch(r"page (\d+) of (\d+), (\d+) tasks\n", first.stderr).groups())
    assert (number, pages) == (1, -(-total // 200)) and total == len(every) >= 520
    found = [t["id"] for n in range(1, pages + 1) for t in json.loads(_page(run, n).stdout)]
    assert found == every
    assert [t["id"] for t in json.loads(first.stdout)] == found[:200]
    assert _page(run, pages + 5).stderr == f"page {pages} of {pages}, {total} tasks\n"


def _page(run, number: int):
    return run("task", "list", "--user", "office.staff", "--page", number, "--per-page", 200, "--json")
