"""A live server and Debian's chromium, driven by Playwright: the pages people actually use.

The browser is the system's (`make test` installs chromium and fonts-noto-cjk); Playwright's
own browser download is not used. Screenshots land in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from waitress import wasyncore
from waitress.server import create_server

from engine.demo import DEMO_PASSWORD

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# As the machine notes advise: no background networking on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


LONG_WALKS = {"test_every_page.py", "test_every_page_on_a_phone.py", "test_administration_browser.py"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects and pytest-xdist groups
def pytest_collection_modifyitems(items):
    """Every test here is a browser test (`make check` leaves them out with `-m "not browser"`).
    Under `--dist loadgroup` they run in two groups, each on one xdist worker sharing its
    chromium: the long walks of every page apart from the rest, so both cores take a share."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser-walk" if item.path.name in LONG_WALKS else "browser"))


@pytest.fixture
def live_server(app):
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    stopping = threading.Event()

    def serve():
        # The loop runs a turn at a time so the sockets are closed by the thread that selects on
        # them: closing them from the test thread races select() into EBADF.
        while not stopping.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)
        wasyncore.close_all(server._map)
        server.task_dispatcher.shutdown()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.socket.getsockname()[1]}"
    stopping.set()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_as(browser, live_server):
    """page_as("liaison.scjgj") → a page signed in as that demo user, on the inbox; a `viewport`
    ({"width": 390, "height": 844}) for another screen than a laptop's."""
    contexts = []

    def sign_in(username: str, locale: str = "zh-CN", viewport: dict | None = None):
        context = browser.new_context(locale=locale, viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server}/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server}/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    def take(page, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take
