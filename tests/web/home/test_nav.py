"""The main navigation's first links: 首页 and 待办事项 for those whose home is the overview, one
待办事项 for a liaison, whose home is the inbox; the current page marked."""

from __future__ import annotations

import re


def nav(page: str) -> list[tuple[str, str, str | None]]:
    """(label, href, aria-current) of each link of the main navigation."""
    block = re.search(r'<nav class="mainnav".*?</nav>', page, re.S).group(0)
    links = re.findall(r"<a ([^>]*)>([^<]+)</a>", block)
    return [(label.strip(), _attr(attrs, "href"), _attr(attrs, "aria-current")) for attrs, label in links]


def _attr(attrs: str, name: str) -> str | None:
    found = re.search(rf'{name}="([^"]*)"', attrs)
    return found.group(1) if found else None


def test_the_office_has_home_and_inbox_apart(signed_in):
    director = signed_in("office.director")
    home = nav(director.get("/").text)
    assert home[:2] == [("首页", "/", "page"), ("待办事项", "/inbox", None)]
    assert nav(director.get("/inbox").text)[:2] == [("首页", "/", None), ("待办事项", "/inbox", "page")]
    assert [label for label, _href, _current in home].count("待办事项") == 1


def test_a_liaison_has_one_inbox_link_at_home(signed_in):
    liaison = signed_in("liaison.scjgj")
    home = nav(liaison.get("/").text)
    assert home[0] == ("待办事项", "/", "page") and "首页" not in [label for label, _h, _c in home]
    assert nav(liaison.get("/inbox").text)[0] == ("待办事项", "/", "page")


def test_a_section_is_marked_but_not_as_the_page(signed_in):
    director = signed_in("office.director")
    assert ("会议", "/meetings", "page") in nav(director.get("/meetings").text)
    meeting = re.search(r'href="(/meetings/\d+)"', director.get("/meetings").text).group(1)
    assert ("会议", "/meetings", "true") in nav(director.get(meeting).text)
    assert all(current is None for label, _h, current in nav(director.get(meeting).text) if label != "会议")
