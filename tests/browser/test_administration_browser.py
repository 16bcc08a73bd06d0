"""In a real browser, on a laptop's screen and on a phone's: the site administrator's bodies and
calendar, a body's roster pages kept by its administrator, and a unit's contacts kept by its
liaison. Each page is photographed once into /tmp/shots/ for a person to look at, and must fit
the screen's width."""

from __future__ import annotations

from pathlib import Path

import pytest

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = Path("/tmp/shots")


def shoot(page, name: str, size: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{name} is {width}px wide on a {size}"


def follow_menu(page, link: str) -> None:
    """A link of the main navigation, which on a phone waits behind the menu button."""
    if page.locator(".nav-toggle").is_visible():
        page.click(".nav-toggle")
    page.click(f"nav.mainnav >> text={link}")


def confirming(page) -> list[str]:
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    return asked


@pytest.mark.parametrize("size", SIZES)
def test_the_site_administrator_sets_up_a_body_and_the_calendar(live_server, page_as, size):
    page = page_as("site.admin", viewport=SIZES[size])
    follow_menu(page, "站点管理")
    page.wait_for_url(f"{live_server}/site/bodies")
    shoot(page, "site-bodies", size)
    for field, value in {
        "code": "newcity",
        "name": "某市职业病防治工作联席会议",
        "government_name": "某市人民政府",
        "body_seal": "市卫生健康委员会",
        "doc_prefix": "某市职防联",
    }.items():
        page.fill(f"#b-{field}", value)
    page.check("input[name=level][value=city]")
    page.click("#new-body button[type=submit]")
    page.wait_for_url(f"{live_server}/site/bodies/newcity")
    shoot(page, "site-body-new", size)

    page.fill("#u-code", "wjw")
    page.fill("#u-name", "市卫生健康委员会")
    page.click("#new-unit button[type=submit]")
    page.wait_for_selector(".flash-success")
    page.fill("#a-username", "city.director")
    page.fill("#a-display_name", "市联席办主任")
    page.click("#new-admin button[type=submit]")
    secret = page.locator(".password-once .secret").inner_text()
    assert len(secret) >= 12
    shoot(page, "site-body-admin", size)

    page.goto(f"{live_server}/site/calendar")
    assert page.locator("h1").inner_text() == "工作日历"
    shoot(page, "site-calendar", size)


@pytest.mark.parametrize("size", SIZES)
def test_the_bodys_administrator_walks_the_roster(live_server, page_as, size):
    page = page_as("office.director", viewport=SIZES[size])
    asked = confirming(page)
    follow_menu(page, "名册管理")
    page.wait_for_url(f"{live_server}/roster")
    shoot(page, "roster-index", size)
    for path, name in (("/roster/body", "roster-body"), ("/roster/units", "roster-units")):
        page.goto(f"{live_server}{path}")
        shoot(page, name, size)

    page.goto(f"{live_server}/roster/people")
    shoot(page, "roster-people", size)
    page.fill("#f-username", "zhang.scjgj")
    page.fill("#f-display_name", "张科员")
    page.select_option("#f-unit", "scjgj")
    page.click("#add button[type=submit]")
    assert len(page.locator(".roster-password code").inner_text()) >= 12
    shoot(page, "roster-person-added", size)

    page.goto(f"{live_server}/roster/units/scjgj/history")
    shoot(page, "roster-history", size)
    page.select_option("#f-seat", "backup_liaison")
    page.select_option("#f-person", "zhang.scjgj")
    page.fill("#f-note", "据该单位来函")
    page.click("form[action$='/history'] button[type=submit]")
    page.wait_for_selector(".flash-success")
    assert asked == ["确认记录这次成员调整？"]
    assert "张科员" in page.locator(".roster-history").inner_text()
    shoot(page, "roster-history-changed", size)


@pytest.mark.parametrize("size", SIZES)
def test_a_liaison_keeps_the_units_contacts(live_server, page_as, size):
    page = page_as("liaison.scjgj", viewport=SIZES[size])
    page.goto(f"{live_server}/units/scjgj")
    page.click("summary:has-text('修改联系方式')")
    page.fill("#c-phone", "0773-5812345")
    page.fill("#c-email", "scjgj@example.cn")
    page.click(".contacts-edit button[type=submit]")
    page.wait_for_selector(".flash-success")
    assert "0773-5812345" in page.locator(".unit-contacts").inner_text()
    shoot(page, "unit-contacts", size)
