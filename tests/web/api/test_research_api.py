"""调查研究 through the API: the list and one research with each unit's findings and the report's
proposals; the office pools a proposal once (409 the second time), a unit taking part may read
but not pool (403), and a unit taking no part finds nothing (404)."""

from __future__ import annotations

import pytest
from research_steps import PROPOSALS, UNITS, reported, research_of


@pytest.fixture
def research(app, clock) -> int:
    db = app.extensions["lianxi"].db
    return research_of(db, reported(db, clock.now())).id


def test_the_office_pools_a_proposal_once(api, research):
    office = api("office.staff")
    assert [r["id"] for r in office.get("/api/v1/research").json["research"]] == [research]
    shown = office.get(f"/api/v1/research/{research}").json
    assert [f["unit"] for f in shown["findings"]] == UNITS and all(f["text"] for f in shown["findings"])
    assert [(p["text"], p["pooled"]) for p in shown["proposals"]] == [(text, False) for text in PROPOSALS]
    pooled = office.post(f"/api/v1/research/{research}/proposals/1/pool")
    assert pooled.status_code == 200 and pooled.json["pooled"] and pooled.json["pooled_by"] == "office.staff"
    again = office.post(f"/api/v1/research/{research}/proposals/1/pool")
    assert again.status_code == 409 and again.json["error"]["code"] == "already_pooled"
    assert [p["pooled"] for p in office.get(f"/api/v1/research/{research}").json["proposals"]] == [True, False]
    assert office.post(f"/api/v1/research/{research}/proposals/9/pool").status_code == 404


def test_a_unit_reads_but_does_not_pool_and_another_finds_nothing(api, research):
    taking_part = api("liaison.wjj")
    assert taking_part.get(f"/api/v1/research/{research}").status_code == 200
    assert taking_part.post(f"/api/v1/research/{research}/proposals/1/pool").status_code == 403
    outsider = api("liaison.mzj")
    assert outsider.get("/api/v1/research").json == {"research": []}
    assert outsider.get(f"/api/v1/research/{research}").status_code == 404
    assert outsider.post(f"/api/v1/research/{research}/proposals/1/pool").status_code == 404
