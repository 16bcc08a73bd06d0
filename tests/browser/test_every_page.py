"""Every page the home page links to, as every kind of demo user, on a desk in English: each must
fit the screen, work, show no raw names and no untranslated text (tests/browser/page_checks.py).
On a phone each user's menu folds; every page on a phone is tests/browser/test_every_page_on_a_phone.py's,
and every page's words in both languages tests/web/test_every_page_reads.py's."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.page_checks import DESK, PHONE, body_data, keep, problems

ROLES = [
    "office.director",
    "office.staff",
    "convener",
    "liaison.scjgj",
    "office.deputy",
    "site.admin",
    "gl.office.director",
]
# Pages of one shape (/tasks/<id>, /inbox?show=…) look alike: one of each, and so many in all per
# person. (A member has no password in the demo, so cannot sign in: the deputy stands in.)
PAGES_PER_PERSON = 10
SAME_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+")
NOT_PAGES = re.compile(r"/logout|/export|/download|/files?/|\.(xlsx|docx|pdf|csv)$|[?&]lang=")

# The page's own links first (a task, a meeting, a unit), then the header's.
LINKS = """() => [...document.querySelectorAll('main a[href]'), ...document.querySelectorAll('header a[href]')]
  .filter(a => !a.hasAttribute('download'))
  .map(a => a.href.split('#')[0])"""


def pages_linked(page, origin: str) -> list[str]:
    """The home page and its own links, one per shape of address, in the order they appear."""
    chosen = {"/": "/"}
    for url in page.evaluate(LINKS):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if url.startswith(origin) and not NOT_PAGES.search(path):
            chosen.setdefault(SAME_SHAPE.sub("#", parts.path), path)
    return list(chosen.values())[:PAGES_PER_PERSON]


def walk(page, origin: str, paths: list[str], name: str, **checks) -> list[str]:
    found = []
    for number, path in enumerate(paths):
        response = page.goto(origin + path)
        if response.status >= 500:
            found.append(f"{path}: HTTP {response.status}")
        keep(page, f"{name}-{number:02d}{re.sub(r'[^a-z0-9]+', '-', path)[:30]}")
        found += problems(page, **checks)
    return found


def menu_folds(page) -> None:
    """On a phone the links wait behind the menu button, which says whether it is open."""
    toggle, links = page.locator(".nav-toggle"), page.locator("#mainnav")
    assert links.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert links.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    keep(page, "menu-open")
    toggle.click()
    assert links.is_hidden()


@pytest.mark.parametrize("username", ROLES)
def test_every_page_fits_works_and_speaks_the_language(username, db, page_as, live_server):
    menu_folds(page_as(username, viewport=PHONE))
    desk = page_as(username, locale="en-US", viewport=DESK)
    paths = pages_linked(desk, live_server)
    found = walk(desk, live_server, paths, f"{username}-desk-en", english=body_data(db))
    assert not found, "\n".join(sorted(set(found)))
