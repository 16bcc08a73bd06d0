"""The top bar: one row on a laptop (1366 px) for whoever has the most links, the search box in
it; on a phone the links and the tools fold behind the menu button and nothing runs off the side."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import DESK, PHONE

# Where each part of the bar sits: every link, the search box, the bell and the user menu.
BAR = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const parts = ['#mainnav a', '.topbar .searchbox input', '.topbar .bell', '.usermenu summary', '.brand']
    .flatMap(s => [...document.querySelectorAll(s)]).filter(el => el.checkVisibility());
  return {parts: parts.map(box), links: [...document.querySelectorAll('#mainnav a')].map(a => box(a).top),
          header: document.querySelector('.topbar').getBoundingClientRect().height};
}"""
WIDE = {"width": 1600, "height": 900}


def overlap_one_row(parts: list[dict]) -> bool:
    """Every part shares a horizontal band with every other: none sits below another."""
    return max(p["top"] for p in parts) < min(p["bottom"] for p in parts)


@pytest.mark.parametrize("username", ["office.director", "site.admin"])
def test_the_bar_is_one_row_at_1366(page_as, username):
    page = page_as(username, viewport=DESK)
    bar = page.evaluate(BAR)
    assert len(set(bar["links"])) == 1, bar["links"]
    assert overlap_one_row(bar["parts"]), bar["parts"]
    page.set_viewport_size(WIDE)
    assert bar["header"] <= page.evaluate(BAR)["header"] and bar["header"] < 80


def test_the_search_box_widens_while_typed_in(page_as):
    page = page_as("office.director", viewport=DESK)
    box = page.locator(".topbar .searchbox input")
    narrow = box.bounding_box()["width"]
    box.focus()
    page.wait_for_timeout(300)  # the widening is eased
    assert box.bounding_box()["width"] > narrow
    assert len(set(page.evaluate(BAR)["links"])) == 1  # the links keep their row meanwhile


@pytest.mark.parametrize("username", ["office.director", "liaison.scjgj"])
def test_on_a_phone_the_bar_folds_and_fits(page_as, username):
    page = page_as(username, viewport=PHONE)
    wide = "() => document.documentElement.scrollWidth - window.innerWidth"
    assert page.locator("#mainnav").is_hidden() and page.evaluate(wide) <= 0
    page.click(".nav-toggle")
    assert page.locator("#mainnav").is_visible() and page.locator(".topbar .searchbox input").is_visible()
    assert page.evaluate(wide) <= 0
