"""The overseers' home and the search page in English."""

from __future__ import annotations


def test_the_home_and_search_speak_english(signed_in):
    director = signed_in("office.director")
    home = director.get("/?lang=en").text
    assert "Overview" in home and "Meetings in progress" in home and "工作概览" not in home
    search = director.get("/search?q=会议&lang=en").text
    assert "Search" in search and "搜索事项" not in search
