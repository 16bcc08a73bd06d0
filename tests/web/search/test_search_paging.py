"""The search page in pages: counted and cut after each hit's own access rule, so every page is
full and a count never includes what the person may not open; the query goes along."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.dashboard import paging
from engine.org.models import Person
from engine.search import found
from engine.supervision import commands
from engine.supervision.models import SupervisedItem
from tests.conftest import DEMO_NOW

QUERY = "鹈鹕"
OWN, OTHERS = 60, 30  # files on an item of liaison.wjj's unit, and on an item not of it


def documents(page: str) -> list[str]:
    return re.findall(r'href="/supervision/attachments/(\d+)"', page)


@pytest.fixture
def files(db) -> dict[str, list[str]]:
    """Files found by QUERY, alternating between the two items so that the ones liaison.wjj may
    not open are spread among theirs; their ids by whose item they are on."""
    with db.read_session() as session:
        items = session.scalars(select(SupervisedItem).order_by(SupervisedItem.id)).all()
        own = next(i for i in items if "wjj" in (i.lead, *i.cooperating))
        other = next(i for i in items if "wjj" not in (i.lead, *i.cooperating))
    ids: dict[str, list[str]] = {"own": [], "other": []}
    with UnitOfWork(db) as uow:
        director = uow.session.scalar(select(Person).where(Person.username == "office.director"))
        for n in range(OWN + OTHERS):
            whose = "own" if n % 3 or n >= 3 * OTHERS else "other"
            item = own if whose == "own" else other
            stored = commands.attach(uow, director, item.id, f"{QUERY}台账{n:03}.pdf", b"%PDF-1.4 test", DEMO_NOW)
            uow.session.flush()
            ids[whose].append(str(stored.id))
        uow.commit()
    return ids


def every_page(client, pages: int) -> list[str]:
    return [d for n in range(1, pages + 1) for d in documents(client.get(f"/search?q={QUERY}&page={n}").text)]


def test_page_two_shows_the_next_hits_none_twice_none_missing(signed_in, files):
    director = signed_in("office.director")
    first = director.get(f"/search?q={QUERY}").text
    assert len(documents(first)) == paging.PER_PAGE
    assert f"找到 {OWN + OTHERS} 项" in first
    assert 'href="/search?page=2&amp;q=%E9%B9%88%E9%B9%95"' in first  # the query goes along
    seen = every_page(director, 2)
    assert len(seen) == len(set(seen)) and set(seen) == set(files["own"] + files["other"])
    assert seen == sorted(seen, key=int, reverse=True)  # newest first across pages


def test_a_unit_counts_and_pages_only_what_it_may_open(signed_in, files):
    liaison = signed_in("liaison.wjj")
    first = liaison.get(f"/search?q={QUERY}").text
    assert f"找到 {OWN} 项" in first and f"找到 {OWN + OTHERS} 项" not in first
    assert len(documents(first)) == paging.PER_PAGE  # full, though the others' files are among them
    seen = every_page(liaison, 2)
    assert sorted(seen) == sorted(files["own"])
    another_body = signed_in("gl.office.director").get(f"/search?q={QUERY}").text
    assert documents(another_body) == [] and "没有找到" in another_body


def test_a_page_past_the_last_shows_the_last(signed_in, files):
    page = signed_in("liaison.wjj").get(f"/search?q={QUERY}&page=9").text
    assert len(documents(page)) == OWN - paging.PER_PAGE and 'rel="prev"' in page


def test_hitting_the_candidate_cap_is_said(signed_in, files, monkeypatch):
    monkeypatch.setattr(found, "CANDIDATES", OWN + OTHERS)  # all of them read: nothing to tell
    assert "结果较多" not in signed_in("office.director").get(f"/search?q={QUERY}").text
    monkeypatch.setattr(found, "CANDIDATES", OWN)
    page = signed_in("office.director").get(f"/search?q={QUERY}").text
    assert "结果较多" in page and f"找到 {OWN} 项" in page
