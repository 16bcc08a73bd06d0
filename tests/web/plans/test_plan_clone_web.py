"""The office clones a finished plan into next year's from the plan's page."""

from __future__ import annotations

from plan_run_helpers import finished_plan


def test_the_office_clones_a_finished_plan_into_next_year(signed_in, post, db):
    finished = finished_plan(db)
    office = signed_in("office.director")
    assert "复制为下一年度方案" in office.get(f"/plans/{finished}").text
    copied = post(office, f"/plans/{finished}/clone")
    assert copied.status_code == 302
    page = office.get(copied.headers["Location"]).text
    assert "七星区2028年职业健康帮扶小方案" in page and "2028-01-01 — 2028-01-31" in page
