"""The inbox and 全部在办 a page at a time: every task once, in the order the whole list has,
past the 500 the inbox used to stop at without a word; the tab, the filters and the page size go
along from page to page."""

from __future__ import annotations

import html
import re
import uuid
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import insert, select

from engine.dashboard import lists
from engine.org import accounts
from engine.workflow import inbox
from engine.workflow.models import HumanTask
from tests.conftest import DEMO_NOW


def task_links(page: str) -> list[str]:
    return re.findall(r'href="/tasks/([^"/]+)"', page)


def walk(client, url: str) -> tuple[list[str], list[dict], str]:
    """Every page from `url` on, following 下一页: the tasks linked, each page's query arguments,
    and the first page."""
    found, urls, pages = [], [], []
    while url:
        urls.append(parse_qs(urlsplit(url).query))
        pages.append(client.get(url).text)
        found += task_links(pages[-1])
        following = re.search(r'rel="next" href="([^"]+)"', pages[-1])
        url = html.unescape(following.group(1)) if following else None
    return found, urls, pages[0]


def add_office_tasks(db, count: int) -> None:
    """Open tasks for the office (its role's lane), due one a day around DEMO_NOW, some undated."""
    with db.write_session() as session:
        model = session.scalar(select(HumanTask).where(HumanTask.assignee == "office"))
        copied = {c: getattr(model, c) for c in ("instance_id", "body_id", "process_id", "name", "title", "lane")}
        rows = [
            {
                **copied,
                "id": str(uuid.uuid4()),
                "assignee_kind": "role",
                "assignee": "office",
                "due_at": None if n % 9 == 0 else DEMO_NOW + timedelta(days=n % 40 - 10),
                "created_at": DEMO_NOW - timedelta(hours=n % 5),  # ties, that the id settles
                "status": "open",
            }
            for n in range(count)
        ]
        session.execute(insert(HumanTask), rows)
        session.commit()


def test_the_inbox_pages_through_every_task_past_500_in_its_order(signed_in, db):
    add_office_tasks(db, 520)
    with db.read_session() as session:
        every = [t.id for t in session.scalars(inbox.person_query(accounts.find(session, "office.staff")))]
    found, urls, first = walk(signed_in("office.staff"), "/inbox?per_page=200")
    assert found == every and len(every) >= 520 and len(urls) == 3
    assert urls[1:] == [{"page": [n], "per_page": ["200"]} for n in "23"]
    assert f"第 1 / 3 页，共 {len(every):,} 项" in first and 'aria-current="page">1<' in first
    assert re.search(r'<a href="/inbox\?show=all"[^>]*>\s*全部 <span class="count">' + str(len(every)), first)


def test_the_inbox_tab_keeps_to_its_tasks_from_page_to_page(signed_in, db):
    add_office_tasks(db, 12)
    with db.read_session() as session:
        staff_person = accounts.find(session, "office.staff")
        roles = [t.id for t in session.scalars(inbox.person_query(staff_person, kind="role"))]
    found, urls, _ = walk(signed_in("office.staff"), "/inbox?show=role&per_page=5")
    assert found == roles and urls[1] == {"page": ["2"], "per_page": ["5"], "show": ["role"]}


def test_all_open_pages_keep_the_filters_and_the_lists_order(signed_in, db):
    add_office_tasks(db, 30)
    with db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        wanted = lists.TaskFilters(status="open", unit=None, overdue=True)
        every = [t.id for t in session.scalars(lists.tasks(body_id, wanted, DEMO_NOW))]
    found, urls, _ = walk(signed_in("office.staff"), "/tasks?overdue=1&per_page=6")
    assert found == every and len(urls) == -(-len(every) // 6) > 2
    assert all(url["overdue"] == ["1"] and url["per_page"] == ["6"] for url in urls)


def test_a_page_size_out_of_bounds_is_the_usual_one(signed_in):
    staff = signed_in("office.staff")
    assert staff.get("/inbox?per_page=abc&page=abc").status_code == 200
    for size in ("0", "100000"):
        assert len(task_links(staff.get(f"/tasks?status=all&per_page={size}").text)) == 50
