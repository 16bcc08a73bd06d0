"""联合督查 on its pages: the list and one inspection's page with its plan, team, findings and
their supervised items; the team records a finding with its evidence on the page, a refused one
is shown back with each field's error; another body's inspection is not found, a unit outside
the team records nothing. The office's overview lists the inspections in progress."""

from __future__ import annotations

import io

import pytest
from docx import Document
from inspection_steps import FINDINGS, REPORT, TITLE, approved, finding, inspection_of, recorded, reported
from other_body import OFFICE as OTHER_BODY_OFFICE
from sqlalchemy import func, select

from engine.inspections.models import Finding, Inspection

ONE = dict(zip(("place", "problem", "responsible_unit", "fix_by"), FINDINGS[0][:4], strict=True))


@pytest.fixture
def inspection(app, clock) -> int:
    """An approved inspection whose team (rsj, yjj, wsjds, leader liaison.wsjds) has found one problem."""
    db = app.extensions["lianxi"].db
    instance_id = approved(db, clock.now())
    recorded(db, instance_id, "liaison.yjj", finding(*FINDINGS[1][:4]), clock.now())
    return inspection_of(db, instance_id).id


def findings_count(app) -> int:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(func.count()).select_from(Finding))


def test_the_team_records_a_finding_with_its_evidence(app, inspection, signed_in, post):
    team = signed_in("liaison.rsj")
    page = team.get(f"/inspections/{inspection}").text
    assert TITLE in page and 'id="record-finding"' in page
    assert "区人力资源和社会保障局、区应急管理局、区卫生计生监督所" in page  # the team, in roster order
    form = {**ONE, "needs_fixing": "on", "evidence": (io.BytesIO(b"%PDF-1.4\n"), "检测报告.pdf")}
    sent = post(team, f"/inspections/{inspection}/findings", form, content_type="multipart/form-data")
    assert sent.status_code == 302
    page = team.get(f"/inspections/{inspection}").text
    assert "某铸造有限公司" in page and "检测报告.pdf" in page and "正常推进" in page
    evidence = page.split("检测报告.pdf")[0].rsplit('href="', 1)[1].split('"')[0]
    assert team.get(evidence).data == b"%PDF-1.4\n"
    assert signed_in("liaison.mzj").get(evidence).status_code == 404


def test_the_team_finds_its_inspection_from_the_ledger(inspection, signed_in):
    """A team's liaisons have no task while they inspect: the ledger, where the findings go, links
    the inspections, and the list shows them theirs."""
    team = signed_in("liaison.rsj")
    assert 'href="/inspections"' in team.get("/supervision").text
    assert f'href="/inspections/{inspection}"' in team.get("/inspections").text


def test_a_refused_finding_comes_back_with_each_fields_error(app, inspection, signed_in, post):
    refused = post(
        signed_in("liaison.wsjds"),
        f"/inspections/{inspection}/findings",
        {**ONE, "responsible_unit": "", "needs_fixing": "on", "fix_by": ""},
    )
    assert refused.status_code == 422
    assert refused.text.count('role="alert"') == 2 and ONE["place"] in refused.text  # what was typed stays
    assert findings_count(app) == 1


def test_another_body_finds_nothing_and_a_unit_outside_the_team_records_nothing(
    app, inspection, lingui, signed_in, post
):
    for username in (OTHER_BODY_OFFICE, "liaison.mzj"):
        assert signed_in(username).get(f"/inspections/{inspection}").status_code == 404
        assert TITLE not in signed_in(username).get("/inspections").text
        assert post(signed_in(username), f"/inspections/{inspection}/findings", ONE).status_code == 404
    answering = signed_in("liaison.yjj")  # answers the finding, and is in the team
    assert answering.get(f"/inspections/{inspection}").status_code == 200
    outside = signed_in("liaison.scjgj")
    post(signed_in("office.staff"), f"/inspections/{inspection}/findings", {**ONE, "responsible_unit": "scjgj"})
    page = outside.get(f"/inspections/{inspection}").text  # it answers a finding now: it sees the page
    assert TITLE in page and 'id="record-finding"' not in page
    assert post(outside, f"/inspections/{inspection}/findings", ONE).status_code == 403
    assert findings_count(app) == 2


def test_the_office_overview_lists_inspections_in_progress_and_their_open_findings(inspection, signed_in):
    home = signed_in("office.director").get("/").text
    assert 'id="inspections"' in home and TITLE in home and FINDINGS[1][0] in home


def test_the_report_once_out_is_a_docx_with_its_findings_annexed(app, clock, inspection, signed_in):
    office = signed_in("office.staff")
    assert office.get(f"/inspections/{inspection}/report.docx").status_code == 404  # no report yet
    db = app.extensions["lianxi"].db
    with db.read_session() as session:
        reported(db, session.get(Inspection, inspection).instance_id, clock.now())
    assert "下载督查报告" in office.get(f"/inspections/{inspection}").text
    response = office.get(f"/inspections/{inspection}/report.docx")
    lines = [p.text for p in Document(io.BytesIO(response.data)).paragraphs]
    place, problem, _unit, _fix_by, _by = FINDINGS[1]
    assert f"{TITLE}报告" in lines and REPORT.splitlines()[0] in lines
    assert f"1．{place}：{problem}。责任单位：区应急管理局；2026年12月20日前整改。" in lines
