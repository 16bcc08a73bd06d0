"""全部在办 and 流程实例: filtered and paged in the database, the boundaries of a page included."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.dashboard import lists, paging
from engine.org.models import Body
from engine.workflow.models import HumanTask, ProcessInstance
from tests.conftest import DEMO_NOW


def task_links(page: str) -> list[str]:
    return re.findall(r'href="/tasks/([^"]+)"', page)


def instance_links(page: str) -> list[str]:
    return re.findall(r'href="/instances/(\d+)"', page)


def body_id(session) -> int:
    return session.scalar(select(Body.id).where(Body.code == "qixing"))


@pytest.mark.parametrize("per_page", [1, 7, 50])
def test_pages_cover_the_list_once_and_in_order(db, per_page):
    with db.read_session() as session:
        query = lists.tasks(body_id(session), lists.TaskFilters(status=""), DEMO_NOW)
        every = [t.id for t in session.scalars(query)]
        first = paging.paginate(session, query, 1, per_page)
        assert first.total == len(every) and first.pages == -(-len(every) // per_page)
        pages = [paging.paginate(session, query, n, per_page) for n in range(1, first.pages + 1)]
        assert [t.id for p in pages for t in p.items] == every
        assert not pages[0].has_previous and not pages[-1].has_next
        assert all(len(p.items) == per_page for p in pages[:-1]) and 0 < len(pages[-1].items) <= per_page
        # past the end: the last page
        assert paging.paginate(session, query, first.pages + 5, per_page).number == first.pages


@pytest.mark.parametrize("text", [None, "", "0", "-1", "abc", "1.5"])
def test_a_page_number_that_is_not_one_is_the_first(text):
    assert paging.page_number(text) == 1


def test_all_open_pages_through_every_task_of_the_body(signed_in, db):
    with db.read_session() as session:
        total = len(session.scalars(select(HumanTask).where(HumanTask.body_id == body_id(session))).all())
    staff = signed_in("office.staff")
    first = staff.get("/tasks?status=all").text
    assert len(task_links(first)) == paging.PER_PAGE < total and 'rel="next"' in first
    pages = -(-total // paging.PER_PAGE)
    last = staff.get(f"/tasks?status=all&page={pages}").text
    assert len(task_links(last)) == total - paging.PER_PAGE * (pages - 1) and 'rel="next"' not in last
    assert 'href="/tasks?page=2&amp;status=all"' in first  # the filter goes along


def test_all_open_filters_by_unit_and_overdue(signed_in, db):
    with db.read_session() as session:
        late = session.scalars(
            select(HumanTask).where(
                HumanTask.body_id == body_id(session), HumanTask.status == "open", HumanTask.due_at < DEMO_NOW
            )
        ).all()
    unit = next(t.assignee for t in late if t.assignee_kind == "unit")
    staff = signed_in("office.staff")
    assert sorted(task_links(staff.get("/tasks?overdue=1").text)) == sorted(t.id for t in late)
    mine = [t.id for t in late if t.assignee_kind == "unit" and t.assignee == unit]
    assert sorted(task_links(staff.get(f"/tasks?overdue=1&unit={unit}").text)) == sorted(mine)
    assert task_links(staff.get("/tasks?status=nonsense&unit=nobody").text) == []  # no such unit: nothing


def test_instances_filter_by_process_and_status(signed_in, db):
    with db.read_session() as session:
        rows = session.scalars(select(ProcessInstance).where(ProcessInstance.body_id == body_id(session))).all()
    process = rows[0].process_id
    wanted = sorted(str(i.id) for i in rows if i.process_id == process and i.status == "running")
    page = signed_in("office.staff").get(f"/instances?process={process}&status=running").text
    assert sorted(set(instance_links(page))) == wanted
    every = signed_in("office.staff").get("/instances?process=nonsense").text  # unknown: every process
    assert len(set(instance_links(every))) == min(len(rows), paging.PER_PAGE)


def test_a_liaison_lists_only_the_instances_their_unit_takes_part_in(signed_in, db):
    with db.read_session() as session:
        ids = session.scalars(
            select(HumanTask.instance_id).where(HumanTask.assignee_kind == "unit", HumanTask.assignee == "scjgj")
        ).all()
    assert set(instance_links(signed_in("liaison.scjgj").get("/instances").text)) == {str(i) for i in ids}


@pytest.mark.parametrize(
    ("number", "total", "linked"),
    [
        (5, 500, [1, 2, 3, 4, 5, 6, 7, None, 10]),  # a gap of one page shows the page
        (1, 5_000, [1, 2, 3, None, 100]),
        (100, 5_000, [1, None, 98, 99, 100]),
        (2, 60, [1, 2]),
    ],
)
def test_the_pager_links_the_first_the_last_and_the_neighbours(number, total, linked):
    assert paging.Page([], number, 50, total).numbers == linked


@pytest.mark.parametrize(("text", "size"), [(None, 50), ("0", 50), ("abc", 50), ("201", 50), ("200", 200), ("7", 7)])
def test_a_page_size_is_kept_within_bounds(text, size):
    assert paging.per_page(text) == size
