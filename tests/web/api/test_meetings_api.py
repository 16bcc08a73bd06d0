"""Meetings through the API: the list and one meeting as the pages show them to the office and to a
liaison, the unit's copy and the .docx downloads, and the office's 列席 and 密级; a liaison's
command is 403, a malformed one 400, a bad field 422 and 列席 on a meeting already issued 409,
none of them changing anything. Another unit's or body's meeting is 404 (tests/web/test_route_access.py)."""

from __future__ import annotations

import pytest

from tests.web import meeting_setup as setup

FULL = "年度全体会议"  # co-signing its minutes
PROPOSED = "研究部署职业病危害专项治理工作"  # an office meeting awaiting the director
ISSUED = "筹备联席会议全体会议"  # an office meeting whose units sign for their copies in a task
DEPLOYED = "部署职业病防治重点工作"  # issued, its items under supervision
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def ids(api) -> dict[str, int]:
    return {m["title"]: m["id"] for m in api("office.staff").get("/api/v1/meetings").json["meetings"]}


def _schema(client, name: str) -> dict:
    return client.get("/api/v1/openapi.json").json["components"]["schemas"][name]


def test_the_office_and_a_liaison_list_the_meetings_they_see_paged_and_filtered(api):
    office, liaison = api("office.staff"), api("liaison.scjgj")
    listed = office.get("/api/v1/meetings").json
    schema = _schema(office, "MeetingList")["properties"]
    assert set(listed) == set(schema) and set(listed["meetings"][0]) == set(schema["meetings"]["items"]["properties"])
    assert [m["title"] for m in listed["meetings"]] == [FULL, PROPOSED, ISSUED, DEPLOYED]  # in progress first
    assert (listed["total"], listed["pages"], listed["per_page"]) == (4, 1, 20)
    assert {m["title"]: m["units_owing"] for m in listed["meetings"]}[ISSUED] == 4
    second = office.get("/api/v1/meetings?per_page=1&page=2").json
    assert [m["title"] for m in second["meetings"]] == [PROPOSED] and second["pages"] == 4
    issued = office.get("/api/v1/meetings?status=issued&kind=office").json["meetings"]
    assert [m["title"] for m in issued] == [ISSUED, DEPLOYED]
    mine = liaison.get("/api/v1/meetings").json["meetings"]
    assert [(m["title"], m["has_copy"]) for m in mine] == [(FULL, False), (ISSUED, True)]
    for bad in ("status=held2", "kind=board", "page=0", "per_page=101", "page=x"):
        refused = office.get(f"/api/v1/meetings?{bad}")
        assert refused.status_code == 400 and refused.json["error"]["code"] == "bad_request", bad


def test_a_meeting_shows_the_office_its_records_and_a_liaison_what_its_page_shows(api, ids):
    office, liaison = api("office.staff"), api("liaison.scjgj")
    shown = office.get(f"/api/v1/meetings/{ids[FULL]}").json
    assert set(shown) == set(_schema(office, "MeetingDetail")["properties"])
    assert [s["stage"] for s in shown["stages"] if s["state"] == "current"] == ["cosigning"]
    assert shown["kind"] == "full" and shown["chair"] == "convener" and shown["may_record_sitting_in"]
    latest = shown["minutes"][-1]
    assert latest["decided_items"][0]["lead"] == "wjj" and latest["signatures"]
    signed = {s["unit"] for s in latest["signatures"]}
    progress = {row["unit"]: row for row in shown["progress"]["cosign_minutes"]}
    assert {u for u, row in progress.items() if row["decision"]} == signed
    assert sum(row["status"] == "open" for row in progress.values()) == len(shown["owed"]) > 0
    assert [e["kind"] for e in shown["timeline"]][0] == "opened"
    seen = liaison.get(f"/api/v1/meetings/{ids[FULL]}").json
    assert not {"progress", "owed", "suggestions", "copies"} & set(seen)
    assert seen["minutes"] == shown["minutes"] and not seen["may_record_sitting_in"] and seen["own_copy"] is None
    deployed = office.get(f"/api/v1/meetings/{ids[DEPLOYED]}").json
    assert [i["number"] for i in deployed["items"]] == [1, 2, 3, 4] and len(deployed["copies"]) > 0
    gxj = api("liaison.gxj").get(f"/api/v1/meetings/{ids[DEPLOYED]}").json
    assert [(i["number"], i["lead"]) for i in gxj["items"]] == [(1, "gxj")]  # only the items its unit is in
    assert gxj["own_copy"]["opened_by"] == "liaison.gxj"


def test_the_units_copy_and_the_documents(api, ids):
    liaison = api("liaison.scjgj")
    copy = liaison.get(f"/api/v1/meetings/{ids[ISSUED]}/copy").json
    assert set(copy) == set(_schema(liaison, "MeetingCopy")["properties"])
    assert copy["unit"] == "scjgj" and copy["meeting"]["title"] == ISSUED and "signatures" not in copy["minutes"]
    # its unit signs for it in a task: reading the copy is not the receipt
    assert copy["receipt_task"]["status"] == "open" and copy["opened_at"] is None
    assert liaison.get(f"/api/v1/meetings/{ids[ISSUED]}/copy").json["opened_at"] is None
    assert liaison.get(f"/api/v1/meetings/{ids[FULL]}/copy").status_code == 404  # no copy yet
    minutes = liaison.get(f"/api/v1/meetings/{ids[ISSUED]}/minutes.docx")
    assert minutes.status_code == 200 and minutes.mimetype == DOCX and minutes.data[:2] == b"PK"
    assert liaison.get(f"/api/v1/meetings/{ids[FULL]}/minutes.docx").status_code == 404  # not issued
    notice = liaison.get(f"/api/v1/meetings/{ids[FULL]}/notice.docx")
    assert notice.status_code == 200 and notice.mimetype == DOCX
    assert api("office.staff").get(f"/api/v1/meetings/{ids[PROPOSED]}/notice.docx").status_code == 404  # not sent


def test_reading_the_copy_is_the_units_receipt_unless_opened_from_another_site(api, db, clock):
    instance = setup.issued_special(db, clock, ["wjj", "scjgj"])
    url = f"/api/v1/meetings/{setup.meeting_id(db, instance)}/copy"
    read = api("liaison.wjj").get(url).json
    assert (read["opened_by"], read["receipt_task"]) == ("liaison.wjj", None)
    linked = api("liaison.scjgj").get(url, headers={"Sec-Fetch-Site": "cross-site"}).json
    assert linked["opened_at"] is None and linked["minutes"]["text"]
    copies = {c["unit"]: c["opened_by"] for c in api("office.staff").get(url.removesuffix("/copy")).json["copies"]}
    assert (copies["wjj"], copies["scjgj"]) == ("liaison.wjj", None)


def test_the_office_records_who_sat_in_and_nobody_else_nor_anything_wrong(api, ids):
    office, url = api("office.staff"), f"/api/v1/meetings/{ids[FULL]}/sitting-in"
    recorded = office.post(url, json={"sitting_in": ["office.staff", "office.director"]})
    assert recorded.status_code == 200 and recorded.json["sitting_in"] == ["office.director", "office.staff"]
    refusals = {
        403: api("liaison.scjgj").post(url, json={"sitting_in": []}),
        400: office.post(url, json={"sitting_in": "office.staff"}),
        422: office.post(url, json={"sitting_in": ["liaison.wjj"]}),
        409: office.post(f"/api/v1/meetings/{ids[ISSUED]}/sitting-in", json={"sitting_in": []}),
    }
    assert {status: r.status_code for status, r in refusals.items()} == {s: s for s in refusals}
    assert set(refusals[422].json["error"]["fields"]) == {"sitting_in"}
    assert refusals[409].json["error"]["code"] == "sitting_in_closed"
    shown = office.get(f"/api/v1/meetings/{ids[FULL]}").json
    assert shown["units"]["sitting_in"] == ["office.director", "office.staff"]


def test_the_office_sets_the_minutes_level_the_director_alone_makes_them_public(api, ids):
    staff, url = api("office.staff"), f"/api/v1/meetings/{ids[ISSUED]}/level"
    set_ = staff.post(url, json={"level": "restricted"})
    assert set_.status_code == 200 and set_.json["level"] == "restricted"
    refusals = [
        (staff.post(url, json={"level": "public"}), 403, "needs_director"),
        (api("liaison.scjgj").post(url, json={"level": "internal"}), 403, "forbidden"),
        (staff.post(url, json={"level": "secret"}), 422, "invalid_data"),
        (staff.post(url, json={"level": 1}), 400, "bad_request"),
    ]
    assert [(r.status_code, r.json["error"]["code"]) for r, *_ in refusals] == [(s, c) for _, s, c in refusals]
    assert staff.get(f"/api/v1/meetings/{ids[ISSUED]}").json["level"] == "restricted"
    assert api("office.director").post(url, json={"level": "public"}).json["level"] == "public"
