"""In a real browser: a team unit's liaison records a finding with its evidence on a 390 px phone,
and the office reads the inspection's page, the finding under supervision, on a 1366 px screen."""

from __future__ import annotations

from inspection_steps import FINDINGS, TITLE, approved, inspection_of
from playwright.sync_api import expect

from tests.browser.page_checks import DESK, PHONE, problems

PLACE, PROBLEM, UNIT, FIX_BY = FINDINGS[0][:4]


def test_the_team_records_a_finding_on_a_phone_and_the_office_reads_it(
    app, clock, page_as, live_server, screenshot, tmp_path
):
    db = app.extensions["lianxi"].db
    page_url = f"{live_server}/inspections/{inspection_of(db, approved(db, clock.now())).id}"
    evidence = tmp_path / "现场照片.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%test\n")

    phone = page_as("liaison.rsj", viewport=PHONE)
    phone.goto(page_url)
    phone.fill("input[name=place]", PLACE)
    phone.fill("textarea[name=problem]", PROBLEM)
    phone.select_option("select[name=responsible_unit]", UNIT)
    phone.check("input[name=needs_fixing]")
    phone.fill("input[name=fix_by]", FIX_BY)
    phone.set_input_files("input[name=evidence]", str(evidence))
    phone.click("#record-finding button[type=submit]")
    expect(phone.locator("#finding-1")).to_contain_text(PLACE)
    assert "正常推进" in phone.locator("#finding-1").inner_text()
    screenshot(phone, "inspection-finding-phone")
    assert problems(phone, phone=True) == []

    office = page_as("office.director", viewport=DESK)
    office.goto(page_url)
    expect(office.locator("h1")).to_contain_text(TITLE)
    office.click("#finding-1 a:has-text('正常推进')")  # to the supervised item, led by the responsible unit
    expect(office.locator("h1")).to_contain_text(PROBLEM)
    office.go_back()
    screenshot(office, "inspection-office-desk")
    assert problems(office) == []
