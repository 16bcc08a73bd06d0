"""The search page: the header's box, hits linked to their pages, only what the person may open."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.meetings.models import Meeting
from engine.supervision.models import SupervisedItem


def hrefs(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)">', page[page.index("search-hits") :]) if "search-hits" in page else []


def test_every_page_has_the_search_box(signed_in):
    page = signed_in("liaison.wjj").get("/").text
    assert 'role="search"' in page and 'action="/search"' in page


def test_a_meeting_is_found_by_two_characters_of_its_title(signed_in, db):
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.title == "研究部署职业病危害专项治理工作"))
    page = signed_in("office.director").get("/search?q=职业").text
    assert f"/meetings/{meeting.id}" in hrefs(page)
    assert "/meetings/" not in "".join(hrefs(signed_in("gl.office.director").get("/search?q=职业").text))


def test_another_units_item_is_not_found(signed_in, db):
    with db.read_session() as session:
        item = next(i for i in session.scalars(select(SupervisedItem)) if "wjj" not in (i.lead, *i.cooperating))
    query = item.text[:4]
    assert f"/supervision/items/{item.id}" in hrefs(signed_in("office.director").get(f"/search?q={query}").text)
    assert f"/supervision/items/{item.id}" not in hrefs(signed_in("liaison.wjj").get(f"/search?q={query}").text)


def test_an_empty_query_shows_the_form_only(signed_in):
    page = signed_in("office.staff").get("/search?q=")
    assert page.status_code == 200 and "search-hits" not in page.text and "没有找到" not in page.text
    assert "没有找到" in signed_in("office.staff").get("/search?q=不存在的词语组合").text
