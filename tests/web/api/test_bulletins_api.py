"""简报 through the API: a released issue with its number, masthead, items and copies, seen by the
units it went to; one still compiled is the office's only (404 for a unit), and another body's
office finds neither."""

from __future__ import annotations

from information_steps import begun, bulletin_of, filed, released, reviewed
from other_body import OFFICE as OTHER_BODY_OFFICE
from other_body import new_body


def test_a_released_issue_and_one_still_compiled(app, api, clock):
    db = app.extensions["lianxi"].db
    issue = released(db, "zgh", clock.now())
    reviewed(db, filed(db, "rsj", clock.now()), "accept", clock.now())
    draft = bulletin_of(db, begun(db, clock.now())).id
    unit = api("liaison.wjj")
    assert [b["id"] for b in unit.get("/api/v1/bulletins").json["bulletins"]] == [issue]
    shown = unit.get(f"/api/v1/bulletins/{issue}").json
    assert shown["status"] == "released" and shown["number"].startswith("第") and shown["masthead"] == "bulletin"
    assert [item["unit"] for item in shown["items"]] == ["zgh"]
    assert "wjj" in [copy["unit"] for copy in shown["receipts"]]
    assert unit.get(f"/api/v1/bulletins/{draft}").status_code == 404
    office = api("office.staff")
    assert {b["id"] for b in office.get("/api/v1/bulletins").json["bulletins"]} == {issue, draft}
    assert office.get(f"/api/v1/bulletins/{draft}").json["number"] is None
    new_body(db, clock.now())
    assert api("liaison.sfj").get(f"/api/v1/bulletins/{issue}").status_code == 404  # no member unit: no copy
    assert api(OTHER_BODY_OFFICE).get(f"/api/v1/bulletins/{issue}").status_code == 404
