"""In a real browser: the office names a unit's new liaison on the unit's page, confirming first."""

from __future__ import annotations

from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts


def test_the_office_changes_a_units_liaison(app, clock, live_server, page_as, screenshot):
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        accounts.create(
            uow.session, "zhang.scjgj", "scjgj", [], display_name="张科员", now=clock.now(), password=DEMO_PASSWORD
        )
        uow.commit()
    page = page_as("office.staff")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.goto(f"{live_server}/units/scjgj")
    page.click("summary:has-text('更换联络员')")
    page.select_option("#primary", "zhang.scjgj")
    page.select_option("#backup", "liaison.scjgj")
    screenshot(page, "unit-liaison-change")
    page.click(".liaison-change button:has-text('保存')")
    page.wait_for_selector(".flash-success")
    assert asked == ["确认更换联络员？该单位的在办事项将转给新的联络员。"]
    people = page.locator(".people").inner_text()
    assert people.index("张科员") < people.index("备用联络员")
