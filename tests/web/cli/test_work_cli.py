"""`lianxi inspection list|show`, `research list`, `bulletin list`, `report list`: the whole body's
records as the operator sees them, in the API's shapes with --json; an unknown inspection exits 4."""

from __future__ import annotations

import json

from information_steps import released
from inspection_steps import FINDINGS, TITLE, approved, finding, inspection_of, recorded
from research_steps import reported, research_of


def test_inspections_as_a_list_and_one_in_full(app, clock, run):
    db = app.extensions["lianxi"].db
    instance_id = approved(db, clock.now())
    recorded(db, instance_id, "liaison.yjj", finding(*FINDINGS[1][:4]), clock.now())
    inspection_id = inspection_of(db, instance_id).id
    listed = run("inspection", "list", "--body", "qixing", "--json")
    assert listed.exit_code == 0, listed.output
    assert [(i["id"], i["title"], i["findings"]) for i in json.loads(listed.output)] == [(inspection_id, TITLE, 1)]
    shown = json.loads(run("inspection", "show", inspection_id, "--json").output)
    assert shown["findings"][0]["place"] == FINDINGS[1][0] and shown["findings"][0]["item_id"] is not None
    table = run("inspection", "show", inspection_id)
    assert table.exit_code == 0 and FINDINGS[1][0] in table.output and "report: not yet" in table.output
    missing = run("inspection", "show", inspection_id + 100)
    assert missing.exit_code == 4 and "inspection" in missing.output


def test_research_bulletins_and_reports_listed(app, clock, run):
    db = app.extensions["lianxi"].db
    research = research_of(db, reported(db, clock.now()))
    issue = released(db, "zgh", clock.now())
    assert [r["id"] for r in json.loads(run("research", "list", "--body", "qixing", "--json").output)] == [research.id]
    assert research.subject in run("research", "list", "--body", "qixing").output
    bulletins = json.loads(run("bulletin", "list", "--body", "qixing", "--json").output)
    assert [(b["id"], b["status"]) for b in bulletins] == [(issue, "released")]
    reports = json.loads(run("report", "list", "--body", "qixing", "--json").output)
    assert [(r["unit"], r["status"]) for r in reports] == [("zgh", "accepted")]
    table = run("report", "list", "--body", "qixing")
    assert table.exit_code == 0 and reports[0]["title"] in table.output
