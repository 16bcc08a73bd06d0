"""The inbox API in pages: every task once, in the inbox's order, across page boundaries, with
the total told; a page past the last is the last; a page size out of range is refused. (It once
answered at most 500 tasks, silently.)"""

from __future__ import annotations

import pytest


def test_the_pages_together_are_the_whole_inbox_in_order(api):
    liaison = api("liaison.wjj")
    whole = liaison.get("/api/v1/tasks", query_string={"per_page": 500}).json
    ids = [t["id"] for t in whole["tasks"]]
    assert whole["total"] == len(ids) >= 3 and whole["pages"] == 1
    paged, number = [], 1
    while True:
        page = liaison.get("/api/v1/tasks", query_string={"per_page": 1, "page": number}).json
        assert (page["page"], page["per_page"], page["total"]) == (number, 1, len(ids))
        paged += [t["id"] for t in page["tasks"]]
        if number == page["pages"]:
            break
        number += 1
    assert paged == ids  # none twice, none left out, the same order


def test_a_page_past_the_last_is_the_last(api):
    liaison = api("liaison.wjj")
    last = liaison.get("/api/v1/tasks", query_string={"per_page": 1, "page": 10_000}).json
    assert last["page"] == last["pages"] and len(last["tasks"]) == 1


@pytest.mark.parametrize(
    ("asked", "named"), [({"per_page": "0"}, "per_page"), ({"per_page": "501"}, "per_page"), ({"page": "0"}, "page")]
)
def test_a_page_or_a_page_size_out_of_range_is_refused(api, asked, named):
    response = api("liaison.wjj").get("/api/v1/tasks", query_string=asked)
    assert response.status_code == 400 and response.json["error"]["message"].startswith(named)
