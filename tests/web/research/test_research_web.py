"""调查研究 on /research: the list and a research's page with each unit's findings and the report's
proposals; the office puts a proposal into the topic pool of the next full meeting, whose round
shows it, and a second time is refused (409); a unit taking part may read but not put (403)."""

from __future__ import annotations

import pytest
from research_steps import PROPOSALS, contributed, planned, reported, research_of

from engine.demo import walkthrough


@pytest.fixture
def research(app, clock):
    """The report is written with two proposals: the research's id."""
    db = app.extensions["lianxi"].db
    return research_of(db, reported(db, clock.now())).id


def test_the_office_puts_a_proposal_into_the_pool_once_and_the_next_round_shows_it(
    app, clock, research, signed_in, post, open_task
):
    office = signed_in("office.staff")
    assert "尘肺病患者救治救助情况调研" in office.get("/research").text
    page = office.get(f"/research/{research}").text
    assert all(text in page for text in PROPOSALS) and page.count("列入下次全体会议议题库") == 2
    assert "区人力资源和社会保障局" in page and "本单位职责范围内的尘肺病患者救治救助情况" in page
    put = f"/research/{research}/proposals/1/pool"
    assert post(office, put).status_code == 302
    page = office.get(f"/research/{research}").text
    assert "已列入全体会议议题库" in page and put not in page and f"/research/{research}/proposals/2/pool" in page
    assert post(office, put).status_code == 409
    round_id = walkthrough.start_meeting(app.extensions["lianxi"].db, clock.now(), "全体会议", process="full_meeting")
    round_page = office.get(f"/tasks/{open_task(round_id, 'open_round').id}").text
    assert "调研提出的议题建议" in round_page and PROPOSALS[0] in round_page and PROPOSALS[1] not in round_page


def test_a_unit_taking_part_reads_the_research_but_does_not_put_a_proposal(research, signed_in, post):
    liaison = signed_in("liaison.rsj")
    assert "尘肺病患者救治救助情况调研" in liaison.get("/research").text
    assert "列入下次全体会议议题库" not in liaison.get(f"/research/{research}").text
    assert post(liaison, f"/research/{research}/proposals/1/pool").status_code == 403
    assert "尘肺病患者救治救助情况调研" not in signed_in("liaison.mzj").get("/research").text


def test_a_unit_outside_the_body_is_refused_on_the_plan_field_by_field(app, clock, signed_in, post, open_task):
    db = app.extensions["lianxi"].db
    instance_id = walkthrough.start_meeting(db, clock.now(), title="调研", process="research")
    task = open_task(instance_id, "plan_research")
    values = {"subject": "调研", "plan": "走访", "starts_on": "2026-11-23", "ends_on": "2026-12-31"}
    values |= {"findings_due": "2026-12-10", "taking_part": ["wjj", "gl.wjj"]}  # the city body's unit
    refused = post(signed_in("office.staff"), f"/tasks/{task.id}/complete", values)
    assert refused.status_code == 422 and "没有这些单位：gl.wjj。" in refused.text
    assert research_of(db, instance_id) is None


def test_the_report_task_shows_each_units_findings(app, clock, signed_in, open_task):
    db = app.extensions["lianxi"].db
    instance_id = planned(db, clock.now())
    contributed(db, instance_id, clock.now())
    page = signed_in("office.staff").get(f"/tasks/{open_task(instance_id, 'write_report').id}").text
    assert f"/research/{research_of(db, instance_id).id}" in page and "各单位调研情况" in page
    assert page.count("本单位职责范围内的尘肺病患者救治救助情况") == 3 and "区总工会" in page
