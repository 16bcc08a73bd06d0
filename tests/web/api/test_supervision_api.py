"""督办 through the API: the ledger with the page's filters, paging and summary, its workbook, one
item's course, and the commands the pages offer (asking for progress, evidence files and their
密级, an item entered by hand, the units' timeliness). A liaison's office command is 403, a
malformed one 400, a bad field 422 and asking twice 409, none of them changing anything. Another
unit's or body's item is 404 (tests/web/test_route_access.py)."""

from __future__ import annotations

import io
from collections import Counter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n"


def _ledger(client, query: str = "") -> dict:
    return client.get(f"/api/v1/supervision/items{query}").json


def _item(client, text: str) -> dict:
    return next(row for row in _ledger(client)["items"] if row["text"] == text)


def test_the_ledger_filters_pages_and_sums_as_the_page_does(api, client):
    office, yjj = api("office.staff"), api("liaison.yjj")
    whole = _ledger(office)
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert set(whole) == set(schema["Ledger"]["properties"]) and set(whole["items"][0]) == set(
        schema["LedgerRow"]["properties"]
    )
    assert whole["total"] == len(whole["items"]) == 6 and whole["pages"] == 1
    statuses = [row["status"] for row in whole["items"]]
    counted = sum((Counter(counts) for counts in whole["summary"]["by_unit"].values()), Counter())
    assert counted == Counter(statuses) and counted["overdue"] == 1
    paged = _ledger(office, "?per_page=4&page=9")  # past the last: the last
    assert (paged["page"], paged["pages"], [r["id"] for r in paged["items"]]) == (
        2,
        2,
        [r["id"] for r in whole["items"][4:]],
    )
    overdue = _ledger(office, "?status=overdue&source=office&year=2026")
    assert [r["lead"] for r in overdue["items"]] == ["yjj"] and overdue["summary"]["by_unit"] == {
        "区应急管理局": {"overdue": 1}
    }
    assert _ledger(office, "?year=2025")["total"] == 0
    cooperating = _ledger(office, "?unit=czj")["items"]
    assert cooperating and all("czj" in (r["lead"], *r["cooperating"]) for r in cooperating)
    own = _ledger(yjj)
    assert own["total"] == 1 and own["items"][0]["lead"] == "yjj"
    assert yjj.get("/api/v1/supervision/items?unit=wjj").status_code == 404  # another unit's ledger
    for bad in ("status=late", "source=memo", "year=20x6", "page=0", "per_page=201"):
        assert office.get(f"/api/v1/supervision/items?{bad}").status_code == 400, bad
    workbook = office.get("/api/v1/supervision/ledger.xlsx?status=overdue")
    assert workbook.status_code == 200 and workbook.mimetype == XLSX and workbook.data[:2] == b"PK"
    assert yjj.get("/api/v1/supervision/ledger.xlsx?unit=wjj").status_code == 404


def test_an_item_shows_its_course_its_steps_and_what_the_caller_may_do(api, client):
    office, gxj = api("office.staff"), api("liaison.gxj")
    closed = _item(office, "排查重点行业企业职业病危害底数")
    shown = office.get(f"/api/v1/supervision/items/{closed['id']}").json
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert set(shown) == set(schema["SupervisedItem"]["properties"])
    assert [e["kind"] for e in shown["events"]] == ["attachment", "completion", "accepted"]
    assert set(shown["events"][0]["attachment"]) == set(schema["ItemFile"]["properties"])
    assert shown["status"] == "closed" and not shown["may_request_progress"] and not shown["tasks"]
    assert gxj.get(f"/api/v1/supervision/items/{closed['id']}").json["events"] == shown["events"]
    overdue = _item(office, "制定职业病危害专项治理实施方案")
    lead = api("liaison.yjj").get(f"/api/v1/supervision/items/{overdue['id']}").json
    assert lead["status"] == "overdue" and lead["may_upload"] and not lead["may_request_progress"]
    assert {t["unit"] for t in lead["tasks"]} <= {"yjj", "ybj", "czj", None} and lead["tasks"]


def test_the_office_asks_for_progress_once_and_a_liaison_may_not(api):
    office = api("office.staff")
    item = _item(office, "制定职业病危害专项治理实施方案")
    url = f"/api/v1/supervision/items/{item['id']}/request-progress"
    refused = api("liaison.yjj").post(url)
    assert refused.status_code == 403
    asked = office.post(url)
    assert asked.status_code == 200 and "report_requested" in {t["name"] for t in asked.json["tasks"]}
    again = office.post(url)
    assert again.status_code == 409 and again.json["error"]["code"] == "no_longer_open"
    closed = _item(office, "排查重点行业企业职业病危害底数")
    assert office.post(f"/api/v1/supervision/items/{closed['id']}/request-progress").status_code == 409
    after = office.get(f"/api/v1/supervision/items/{item['id']}").json["tasks"]
    assert sorted(t["name"] for t in after) == sorted(t["name"] for t in asked.json["tasks"])


def test_evidence_is_uploaded_read_and_levelled_by_those_the_pages_let(api):
    office, yjj = api("office.staff"), api("liaison.yjj")
    item = _item(office, "制定职业病危害专项治理实施方案")
    url = f"/api/v1/supervision/items/{item['id']}/attachments"

    def upload(client, name: str = "方案.pdf", content: bytes = PDF, **parts):  # noqa: ANN001, ANN202
        data = {"file": (io.BytesIO(content), name), "note": "初稿", **parts}
        return client.post(url, data=data, content_type="multipart/form-data")

    kept = upload(yjj)
    assert kept.status_code == 201 and (kept.json["filename"], kept.json["note"]) == ("方案.pdf", "初稿")
    got = office.get(f"/api/v1/supervision/attachments/{kept.json['id']}")
    assert got.data == PDF and got.headers["X-Checksum-SHA256"] == kept.json["sha256"]
    assert upload(api("convener")).status_code == 403  # sees the item, uploads nothing
    bad = upload(yjj, "方案.exe", b"MZ")
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"file"}
    assert upload(yjj, extra="x").status_code == 400
    assert yjj.post(url, json={"note": "no file"}).status_code == 400
    files = [e for e in office.get(f"/api/v1/supervision/items/{item['id']}").json["events"] if e["attachment"]]
    assert [e["attachment"]["id"] for e in files] == [kept.json["id"]]  # the refused ones kept nothing
    level = f"/api/v1/supervision/attachments/{kept.json['id']}/level"
    assert office.post(level, json={"level": "restricted"}).json["level"] == "restricted"
    assert [yjj.post(level, json={"level": "internal"}).status_code, office.post(level, json={}).status_code] == [
        403,
        400,
    ]
    assert office.post(level, json={"level": "public"}).json["error"]["code"] == "needs_director"
    assert yjj.get(f"/api/v1/supervision/attachments/{kept.json['id']}").status_code == 200  # its unit reads it


def test_the_office_enters_an_item_by_hand_and_reads_the_units_timeliness(api):
    office, liaison = api("office.staff"), api("liaison.wjj")
    item = {
        "source_text": "区领导批示",
        "text": "开展职业健康宣传周活动",
        "lead": "wjj",
        "cooperating": ["xcb"],
        "due": "2027-01-15",
    }
    started = office.post("/api/v1/supervision/items", json=item)
    assert started.status_code == 201 and (started.json["lead"], started.json["source_kind"]) == ("wjj", "by_hand")
    assert started.json["status"] == "on_track" and started.json["tasks"]
    refusals = {
        403: liaison.post("/api/v1/supervision/items", json=item),
        422: office.post("/api/v1/supervision/items", json={**item, "lead": "nobody", "due": "soon"}),
        400: office.post("/api/v1/supervision/items", json={**item, "cooperating": "xcb"}),
    }
    assert {status: r.status_code for status, r in refusals.items()} == {s: s for s in refusals}
    assert set(refusals[422].json["error"]["fields"]) == {"lead", "due"}
    assert _ledger(office)["total"] == 7
    timeliness = office.get("/api/v1/supervision/timeliness?year=2026").json
    rows = {row["unit"]: row for row in timeliness["units"]}
    assert timeliness["year"] == 2026 and rows["yjj"]["overdue_items"] and rows["gxj"]["rate"] == 1.0
    assert liaison.get("/api/v1/supervision/timeliness").status_code == 403
    assert office.get("/api/v1/supervision/timeliness?year=soon").status_code == 400
